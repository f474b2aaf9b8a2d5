"""ph_dmw against recordings of the DMW licensed agencies JSON endpoint, served on the loopback."""

import codecs
import json
from datetime import datetime, timezone


from scrapers.items import FIELDS
from tests.scrapers.support import comparable, crawl, recorded_crawl_fixture, recorded_text, serve_recording

SPIDER = "ph_dmw"
API = "/api/licensed-agencies"
JSON = "application/json; charset=utf-8"


def page(number):
    return json.loads(recorded_text(SPIDER, f"page-{number}.json"))


def serve_page(server, number, body, content_type=JSON):
    if not isinstance(body, bytes):
        body = json.dumps(body, ensure_ascii=False).encode("utf-8")
    server.add(API, body, query={"page": str(number)}, content_type=content_type)


recorded = recorded_crawl_fixture(SPIDER)


def test_every_page_is_read_and_the_report_is_complete(recorded):
    result, server = recorded
    assert result.returncode == 0, result.log
    assert result.report["complete"] is True
    assert result.quiet, result.log
    assert result.report["items"] == len(result.items) == 112
    assert result.report["pages"] == 3
    assert result.report["errors"] == [] and result.report["rejected"] == 0 and result.rejects == []
    pages = sorted(request.params["page"] for request in server.requests if request.path == API)
    assert pages == ["1", "2", "3"]


def test_rows_carry_the_registrys_values_in_the_feed_contract(recorded):
    result, server = recorded
    first = result.by_licence["POEA-089-LB-112514-R"]
    assert first == {
        "source": "ph_dmw",
        "country": "PH",
        "licence_number": "POEA-089-LB-112514-R",
        "name": "Abakada Manpower & General Services, Inc.",
        "name_local": "",
        "status": "valid",
        "status_raw": "Valid",
        "status_date": None,
        "valid_from": "2022-11-25",
        "valid_until": "2026-11-24",
        "address": "Unit 5, 2/F Santos Bldg., 1120 Quirino Avenue, Parañaque City",
        "phone": "(02) 8523-4410",
        "email": "info@abakada-manpower.example.ph",
        "website": "",
        "source_url": f"{server.url}{API}?page=1",
        "fetched_at": first["fetched_at"],
    }
    fetched = datetime.fromisoformat(first["fetched_at"])
    assert fetched.utcoffset() == timezone.utc.utcoffset(None)
    banned = result.by_licence["POEA-212-SB-071209-MLC"]
    assert (banned["status"], banned["status_raw"], banned["valid_until"]) == ("revoked", "Forever Banned", "2023-07-11")
    pending = result.by_licence["DMW-045-LB-03232023-R"]
    assert (pending["name"], pending["status"], pending["status_raw"]) == (
        "Tanglaw Global Workforce Inc.", "valid", "Valid - With Pending Case")
    assert pending["source_url"] == f"{server.url}{API}?page=2"
    last = result.by_licence["DMW-118-LB-09012024-R"]
    assert (last["name"], last["status"], last["valid_from"]) == ("Dasmariñas Overseas Placement Co.", "suspended", "2024-09-01")
    # Every status string in the recordings is mapped; none is guessed.
    assert all(item["status"] for item in result.items)
    assert {item["status"] for item in result.items} == {"valid", "suspended", "cancelled", "revoked", "expired"}


def test_each_feed_line_has_exactly_the_contract_keys_in_order(recorded):
    result, _server = recorded
    assert result.items
    assert all(list(item) == list(FIELDS) for item in result.items)  # json keeps the file's key order


def test_a_changed_key_order_gives_the_same_items(recorded, server, tmp_path):
    baseline, _ = recorded
    for number in (1, 2, 3):
        body = page(number)
        body["data"] = [dict(reversed(list(row.items()))) for row in body["data"]]
        serve_page(server, number, dict(reversed(list(body.items()))))
    result = crawl(SPIDER, server.url, tmp_path)
    assert result.report["complete"] is True
    assert comparable(result.items) == comparable(baseline.items)


