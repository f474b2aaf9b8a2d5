"""sbi_remit against recordings of SBI Remit's exchange rate and fee pages, on the loopback."""

from collections import Counter

from scrapers.items import QUOTE_FIELDS
from tests.scrapers.support import Scenarios, rebuild_table, recorded_text, serve_recording

SPIDER = "sbi_remit"
RATES = "/en/kaigaisoukin/exchangeratecommission/exchangerate/"
FEES = "/en/kaigaisoukin/exchangeratecommission/commission/"
RATES_PAGE = recorded_text(SPIDER, "exchangerate.html")
FEES_PAGE = recorded_text(SPIDER, "commission.html")

scenarios = Scenarios(SPIDER)


def section(page, country):
    """(start, end) of a country's section in the fee page."""
    start = page.index(f'<section class="commission" id="{country}">')
    return start, page.index("</section>", start)


def in_section(page, country, old, new):
    start, end = section(page, country)
    assert old in page[start:end], old
    return page[:start] + page[start:end].replace(old, new) + page[end:]


@scenarios.add
def recorded(server):
    serve_recording(server, SPIDER)


@scenarios.add
def empty(server):
    server.add(RATES, RATES_PAGE)
    server.add(FEES, "")


@scenarios.add
def reordered(server):
    fees = FEES_PAGE
    for index in range(fees.count("<table")):
        fees = rebuild_table(fees, lambda headers, rows: (headers[::-1], [row[::-1] for row in rows]), index)
    server.add(FEES, fees)
    server.add(RATES, rebuild_table(RATES_PAGE, lambda headers, rows: (headers[::-1], [row[::-1] for row in rows[::-1]])))


@scenarios.add
def unknown(server):
    server.add(RATES, RATES_PAGE)
    fees = in_section(FEES_PAGE, "philippines", "<h3>Mobile wallet</h3>", "<h3>Mobile wallet and locker pick-up</h3>")
    fees = in_section(fees, "indonesia", "<td>1-2 business days</td>", "<td>Within 24 hours</td>")
    server.add(FEES, fees)


@scenarios.add
def server_error(server):
    serve_recording(server, SPIDER)
    server.fail(FEES, 500)


@scenarios.add
def changed_layout(server):
    server.add(RATES, RATES_PAGE)
    server.add(FEES, in_section(FEES_PAGE, "vietnam", "<th>Fee (tax incl.)</th>", "<th>Charge</th>"))


@scenarios.add
def hostile(server):
    rates = RATES_PAGE.replace("<td>0.3812</td>", "<td>0</td>").replace("<td>0.9251</td>", "<td>-0.9251</td>")
    server.add(RATES, rates.replace("<td>110.35</td>", "<td>110,35</td>"))
    fees = in_section(FEES_PAGE, "vietnam", "<td>460 JPY</td>", "<td>460 USD</td>")
    fees = in_section(fees, "vietnam", "<td>760 JPY</td>", "<td><script>alert('x')</script><b>760</b> JPY</td>")
    fees = in_section(fees, "vietnam", "<td>1-2 business days</td>", f"<td>{'x' * 1_048_576}</td>")
    server.add(FEES, in_section(fees, "philippines", "<td>390 JPY</td>", "<td>39O JPY</td>"))


crawls = scenarios.fixture()


def test_both_pages_are_read_for_each_corridor_and_amount(crawls):
    result, server = crawls["recorded"].result, crawls["recorded"].server
    assert result.returncode == 0, result.log
    assert result.quiet, result.log
    assert result.report["complete"] is True
    assert (result.report["items"], result.report["pages"], result.report["rejected"]) == (18, 2, 0)
    assert [request.path for request in server.requests if request.path != "/robots.txt"] == [RATES, FEES]
    assert all(list(item) == list(QUOTE_FIELDS) for item in result.items)
    by_key = {(i["receiving_currency"], i["pay_out"], i["amount_sent"]): i for i in result.items}
    cash = by_key["VND", "cash_pickup", "29000"]
    assert cash == {
        "source": "sbi_remit", "provider": "SBI Remit", "provider_type": "mto",
        "sending_country": "JP", "sending_currency": "JPY", "receiving_country": "VN", "receiving_currency": "VND",
        "pay_in": "bank", "pay_out": "cash_pickup", "speed": "under_hour", "amount_sent": "29000", "fee": "460",
        "fee_currency": "JPY", "fee_mode": "on_top", "offered_rate": "176.9100",
        "source_url": server.url + FEES, "fetched_at": cash["fetched_at"],
    }
    assert {key: (by_key[key]["fee"], by_key[key]["speed"], by_key[key]["offered_rate"]) for key in [
        ("VND", "bank", "72000"), ("PHP", "bank", "29000"), ("PHP", "bank", "72000"), ("PHP", "wallet", "72000"),
        ("PHP", "home", "29000"), ("NPR", "bank", "72000"), ("IDR", "bank", "29000"),
    ]} == {
        ("VND", "bank", "72000"): ("760", "two_days", "176.9100"),
        ("PHP", "bank", "29000"): ("460", "same_day", "0.3812"),
        ("PHP", "bank", "72000"): ("880", "same_day", "0.3812"),
        ("PHP", "wallet", "72000"): ("690", "under_hour", "0.3812"),
        ("PHP", "home", "29000"): ("1500", "three_to_five_days", "0.3812"),
        ("NPR", "bank", "72000"): ("980", "next_day", "0.9251"),
        ("IDR", "bank", "29000"): ("880", "two_days", "110.35"),
    }
    assert not any(item["receiving_currency"] == "THB" for item in result.items)  # not a corridor of the crawl


