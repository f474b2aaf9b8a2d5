"""wise_compare against recordings of Wise's comparison API (three corridors, two RPW amounts each)."""

import json
from decimal import Decimal

from scrapers.items import QUOTE_FIELDS
from tests.scrapers.support import Scenarios, json_body, recording, recorded_text, reversed_keys, serve_recording

SPIDER = "wise_compare"
API = "/v4/comparisons"
JSON = "application/json"
CORRIDORS = {"corridors": "SGD-PHP,HKD-PHP,AED-NPR"}

scenarios = Scenarios(SPIDER, arguments=CORRIDORS)


def comparison(name):
    return json.loads(recorded_text(SPIDER, f"{name}.json"), parse_float=Decimal)


def query(name):
    return next(exchange["query"] for exchange in recording(SPIDER) if exchange["file"] == f"{name}.json")


def serve(server, name, body):
    server.add(API, body if isinstance(body, bytes) else json_body(body), query=query(name), content_type=JSON)


def quote_of(body, provider):
    return next(entry for entry in body["providers"] if entry["name"] == provider)["quotes"][0]


def rows(result):
    """(provider, amount) -> item, for the corridor SGD -> PHP."""
    return {(item["provider"], item["amount_sent"]): item for item in result.items if item["sending_currency"] == "SGD"}


@scenarios.add
def recorded(server):
    serve_recording(server, SPIDER)


@scenarios.add
def empty(server):
    for exchange in recording(SPIDER):
        name = exchange["file"].removesuffix(".json")
        serve(server, name, {**comparison(name), "providers": []})


@scenarios.add
def reordered(server):
    for exchange in recording(SPIDER):
        name = exchange["file"].removesuffix(".json")
        body = comparison(name)
        body["providers"].reverse()
        serve(server, name, reversed_keys(body))


@scenarios.add
def unknown(server):
    serve_recording(server, SPIDER)
    body = comparison("sgd-php-260")
    travel = dict(body["providers"][1], id=990, alias="travelex", name="Travelex", type="travelMoney")
    body["providers"].append(travel)
    quote_of(body, "Remitly")["deliveryEstimation"]["duration"] = {"min": "P2D", "max": None}
    quote_of(body, "Instarem")["deliveryEstimation"] = {"duration": None, "providerGivesEstimate": False}
    serve(server, "sgd-php-260", body)


@scenarios.add
def server_error(server):
    serve_recording(server, SPIDER)
    server.fail(API, 500, query=query("hkd-php-3900"))


@scenarios.add
def changed_layout(server):
    serve_recording(server, SPIDER)
    body = comparison("sgd-php-650")
    for provider in body["providers"]:
        for quote in provider["quotes"]:
            quote["fees"] = quote.pop("fee")
    serve(server, "sgd-php-650", body)
    serve(server, "aed-npr-735", b"<html><body>Too many requests</body></html>")


@scenarios.add
def hostile(server):
    serve_recording(server, SPIDER)
    body = comparison("sgd-php-260")
    template = body["providers"][1]  # DBS Bank

    def provider(name, **quote):
        return dict(template, name=name, quotes=[dict(template["quotes"][0], **quote)])

    body["providers"] += [
        provider("Zero Rate Remit", rate=0),
        provider("Negative Rate Remit", rate=Decimal("-43.1")),
        provider("Comma Fee Remit", fee="3,47"),
        provider("Negative Fee Remit", fee=-1),
        provider("Markup Fee Remit", fee="<b>4</b>"),
        provider("<script>alert('x')</script><b>Kwik</b> Remit &amp; Co."),
        provider("M" * 1_048_576),
        provider("Bell\u0007 Remit"),
        provider("DBS Bank", fee=1),  # a second price for the same product and amount
        provider("Undisclosed Rate Remit", rate=None),
    ]
    serve(server, "sgd-php-260", body)
    serve(server, "hkd-php-1560", {**comparison("hkd-php-1560"), "sourceCurrency": "USD"})


