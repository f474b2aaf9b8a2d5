"""cbm_rates against recordings of the Central Bank of Myanmar's forex API, on the loopback."""

import json
from decimal import Decimal

from scrapers.items import RATE_FIELDS
from tests.scrapers.support import Scenarios, json_body, recorded_text, reversed_keys, serve_recording

SPIDER = "cbm_rates"
LATEST = "/api/latest"
JSON = "application/json"

scenarios = Scenarios(SPIDER)


def latest():
    return json.loads(recorded_text(SPIDER, "latest.json"))


@scenarios.add
def recorded(server):
    serve_recording(server, SPIDER)


@scenarios.add
def history(server):
    serve_recording(server, SPIDER)
    return {"dates": "2025-06-11,2025-06-12"}


@scenarios.add
def empty(server):
    server.add(LATEST, json_body({**latest(), "rates": {}}), content_type=JSON)


@scenarios.add
def reordered(server):
    body = latest()
    body["rates"] = dict(reversed(list(body["rates"].items())))
    server.add(LATEST, json_body(reversed_keys(body)), content_type=JSON)


@scenarios.add
def changed_layout(server):
    body = latest()
    body["rates"] = [{"currency": code, "rate": rate} for code, rate in body["rates"].items()]
    server.add(LATEST, json_body(body), content_type=JSON)


@scenarios.add
def server_error(server):
    serve_recording(server, SPIDER)
    server.fail("/api/history/12-06-2025", 500)
    return {"dates": "2025-06-11,2025-06-12"}


@scenarios.add
def hostile(server):
    body = latest()
    body["rates"].update({
        "USD": "0.0", "EUR": "-2,418.2", "SGD": "1,63.1", "THB": "<span>64.635</span>", "PHP": "NaN",
        "GBP": "9" * 1_048_576, "MYR": Decimal("496.390"), "XYZ": "1.0", "<b>HKD</b>": "267.50", "JPY": "1,458.2 ",
    })
    server.add(LATEST, json_body(body), content_type=JSON)  # MYR as a JSON number


crawls = scenarios.fixture()


def test_the_latest_rates_are_read_per_unit_with_their_digits(crawls):
    result, server = crawls["recorded"].result, crawls["recorded"].server
    assert result.returncode == 0, result.log
    assert result.quiet, result.log
    assert result.report["complete"] is True
    assert (result.report["items"], result.report["rejected"], result.report["pages"]) == (38, 0, 1)
    assert all(list(item) == list(RATE_FIELDS) for item in result.items)
    rates = {item["base"]: item for item in result.items}
    assert rates["USD"] == {
        "source": "cbm_rates", "base": "USD", "quote": "MMK", "rate": "2100.0", "date": "2025-06-12",
        "source_url": server.url + LATEST, "fetched_at": rates["USD"]["fetched_at"],
    }
    # Thousands separators gone, digits kept; JPY, KRW, VND and IDR are published per 100 units.
    assert {code: rates[code]["rate"] for code in ("KWD", "THB", "MYR", "JPY", "KRW", "VND", "IDR", "NPR")} == {
        "KWD": "6864.2", "THB": "64.635", "MYR": "496.39", "JPY": "14.582", "KRW": "1.5401", "VND": "0.080655",
        "IDR": "0.12885", "NPR": "15.323",
    }
    assert {item["quote"] for item in result.items} == {"MMK"}


def test_past_days_are_read_from_the_history(crawls):
    result, server = crawls["history"].result, crawls["history"].server
    assert result.report["complete"] is True
    paths = sorted(request.path for request in server.requests if request.path.startswith("/api/"))
    assert paths == ["/api/history/11-06-2025", "/api/history/12-06-2025"]
    rates = {(item["base"], item["date"]): item["rate"] for item in result.items}
    assert len(rates) == 76
    assert (rates["EUR", "2025-06-11"], rates["EUR", "2025-06-12"]) == ("2412.9", "2418.2")


def test_an_empty_answer_is_an_empty_complete_feed(crawls):
    result = crawls["empty"].result
    assert result.returncode == 0
    assert result.items == [] and result.rejects == []
    assert result.report["complete"] is True


def test_a_changed_key_order_gives_the_same_items(crawls):
    baseline, result = crawls["recorded"].result, crawls["reordered"].result
    assert result.report["complete"] is True
    assert sorted((i["base"], i["rate"], i["date"]) for i in result.items) == sorted(
        (i["base"], i["rate"], i["date"]) for i in baseline.items)


def test_a_changed_layout_makes_the_report_incomplete(crawls):
    result, server = crawls["changed_layout"].result, crawls["changed_layout"].server
    assert result.report["complete"] is False
    assert result.report["errors"] == [
        f"layout changed at {server.url}{LATEST}: expected keys rates and timestamp, found description, info, rates, timestamp"]
    assert result.items == []


def test_a_server_error_mid_crawl_makes_the_report_incomplete(crawls):
    result, server = crawls["server_error"].result, crawls["server_error"].server
    assert result.report["complete"] is False
    assert result.report["errors"] == [f"HTTP 500 at {server.url}/api/history/12-06-2025"]
    assert len(result.items) == 38 and {item["date"] for item in result.items} == {"2025-06-11"}


def test_hostile_rates_are_rejected_with_their_reason(crawls):
    result = crawls["hostile"].result
    assert result.report["complete"] is True, result.report
    reasons = {line["item"]["base"]: (line["reason"], line["item"]["rate"][:20]) for line in result.rejects}
    assert reasons == {
        "USD": ("rate is zero", "0.0"),
        "EUR": ("rate is negative", "-2418.2"),
        "SGD": ("rate is not a decimal number", "1,63.1"),
        "THB": ("rate is not a decimal number", "<span>64.635</span>"),
        "PHP": ("rate is not a decimal number", "NaN"),
        "GBP": ("rate longer than 40 characters", "99999999999999999999"),
        "XYZ": ("base is not an ISO 4217 currency code", "1.0"),
        "<b>HKD</b>": ("base is not an ISO 4217 currency code", "267.50"),
    }
    rates = {item["base"]: item["rate"] for item in result.items}
    assert (rates["MYR"], rates["JPY"]) == ("496.390", "14.582")
    assert len(result.items) == 38 - 6