def test_an_empty_fee_page_is_an_incomplete_crawl_not_an_empty_price_list(crawls):
    result, server = crawls["empty"].result, crawls["empty"].server
    assert result.returncode == 0
    assert result.items == []
    assert result.report["complete"] is False
    assert result.report["errors"] == [
        f"layout changed at {server.url}{FEES}: expected a fee section for {country}, found none"
        for country in ("VN", "PH", "NP", "ID")
    ]


def test_a_changed_column_order_gives_the_same_items(crawls):
    baseline, result = crawls["recorded"].result, crawls["reordered"].result
    assert result.report["complete"] is True, result.report

    def comparable(items):
        return sorted(tuple(v for k, v in item.items() if k not in ("source_url", "fetched_at")) for item in items)

    assert comparable(result.items) == comparable(baseline.items) != []


def test_an_unknown_pay_out_or_speed_is_rejected_and_reported(crawls):
    result = crawls["unknown"].result
    assert result.report["complete"] is True
    assert result.report["unknown_values"] == {"pay_out": ["locker pick-up"], "speed": ["Within 24 hours"]}
    assert sorted((line["item"]["receiving_currency"], line["item"]["amount_sent"], line["reason"]) for line in result.rejects) == [
        ("IDR", "29000", "unknown speed 'Within 24 hours'"),
        ("IDR", "72000", "unknown speed 'Within 24 hours'"),
        ("PHP", "29000", "unknown pay_out 'locker pick-up'"),
        ("PHP", "72000", "unknown pay_out 'locker pick-up'"),
    ]
    assert len(result.items) == 18 - 2  # Indonesia's two; the locker rows were not in the recording


def test_a_server_error_mid_crawl_makes_the_report_incomplete(crawls):
    result, server = crawls["server_error"].result, crawls["server_error"].server
    assert result.report["complete"] is False
    assert result.report["errors"] == [f"HTTP 500 at {server.url}{FEES}"]
    assert result.items == [] and result.report["pages"] == 1


def test_a_changed_layout_makes_the_report_incomplete(crawls):
    result, server = crawls["changed_layout"].result, crawls["changed_layout"].server
    assert result.report["complete"] is False
    assert result.report["errors"] == [
        f"layout changed at {server.url}{FEES}: expected columns Remittance amount, Fee (tax incl.), "
        "found Remittance amount, Charge"]
    assert len(result.items) == 18 - 4 and not any(item["receiving_currency"] == "VND" for item in result.items)


def test_hostile_rows_are_cleaned_or_rejected_with_their_reason(crawls):
    result = crawls["hostile"].result
    assert result.report["complete"] is True, result.report
    found = Counter((line["item"]["receiving_currency"], line["item"]["amount_sent"], line["reason"]) for line in result.rejects)
    assert found == {
        ("VND", "29000", "fee in USD, not the sending currency JPY"): 1,  # cash pick-up
        ("VND", "29000", "speed longer than 200 characters"): 1,  # bank account deposit
        ("VND", "72000", "speed longer than 200 characters"): 1,
        ("PHP", "29000", "offered_rate is zero"): 3,
        ("PHP", "29000", "fee is not a decimal number"): 1,  # mobile wallet
        ("PHP", "72000", "offered_rate is zero"): 4,
        ("NPR", "29000", "offered_rate is negative"): 2,
        ("NPR", "72000", "offered_rate is negative"): 2,
        ("IDR", "29000", "offered_rate is not a decimal number"): 1,
        ("IDR", "72000", "offered_rate is not a decimal number"): 1,
    }
    assert result.rejected("fee is not a decimal number")[0]["item"]["fee"] == "39O"
    assert result.rejected("offered_rate is not a decimal number")[0]["item"]["offered_rate"] == "110,35"
    megabyte = result.rejected("speed longer than 200 characters")[0]["item"]["speed"]
    # Text this long is not searched for markup (scrapers.text.MARKUP_SCAN_LIMIT): the cell comes as it was.
    assert len(megabyte) < 3000 and megabyte.endswith(f"[{len('<td></td>') + 1_048_576} characters in all]")
    # The one row left: markup in its fee cell was removed, script and all.
    [item] = result.items
    assert (item["receiving_currency"], item["pay_out"], item["amount_sent"], item["fee"]) == ("VND", "cash_pickup", "72000", "760")