def test_hostile_rows_are_cleaned_or_rejected_with_their_reason(server, tmp_path):
    first, second, third = page(1), page(2), page(3)
    template = dict(second["data"][0])
    hostile = [
        {"agency_name": "<script>alert('x')</script><b>Sinag</b> Manpower &amp; Co.", "license_no": "DMW-301-LB-01152024-R"},
        {"agency_name": "Megabyte Manpower Inc.", "address": "x" * 1_048_576, "license_no": "DMW-302-LB-01162024-R"},
        {"agency_name": "Short Number Manpower Inc.", "license_no": "POEA-89-LB-112514-R"},
        {"agency_name": "Second Holder Of A Number Inc.", "license_no": second["data"][0]["license_no"]},
        {"agency_name": "Appeal Manpower Inc.", "license_no": "DMW-303-LB-01172024-R", "status": "Valid - Under Appeal"},
        {"agency_name": "Bell\u0007 Manpower Inc.", "license_no": "DMW-304-LB-01182024-R"},
        {"agency_name": "Likha \ufffd Manpower Inc.", "license_no": "DMW-305-LB-01192024-R"},
        {"agency_name": "Leap Day Manpower Inc.", "license_no": "DMW-306-LB-01202024-R", "validity_to": "02/31/2027"},
    ]
    second["data"] += [{**template, **row} for row in hostile]
    for body in (first, second, third):
        body["total"] += len(hostile)
    # Page 1 arrives as Latin-1, page 3 as UTF-8 with a byte order mark; both declared.
    serve_page(server, 1, json.dumps(first, ensure_ascii=False).encode("latin-1"), "application/json; charset=iso-8859-1")
    serve_page(server, 2, second)
    serve_page(server, 3, codecs.BOM_UTF8 + json.dumps(third, ensure_ascii=False).encode("utf-8"), "application/json")

    result = crawl(SPIDER, server.url, tmp_path)

    assert result.report["complete"] is True, result.report
    assert result.by_licence["POEA-089-LB-112514-R"]["address"].endswith("Parañaque City")
    assert result.by_licence["DMW-118-LB-09012024-R"]["name"] == "Dasmariñas Overseas Placement Co."
    assert result.by_licence["DMW-301-LB-01152024-R"]["name"] == "Sinag Manpower & Co."
    appeal = result.by_licence["DMW-303-LB-01172024-R"]
    assert (appeal["status"], appeal["status_raw"]) == (None, "Valid - Under Appeal")
    assert result.report["unknown_statuses"] == ["Valid - Under Appeal"]
    # The first holder of a licence number stays; the second is rejected.
    assert result.by_licence[second["data"][0]["license_no"]]["name"] == second["data"][0]["agency_name"]
    reasons = {line["item"]["licence_number"]: line["reason"] for line in result.rejects}
    assert reasons == {
        "DMW-302-LB-01162024-R": "address longer than 1000 characters",
        "POEA-89-LB-112514-R": "licence_number does not match the PH format",
        second["data"][0]["license_no"]: "duplicate licence_number",
        "DMW-304-LB-01182024-R": "name has control characters",
        "DMW-305-LB-01192024-R": "name has undecodable text",
        "DMW-306-LB-01202024-R": "valid_until is not a date",
    }
    assert result.report["rejected"] == 6
    assert result.report["reject_reasons"]["duplicate licence_number"] == 1
    assert result.report["items"] == 112 + 2
    for line in result.rejects:
        assert line["source_url"] == f"{server.url}{API}?page=2"
        assert line["fetched_at"]
    megabyte = result.rejected("address longer than 1000 characters")[0]["item"]["address"]
    assert len(megabyte) < 3000 and megabyte.endswith("[1048576 characters in all]")
    assert not any(item["licence_number"] == "DMW-302-LB-01162024-R" for item in result.items)


def test_a_server_error_mid_crawl_makes_the_report_incomplete(server, tmp_path):
    serve_recording(server, SPIDER)
    server.fail(API, 500, query={"page": "2"})
    result = crawl(SPIDER, server.url, tmp_path)
    assert result.returncode == 0
    assert result.report["complete"] is False
    assert result.report["errors"] == [f"HTTP 500 at {server.url}{API}?page=2"]
    assert len(result.items) == 62  # pages 1 and 3
    # The page was tried three times (RETRY_TIMES=2) before the crawl gave up on it.
    assert sum(1 for r in server.requests if r.path == API and r.params == {"page": "2"}) == 3


def test_a_changed_layout_makes_the_report_incomplete(server, tmp_path):
    serve_recording(server, SPIDER)
    renamed = page(2)
    renamed["data"] = [{("licenseNumber" if k == "license_no" else k): v for k, v in row.items()} for row in renamed["data"]]
    serve_page(server, 2, renamed)
    serve_page(server, 3, b"<html><body>Under maintenance</body></html>", "text/html; charset=utf-8")
    result = crawl(SPIDER, server.url, tmp_path)
    assert result.report["complete"] is False
    assert sorted(result.report["errors"]) == [
        f"layout changed at {server.url}{API}?page=2: expected columns agency_name, license_no, status, address, "
        "found id, agency_name, address, contact_person, telephone, email, licenseNumber, status, validity_from, "
        "validity_to, type",
        f"layout changed at {server.url}{API}?page=3: expected keys data, last_page, total, found (not a JSON object)",
    ]
    assert len(result.items) == 50


def test_an_empty_registry_is_an_empty_complete_feed(server, tmp_path):
    serve_page(server, 1, {"current_page": 1, "data": [], "last_page": 1, "per_page": 50, "total": 0})
    result = crawl(SPIDER, server.url, tmp_path)
    assert result.returncode == 0
    assert (tmp_path / "feed.jsonl").read_text() == ""
    assert result.report["complete"] is True
    assert (result.report["items"], result.report["pages"], result.report["errors"]) == (0, 1, [])


def test_an_empty_page_where_rows_should_be_makes_the_report_incomplete(server, tmp_path):
    serve_recording(server, SPIDER)
    emptied = page(2)
    emptied["data"] = []
    serve_page(server, 2, emptied)
    result = crawl(SPIDER, server.url, tmp_path)
    assert result.report["complete"] is False
    assert result.report["errors"] == ["read 62 rows from 3 pages, the registry reports 112"]