crawls = scenarios.fixture()


def test_each_corridor_and_amount_is_asked_for(crawls):
    result, server = crawls["recorded"].result, crawls["recorded"].server
    assert result.returncode == 0, result.log
    assert result.quiet, result.log
    assert result.report["complete"] is True
    assert (result.report["items"], result.report["pages"], result.report["rejected"]) == (32, 6, 0)
    asked = sorted(tuple(sorted(request.params.items())) for request in server.requests if request.path == API)
    assert asked == sorted(tuple(sorted(exchange["query"].items())) for exchange in recording(SPIDER))
    # The RPW amounts of each sending currency: USD 200 and 500 in SGD, HKD and AED.
    assert sorted((params["sourceCurrency"], params["sendAmount"]) for params in map(dict, asked)) == [
        ("AED", "1835"), ("AED", "735"), ("HKD", "1560"), ("HKD", "3900"), ("SGD", "260"), ("SGD", "650")]


def test_quotes_are_read_into_the_feed_contract(crawls):
    result, server = crawls["recorded"].result, crawls["recorded"].server
    assert all(list(item) == list(QUOTE_FIELDS) for item in result.items)
    sgd = rows(result)
    wise = sgd["Wise", "260"]
    assert wise == {
        "source": "wise_compare", "provider": "Wise", "provider_type": "mto",
        "sending_country": "SG", "sending_currency": "SGD", "receiving_country": "PH", "receiving_currency": "PHP",
        "pay_in": "bank", "pay_out": "bank", "speed": "under_hour", "amount_sent": "260", "fee": "3.47",
        "fee_currency": "SGD", "fee_mode": "deducted", "offered_rate": "43.6985",
        "source_url": f"{server.url}{API}?sourceCurrency=SGD&targetCurrency=PHP&sendAmount=260&sourceCountry=SG&targetCountry=PH",
        "fetched_at": wise["fetched_at"],
    }
    # The published digits of a JSON number, trailing zeros included.
    assert (sgd["Remitly", "650"]["offered_rate"], sgd["Remitly", "650"]["fee"]) == ("43.5200", "0")
    assert {provider: sgd[provider, "260"]["speed"] for provider in ("DBS Bank", "Western Union", "Remitly", "Instarem", "OCBC")} == {
        "DBS Bank": "same_day", "Western Union": "under_hour", "Remitly": "same_day", "Instarem": "next_day",
        "OCBC": "three_to_five_days",
    }
    assert (sgd["DBS Bank", "260"]["provider_type"], sgd["OCBC", "650"]["provider_type"]) == ("bank", "bank")
    # Western Union's quote for senders in Brunei (who also pay in SGD) is not this corridor's.
    assert sgd["Western Union", "260"]["offered_rate"] == "43.2115"
    assert not any(item["offered_rate"] == "43.0950" for item in result.items)
    nepal = {(i["provider"], i["amount_sent"]): i for i in result.items if i["receiving_currency"] == "NPR"}
    assert (nepal["Emirates NBD", "1835"]["fee"], nepal["Emirates NBD", "1835"]["speed"]) == ("26.25", "two_days")
    assert {i["fee_currency"] for i in result.items} == {"SGD", "HKD", "AED"}


def test_no_provider_on_a_route_is_an_empty_complete_feed(crawls):
    result = crawls["empty"].result
    assert result.returncode == 0
    assert result.items == [] and result.rejects == []
    assert result.report["complete"] is True and result.report["pages"] == 6


def test_a_changed_key_order_gives_the_same_items(crawls):
    baseline, result = crawls["recorded"].result, crawls["reordered"].result
    assert result.report["complete"] is True

    def comparable(items):
        return sorted(tuple(v for k, v in item.items() if k not in ("source_url", "fetched_at")) for item in items)

    assert comparable(result.items) == comparable(baseline.items)


