"""A small threaded HTTP server on 127.0.0.1 for tests that need a real remote end.

    with LoopbackServer() as server:
        server.add("/list", b"<html>...</html>", query={"page": "2"})
        server.add("/agree", file=path, method="POST", headers={"Set-Cookie": "s=1"})
        server.fail("/list", 500, query={"page": "3"})
        server.add("/hook", handler=lambda request: (200, {"Content-Type": "text/plain"}, b"ok"))
        ... server.url + "/list?page=2" ...
    server.requests  # every request received, in order

A route matches a method, a path and, optionally, an exact query (compared as sorted pairs, so the
order of parameters does not matter); the newest matching route wins, and a route for a specific
query wins over one for any query. Anything unrouted, /robots.txt included, is a 404.
"""

import mimetypes
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit


@dataclass
class ReceivedRequest:
    method: str
    path: str
    query: str
    headers: dict
    body: bytes

    @property
    def params(self):
        return dict(parse_qsl(self.query, keep_blank_values=True))

    @property
    def form(self):
        return dict(parse_qsl(self.body.decode("latin-1"), keep_blank_values=True))


@dataclass
class Route:
    method: str
    path: str
    query: tuple | None
    status: int = 200
    headers: dict = field(default_factory=dict)
    body: bytes = b""
    file: Path | None = None
    handler: object = None

    def respond(self, request):
        if self.handler is not None:
            return self.handler(request)
        body = self.file.read_bytes() if self.file is not None else self.body
        return self.status, self.headers, body


def _query_key(query):
    if query is None:
        return None
    pairs = parse_qsl(query, keep_blank_values=True) if isinstance(query, str) else list(query.items())
    return tuple(sorted((str(key), str(value)) for key, value in pairs))


class LoopbackServer:
    """Serves routed responses on 127.0.0.1 at a free port; start() / stop(), or use it in `with`."""

    def __init__(self):
        self.routes = []
        self.requests = []
        self._lock = threading.Lock()
        self._httpd = None
        self._thread = None

    @property
    def url(self):
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def add(self, path, body=b"", *, file=None, method="GET", query=None, status=200,
            headers=None, content_type=None, handler=None):
        """Answers method + path (+ exact query, given as a string or a dict) with this response."""
        if isinstance(body, str):
            body = body.encode("utf-8")
            content_type = content_type or "text/html; charset=utf-8"
        headers = dict(headers or {})
        if file is not None:
            file = Path(file)
            content_type = content_type or mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        if content_type:
            headers.setdefault("Content-Type", content_type)
        route = Route(method.upper(), path, _query_key(query), status, headers, body, file, handler)
        with self._lock:
            self.routes.append(route)
        return route

    def fail(self, path, status=500, *, method="GET", query=None):
        """Answers method + path (+ query) with an error status from now on."""
        return self.add(path, f"error {status}".encode(), method=method, query=query, status=status,
                        content_type="text/plain; charset=utf-8")

    def clear(self):
        with self._lock:
            self.routes.clear()
            self.requests.clear()

    def find(self, method, path, query):
        key = _query_key(query)
        with self._lock:
            candidates = [r for r in reversed(self.routes) if r.method == method and r.path == path]
        exact = [r for r in candidates if r.query == key]
        return (exact or [r for r in candidates if r.query is None] or [None])[0]

    def start(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _answer(self):
                parts = urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                request = ReceivedRequest(
                    self.command, parts.path, parts.query, dict(self.headers.items()),
                    self.rfile.read(length) if length else b"",
                )
                with server._lock:
                    server.requests.append(request)
                route = server.find(self.command, parts.path, parts.query)
                if route is None:
                    status, headers, body = 404, {"Content-Type": "text/plain; charset=utf-8"}, b"not found"
                else:
                    status, headers, body = route.respond(request)
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)

            do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = _answer

            def log_message(self, *args):
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="loopback-http", daemon=True)
        self._thread.start()
        return self

    def stop(self):
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._thread.join(timeout=5)
            self._httpd = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()
