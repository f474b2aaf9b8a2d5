"""ecb_rates against a recording of the ECB's eurofxref-daily.xml, and variants of it, on the loopback."""

import re

from scrapers.items import RATE_FIELDS
from tests.scrapers.support import Scenarios, recorded_text, serve_recording

SPIDER = "ecb_rates"
PATH = "/stats/eurofxref/eurofxref-daily.xml"
XML = "text/xml"
DAILY = recorded_text(SPIDER, "eurofxref-daily.xml")

scenarios = Scenarios(SPIDER)


def with_rates(cubes, time="2025-06-12"):
    """The daily file with these rate Cubes (XML text) in place of the recorded ones."""
    start = DAILY.index("\t\t<Cube time=")
    end = DAILY.index("\t\t</Cube>", start) + len("\t\t</Cube>\n")
    return DAILY[:start] + f"\t\t<Cube time='{time}'>\n" + cubes + "\t\t</Cube>\n" + DAILY[end:]


@scenarios.add
def recorded(server):
    serve_recording(server, SPIDER)


@scenarios.add
def empty(server):
    start = DAILY.index("\t\t<Cube time=")
    end = DAILY.index("\t\t</Cube>", start) + len("\t\t</Cube>\n")
    server.add(PATH, DAILY[:start] + DAILY[end:], content_type=XML)


@scenarios.add
def reordered(server):
    cubes = re.findall(r"<Cube currency='(\w+)' rate='([^']+)'/>", DAILY)
    reordered = "".join(f'\t\t\t<Cube rate="{rate}" currency="{code}"/>\n' for code, rate in reversed(cubes))
    server.add(PATH, with_rates(reordered).replace("<gesmes:subject>", "<!-- moved -->\n\t<gesmes:subject>"), content_type=XML)


@scenarios.add
def maintenance(server):
    server.add(PATH, "<html><body><h1>Service temporarily unavailable</h1></body></html>")


@scenarios.add
def renamed(server):
    server.add(PATH, DAILY.replace(" rate='", " value='"), content_type=XML)


@scenarios.add
def server_error(server):
    server.fail(PATH, 500)


@scenarios.add
def hostile(server):
    cubes = (
        "<Cube currency='USD' rate='0'/>\n"
        "<Cube currency='JPY' rate='-165.96'/>\n"
        "<Cube currency='GBP' rate='0.85O58'/>\n"
        "<Cube currency='SGD' rate='&lt;b&gt;1.4752&lt;/b&gt;'/>\n"
        "<Cube currency='HKD' rate='NaN'/>\n"
        "<Cube currency='KRW' rate='1.57541e3'/>\n"
        f"<Cube currency='MYR' rate='{'4' * 1_048_576}'/>\n"
        "<Cube currency='XYZ' rate='1.5'/>\n"
        "<Cube currency='usd' rate='1.1512'/>\n"
        "<Cube currency='EUR' rate='1'/>\n"
        "<Cube currency='PHP' rate='64.457'/>\n"
        "<Cube currency='PHP' rate='64.470'/>\n"
        "<Cube currency='THB' rate=' 37.405 '/>\n"
        "<Cube currency='IDR' rate=''/>\n"
    )
    future_day = "\t\t<Cube time='2099-01-01'><Cube currency='USD' rate='1.2'/></Cube>\n\t</Cube>"
    server.add(PATH, with_rates(cubes).replace("\t</Cube>\n</gesmes", future_day + "\n</gesmes"), content_type=XML)


crawls = scenarios.fixture()


def test_the_daily_file_is_read_into_the_feed_contract(crawls):
    result, server = crawls["recorded"].result, crawls["recorded"].server
    assert result.returncode == 0, result.log
    assert result.quiet, result.log
    assert result.report["complete"] is True
    assert (result.report["items"], result.report["pages"], result.report["rejected"]) == (29, 1, 0)
    assert result.report["unknown_values"] == {} and "unknown_statuses" not in result.report
    assert all(list(item) == list(RATE_FIELDS) for item in result.items)
    by_quote = {item["quote"]: item for item in result.items}
    assert by_quote["USD"] == {
        "source": "ecb_rates", "base": "EUR", "quote": "USD", "rate": "1.1512", "date": "2025-06-12",
        "source_url": server.url + PATH, "fetched_at": by_quote["USD"]["fetched_at"],
    }
    # The published digits, trailing zeros included; never a float's.
    assert {code: by_quote[code]["rate"] for code in ("ISK", "IDR", "GBP", "BRL", "KRW")} == {
        "ISK": "143.20", "IDR": "18752.72", "GBP": "0.85058", "BRL": "6.4010", "KRW": "1575.41",
    }
    assert {item["base"] for item in result.items} == {"EUR"}
    assert {"SGD", "MYR", "IDR", "PHP", "THB", "HKD", "INR", "KRW", "JPY", "USD"} <= set(by_quote)
    assert not {"NPR", "AED", "QAR", "SAR", "MMK"} & set(by_quote)


