"""The loopback HTTP server the scraper tests (and later others) run against."""

import urllib.error
import urllib.request

import pytest

from tests.http_server import LoopbackServer


def fetch(url, data=None):
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data=data), timeout=5) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def test_it_serves_files_and_bodies_by_path_and_query(server, tmp_path):
    (tmp_path / "list.json").write_text('{"ok": true}')
    server.add("/list", file=tmp_path / "list.json", query={"page": "2", "size": "50"})
    server.add("/list", "<p>any other query</p>")
    status, headers, body = fetch(f"{server.url}/list?size=50&page=2")
    assert (status, headers["Content-Type"], body) == (200, "application/json", b'{"ok": true}')
    status, headers, body = fetch(f"{server.url}/list?page=9")
    assert (status, headers["Content-Type"], body) == (200, "text/html; charset=utf-8", b"<p>any other query</p>")
    assert server.url.startswith("http://127.0.0.1:")


def test_unrouted_paths_and_robots_txt_are_404(server):
    assert fetch(f"{server.url}/robots.txt")[0] == 404
    server.add("/only-post", b"posted", method="POST")
    assert fetch(f"{server.url}/only-post")[0] == 404


def test_posts_are_routed_and_recorded_with_their_body(server):
    server.add("/agree", b"thanks", method="POST", headers={"Set-Cookie": "session=1"})
    status, headers, body = fetch(f"{server.url}/agree", data=b"accept=Y&token=abc")
    assert (status, headers["Set-Cookie"], body) == (200, "session=1", b"thanks")
    [request] = server.requests
    assert (request.method, request.path, request.form) == ("POST", "/agree", {"accept": "Y", "token": "abc"})


def test_a_path_can_be_told_to_fail_and_the_newest_route_wins(server):
    server.add("/page", b"fine")
    server.fail("/page", 500, query={"n": "2"})
    assert fetch(f"{server.url}/page?n=1")[:1] == (200,)
    assert fetch(f"{server.url}/page?n=2")[0] == 500
    server.fail("/page", 503)
    assert fetch(f"{server.url}/page?n=1")[0] == 503


def test_a_handler_can_answer_dynamically(server):
    server.add("/sms", method="POST", handler=lambda request: (202, {"X-Id": "7"}, request.body.upper()))
    status, headers, body = fetch(f"{server.url}/sms", data=b"hello")
    assert (status, headers["X-Id"], body) == (202, "7", b"HELLO")


def test_it_stops_cleanly():
    with LoopbackServer() as server:
        url = server.url
        server.add("/", b"up")
        assert fetch(url + "/")[2] == b"up"
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(url + "/", timeout=2)
