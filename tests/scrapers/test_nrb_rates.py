"""nrb_rates against recordings of Nepal Rastra Bank's forex API (five days, two a page), on the loopback."""

import json
from decimal import Decimal

from scrapers.items import RATE_FIELDS
from tests.scrapers.support import Scenarios, json_body, recorded_text, reversed_keys, serve_recording

SPIDER = "nrb_rates"
API = "/api/forex/v1/rates"
RANGE = {"per_page": "2", "from": "2025-06-08", "to": "2025-06-12"}
JSON = "application/json"

scenarios = Scenarios(SPIDER, arguments={"since": "2025-06-08", "until": "2025-06-12", "per_page": "2"})


def page(number):
    return json.loads(recorded_text(SPIDER, f"page-{number}.json"))


def serve_page(server, number, body, content_type=JSON):
    server.add(API, body if isinstance(body, bytes) else json_body(body), query={"page": str(number), **RANGE},
               content_type=content_type)


def rate_of(body, code, day=0):
    return next(rate for rate in body["data"]["payload"][day]["rates"] if rate["currency"]["iso3"] == code)


@scenarios.add
def recorded(server):
    serve_recording(server, SPIDER)


@scenarios.add
def empty(server):
    body = page(1)
    body["data"]["payload"] = []
    body["pagination"].update(pages=1, total=0, links={"prev": None, "next": None})
    serve_page(server, 1, body)


@scenarios.add
def reordered(server):
    for number in (1, 2, 3):
        body = page(number)
        for day in body["data"]["payload"]:
            day["rates"].reverse()
        serve_page(server, number, reversed_keys(body))


@scenarios.add
def renamed(server):
    serve_recording(server, SPIDER)
    body = page(2)
    body["data"] = {"items": body["data"]["payload"]}
    serve_page(server, 2, body)


@scenarios.add
def server_error(server):
    serve_recording(server, SPIDER)
    server.fail(API, 500, query={"page": "2", **RANGE})


@scenarios.add
def hostile(server):
    serve_recording(server, SPIDER)
    body = page(2)  # 2025-06-10 and 2025-06-11
    rate_of(body, "USD").update(buy="0", sell="0")
    rate_of(body, "EUR").update(buy="-157.27")
    rate_of(body, "GBP").update(sell="18S.98")
    rate_of(body, "CHF")["currency"]["unit"] = 0
    rate_of(body, "AUD")["currency"]["iso3"] = "<b>AUD</b>"
    rate_of(body, "CAD")["currency"]["iso3"] = "C" * 1_048_576
    rate_of(body, "SAR")["currency"]["iso3"] = "XYZ"
    rate_of(body, "THB").update(buy="4.20", sell=None)
    body["data"]["payload"][0]["rates"].append(dict(rate_of(body, "SGD")))  # SGD twice on 2025-06-10
    rate_of(body, "MYR").update(buy=Decimal("32.300"), sell=Decimal("32.470"))  # JSON numbers, not strings
    serve_page(server, 2, body)


crawls = scenarios.fixture()


def test_every_page_of_the_range_is_read(crawls):
    result, server = crawls["recorded"].result, crawls["recorded"].server
    assert result.returncode == 0, result.log
    assert result.quiet, result.log
    assert result.report["complete"] is True
    assert (result.report["items"], result.report["pages"], result.report["rejected"]) == (110, 3, 0)
    assert sorted(request.query for request in server.requests if request.path == API) == sorted(
        f"page={number}&per_page=2&from=2025-06-08&to=2025-06-12" for number in (1, 2, 3))
    assert {item["date"] for item in result.items} == {"2025-06-08", "2025-06-09", "2025-06-10", "2025-06-11", "2025-06-12"}


def test_the_mid_rate_per_unit_is_computed_in_decimal(crawls):
    result, server = crawls["recorded"].result, crawls["recorded"].server
    assert all(list(item) == list(RATE_FIELDS) for item in result.items)
    rates = {(item["base"], item["date"]): item for item in result.items}
    inr = rates["INR", "2025-06-08"]
    assert inr == {
        "source": "nrb_rates", "base": "INR", "quote": "NPR", "rate": "1.60075", "date": "2025-06-08",
        "source_url": f"{server.url}{API}?page=1&per_page=2&from=2025-06-08&to=2025-06-12", "fetched_at": inr["fetched_at"],
    }
    # (136.87 + 137.47) / 2 per 1 USD; (9.46 + 9.50) / 2 per 10 JPY; (10.04 + 10.08) / 2 per 100 KRW.
    assert rates["USD", "2025-06-12"]["rate"] == "137.17"
    assert rates["JPY", "2025-06-08"]["rate"] == "0.948"
    assert rates["KRW", "2025-06-08"]["rate"] == "0.1006"
    assert rates["KWD", "2025-06-09"]["rate"] == "447.27"  # (446.29 + 448.25) / 2
    assert rates["USD", "2025-06-12"]["source_url"].endswith("?page=3&per_page=2&from=2025-06-08&to=2025-06-12")


def test_an_empty_range_is_an_empty_complete_feed(crawls):
    result = crawls["empty"].result
    assert result.returncode == 0
    assert result.items == [] and result.rejects == []
    assert result.report["complete"] is True and result.report["pages"] == 1


def test_a_changed_key_order_gives_the_same_items(crawls):
    baseline, result = crawls["recorded"].result, crawls["reordered"].result
    assert result.report["complete"] is True
    key = ("base", "quote", "rate", "date")
    assert sorted(tuple(i[k] for k in key) for i in result.items) == sorted(tuple(i[k] for k in key) for i in baseline.items)


def test_a_changed_layout_makes_the_report_incomplete(crawls):
    result, server = crawls["renamed"].result, crawls["renamed"].server
    assert result.report["complete"] is False
    assert result.report["errors"] == [
        f"layout changed at {server.url}{API}?page=2&per_page=2&from=2025-06-08&to=2025-06-12: "
        "expected keys data.payload and pagination, found data, errors, pagination, params, status"]
    assert len(result.items) == 66  # pages 1 and 3


def test_a_server_error_mid_crawl_makes_the_report_incomplete(crawls):
    result, server = crawls["server_error"].result, crawls["server_error"].server
    assert result.returncode == 0
    assert result.report["complete"] is False
    assert result.report["errors"] == [f"HTTP 500 at {server.url}{API}?page=2&per_page=2&from=2025-06-08&to=2025-06-12"]
    assert len(result.items) == 66


def test_hostile_rates_are_rejected_with_their_reason(crawls):
    result = crawls["hostile"].result
    assert result.report["complete"] is True, result.report
    reasons = sorted((line["item"]["base"][:3], line["reason"]) for line in result.rejects)
    assert reasons == sorted([
        ("USD", "buy is zero"),
        ("EUR", "buy is negative"),
        ("GBP", "sell is not a decimal number"),
        ("CHF", "unit is not a positive whole number"),
        ("<b>", "base is not an ISO 4217 currency code"),
        ("CCC", "base longer than 40 characters"),
        ("XYZ", "base is not an ISO 4217 currency code"),
        ("THB", "sell is not a decimal number"),
        ("SGD", "duplicate base, quote and date"),
    ])
    assert {line["item"]["date"] for line in result.rejects} == {"2025-06-10"}
    rates = {(item["base"], item["date"]): item["rate"] for item in result.items}
    assert rates["MYR", "2025-06-10"] == "32.385"  # JSON numbers keep their digits too
    assert rates["SGD", "2025-06-10"] == "106.835"  # the first of the two SGD rates
    assert result.report["items"] == 110 - 8