def test_an_empty_cube_is_an_empty_complete_feed(crawls):
    result = crawls["empty"].result
    assert result.returncode == 0
    assert result.items == [] and result.rejects == []
    assert result.report["complete"] is True and result.report["errors"] == []


def test_reordered_attributes_and_rates_give_the_same_items(crawls):
    baseline, result = crawls["recorded"].result, crawls["reordered"].result
    assert result.report["complete"] is True
    assert sorted((i["quote"], i["rate"], i["date"]) for i in result.items) == sorted(
        (i["quote"], i["rate"], i["date"]) for i in baseline.items)


def test_a_page_that_is_not_the_envelope_makes_the_report_incomplete(crawls):
    result, server = crawls["maintenance"].result, crawls["maintenance"].server
    assert result.report["complete"] is False
    assert result.report["errors"] == [
        f"layout changed at {server.url}{PATH}: expected a gesmes:Envelope holding a Cube, found html"]
    assert result.items == []


def test_a_renamed_attribute_makes_the_report_incomplete(crawls):
    result, server = crawls["renamed"].result, crawls["renamed"].server
    assert result.report["complete"] is False
    assert result.report["errors"] == [
        f"layout changed at {server.url}{PATH}: expected Cubes with currency and rate attributes on 2025-06-12"]
    assert result.items == [] and result.rejects == []


def test_a_server_error_makes_the_report_incomplete(crawls):
    result, server = crawls["server_error"].result, crawls["server_error"].server
    assert result.returncode == 0
    assert result.report["complete"] is False
    assert result.report["errors"] == [f"HTTP 500 at {server.url}{PATH}"]
    assert sum(1 for request in server.requests if request.path == PATH) == 3  # RETRY_TIMES=2


def test_hostile_rates_are_rejected_with_their_reason(crawls):
    result = crawls["hostile"].result
    assert result.report["complete"] is True, result.report
    reasons = sorted((line["item"]["quote"], line["item"]["date"], line["reason"]) for line in result.rejects)
    assert reasons == sorted([
        ("USD", "2025-06-12", "rate is zero"),
        ("JPY", "2025-06-12", "rate is negative"),
        ("GBP", "2025-06-12", "rate is not a decimal number"),
        ("SGD", "2025-06-12", "rate is not a decimal number"),
        ("HKD", "2025-06-12", "rate is not a decimal number"),
        ("KRW", "2025-06-12", "rate is not a decimal number"),
        ("MYR", "2025-06-12", "rate longer than 40 characters"),
        ("XYZ", "2025-06-12", "quote is not an ISO 4217 currency code"),
        ("usd", "2025-06-12", "quote is not an ISO 4217 currency code"),
        ("EUR", "2025-06-12", "base and quote are the same currency"),
        ("PHP", "2025-06-12", "duplicate base, quote and date"),
        ("IDR", "2025-06-12", "missing rate"),
        ("USD", "2099-01-01", "date is in the future"),
    ])
    assert [(item["quote"], item["rate"]) for item in result.items] == [("PHP", "64.457"), ("THB", "37.405")]
    # The markup is kept as it came, so the rejects file shows what the source sent.
    assert result.rejected("rate is not a decimal number")[1]["item"]["rate"] == "<b>1.4752</b>"
    megabyte = result.rejected("rate longer than 40 characters")[0]["item"]["rate"]
    assert len(megabyte) < 3000 and megabyte.endswith("[1048576 characters in all]")
    assert result.report["reject_reasons"]["rate is not a decimal number"] == 4