def test_an_unknown_provider_type_or_speed_is_rejected_and_reported(crawls):
    result = crawls["unknown"].result
    assert result.report["complete"] is True
    assert result.report["unknown_values"] == {"provider_type": ["travelMoney"], "speed": ["from P2D", "no estimate"]}
    assert sorted((line["item"]["provider"], line["reason"]) for line in result.rejects) == [
        ("Instarem", "unknown speed 'no estimate'"),
        ("Remitly", "unknown speed 'from P2D'"),
        ("Travelex", "unknown provider_type 'travelMoney'"),
    ]
    assert result.report["reject_reasons"] == {
        "unknown provider_type 'travelMoney'": 1, "unknown speed 'from P2D'": 1, "unknown speed 'no estimate'": 1,
    }
    assert len(result.items) == 32 - 2


def test_a_server_error_mid_crawl_makes_the_report_incomplete(crawls):
    result, server = crawls["server_error"].result, crawls["server_error"].server
    assert result.returncode == 0
    assert result.report["complete"] is False
    assert result.report["errors"] == [
        f"HTTP 500 at {server.url}{API}?sourceCurrency=HKD&targetCurrency=PHP&sendAmount=3900&sourceCountry=HK&targetCountry=PH"]
    assert len(result.items) == 32 - 5


def test_a_changed_layout_makes_the_report_incomplete(crawls):
    result, server = crawls["changed_layout"].result, crawls["changed_layout"].server
    assert result.report["complete"] is False
    assert sorted(result.report["errors"]) == [
        f"layout changed at {server.url}{API}?sourceCurrency=AED&targetCurrency=NPR&sendAmount=735&sourceCountry=AE"
        "&targetCountry=NP: expected keys providers, sourceCurrency, amount, found (not a JSON object)",
        f"layout changed at {server.url}{API}?sourceCurrency=SGD&targetCurrency=PHP&sendAmount=650&sourceCountry=SG"
        "&targetCountry=PH: expected columns rate, fee, found rate, dateCollected, sourceCountry, targetCountry, markup, "
        "receivedAmount, sendAmount, deliveryEstimation, isConsideredMidMarketRate, fees",
    ]
    assert len(result.items) == 32 - 6 - 5


def test_hostile_rows_are_cleaned_or_rejected_with_their_reason(crawls):
    result = crawls["hostile"].result
    assert result.report["complete"] is True, result.report
    reasons = sorted((line["item"]["provider"][:20], line["item"]["amount_sent"], line["reason"]) for line in result.rejects)
    hkd = [(provider, "1560", "fee in USD, not the sending currency HKD")
           for provider in ("HSBC Hong Kong", "Hang Seng Bank", "Remitly", "Western Union", "Wise")]
    assert reasons == sorted([
        ("Zero Rate Remit", "260", "offered_rate is zero"),
        ("Negative Rate Remit", "260", "offered_rate is negative"),
        ("Comma Fee Remit", "260", "fee is not a decimal number"),
        ("Negative Fee Remit", "260", "fee is negative"),
        ("Markup Fee Remit", "260", "fee is not a decimal number"),
        ("M" * 20, "260", "provider longer than 200 characters"),
        ("Bell\u0007 Remit", "260", "provider has control characters"),
        ("DBS Bank", "260", "duplicate provider, corridor, pay-in, pay-out and amount"),
        *hkd,
    ])
    sgd = rows(result)
    assert sgd["Kwik Remit & Co.", "260"]["fee"] == "0"  # markup in a name is removed, as in the licence feed
    assert sgd["Undisclosed Rate Remit", "260"]["offered_rate"] is None
    assert sgd["DBS Bank", "260"]["fee"] == "0"  # the first price of a product stays
    megabyte = result.rejected("provider longer than 200 characters")[0]["item"]["provider"]
    assert len(megabyte) < 3000 and megabyte.endswith("[1048576 characters in all]")
