"""Price feeds (the pricing spiders' JSON lines): imported in one transaction, held or rejected when they look wrong;
the crawl-and-import commands against recorded pages on the loopback; the scheduled refreshes through the task
interface (the immediate backend runs them in process)."""

import json
import time
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agencies.models import Agency, RefreshRun
from remittance.models import Corridor, PriceRun, Product, Provider, Quote, ReferenceRate
from remittance.prices import PriceRowError, parse_price_row
from remittance.services import price_feed_import, price_run_confirm, price_run_reject, rpw_import
from tests.remittance.rpw_workbook import rpw_row, write_workbook
from tests.scrapers.support import serve_recording

pytestmark = pytest.mark.django_db

D = Decimal
SOURCE = "wise_compare"
URL = "https://api.wise.com/v4/comparisons?sourceCurrency=SGD&targetCurrency=PHP&sendAmount=260"
FETCHED = "2025-06-12T06:00:00+00:00"
FAST = ["DOWNLOAD_DELAY=0", "AUTOTHROTTLE_ENABLED=0"]
WISE_RECORDED = "corridors=SGD-PHP,HKD-PHP,AED-NPR"


def price(number, **fields):
    """A valid price row of the feed, for a provider of its own (`number`), as wise_compare writes it."""
    return {
        "source": SOURCE, "provider": f"Remit Firm {number}", "provider_type": "mto", "sending_country": "SG",
        "receiving_country": "PH", "sending_currency": "SGD", "receiving_currency": "PHP", "pay_in": "bank",
        "pay_out": "bank", "speed": "same_day", "amount_sent": "260", "fee": "4.5", "fee_currency": "SGD",
        "fee_mode": "deducted", "offered_rate": "43.9", "source_url": URL, "fetched_at": FETCHED, **fields,
    }


def write_feed(path, rows, encoding="utf-8"):
    """One line per row: a dict as JSON, a str as it is; returns the path."""
    lines = ((row if isinstance(row, str) else json.dumps(row)) + "\n" for row in rows)
    path.write_bytes("".join(lines).encode(encoding))
    return path


def import_feed(tmp_path, rows, name="feed.jsonl", **kwargs):
    return price_feed_import(path=write_feed(tmp_path / name, rows), source=SOURCE, **kwargs)


def prices_state():
    return tuple(list(model.objects.order_by("pk").values()) for model in (Corridor, Provider, Product, Quote))


@pytest.fixture
def ten_rows(tmp_path):
    run = import_feed(tmp_path, [price(number) for number in range(1, 11)], name="ten.jsonl")
    assert (run.state, run.rows, run.added) == (PriceRun.State.APPLIED, 10, 10), run.reason
    return run


@pytest.fixture(autouse=True)
def feeds_in_a_temporary_folder(settings, tmp_path):
    settings.FEEDS_DIR = tmp_path / "feeds"


class TestImport:
    def test_a_feed_is_stored_with_its_provenance_and_judged_against_the_days_rate(self, tmp_path):
        ReferenceRate.objects.create(base_currency="SGD", quote_currency="PHP", rate=D("44.3"), date=date(2025, 6, 12),
                                     source="ecb", source_url="https://www.ecb.europa.eu/")
        run = import_feed(tmp_path, [price(1), price(1, amount_sent="650", fee="6"), price(2, offered_rate=None)])
        assert (run.state, run.kind, run.source) == (PriceRun.State.APPLIED, PriceRun.Kind.PRICE_FEED, SOURCE)
        assert (run.rows, run.added, run.unchanged, run.rejected, run.reason) == (3, 3, 0, 0, "")
        assert run.fetched_at == datetime(2025, 6, 12, 6, tzinfo=UTC) and not run.feed
        quote = Quote.objects.get(product__provider__name="Remit Firm 1", amount_sent=260)
        assert (quote.source, quote.source_url, quote.fee, quote.fee_mode) == (SOURCE, URL, D("4.5"), "deducted")
        assert (quote.reference_rate, quote.total_cost.quantize(D("0.01"))) == (D("44.3"), D("2.63"))
        assert Quote.objects.get(product__provider__name="Remit Firm 2").total_cost is None
        assert run.preview[0] == {"kind": "added", "row": 1, "corridor": "sg-ph", "firm": "Remit Firm 1",
                                  "amount": "260", "fee": "4.5", "offered_rate": "43.9", "total_cost": "2.63"}

    def test_the_days_reference_rate_is_looked_up_once_however_many_rows(self, tmp_path):
        ReferenceRate.objects.create(base_currency="SGD", quote_currency="PHP", rate=D("44.3"), date=date(2025, 6, 12),
                                     source="ecb", source_url="https://www.ecb.europa.eu/")

        def rate_queries(rows, name):
            with CaptureQueriesContext(connection) as queries:
                run = import_feed(tmp_path, rows, name=name)
            assert run.state == PriceRun.State.APPLIED and run.rows == len(rows), run.reason
            return sum('"remittance_referencerate"' in query["sql"] for query in queries)

        assert rate_queries([price(1)], "one.jsonl") == rate_queries([price(number) for number in range(2, 30)], "many.jsonl")
        assert Quote.objects.filter(reference_rate=D("44.3")).count() == 29

    def test_a_reimport_writes_nothing_but_its_run(self, tmp_path, ten_rows):
        before = prices_state()
        with CaptureQueriesContext(connection) as queries:
            run = import_feed(tmp_path, [price(number) for number in range(1, 11)], name="again.jsonl")
        writes = [query["sql"] for query in queries if query["sql"].split()[0] in ("INSERT", "UPDATE", "DELETE")]
        assert writes and all("remittance_pricerun" in sql for sql in writes)
        assert (run.state, run.rows, run.added, run.unchanged) == (PriceRun.State.APPLIED, 10, 0, 10)
        assert prices_state() == before

    def test_markup_in_a_provider_name_is_stored_as_plain_text(self, tmp_path):
        run = import_feed(tmp_path, [price(1, provider='<b>Harbour</b> Remit <script>alert("x")</script>&amp; Sons')])
        assert run.state == PriceRun.State.APPLIED
        assert Provider.objects.get().name == 'Harbour Remit alert("x")& Sons'

    def test_bad_rows_are_counted_with_their_reasons_and_the_rest_is_stored(self, tmp_path):
        rows = [price(number) for number in range(1, 10)]
        rows += [price(10, pay_in="gold bars"), "x" * 1_000_000, '{"amount_sent": ' + "9" * 5000 + "}"]
        run = import_feed(tmp_path, rows)
        assert run.state == PriceRun.State.HELD, "3 of 12 rows rejected is more than a fifth"
        assert (run.rows, run.rejected) == (9, 3)
        rejected = {entry["row"]: entry["reason"] for entry in run.preview if entry["kind"] == "rejected"}
        assert rejected[10].startswith("unknown pay_in 'gold bars'")
        assert rejected[11] == "the row is larger than 8 KB"
        assert "a number too long" in rejected[12]
        assert "3 of the feed's 12 rows were rejected, more than 20%" in run.reason
        assert "Rejected: unknown pay_in (1); the row is larger than 8 KB (1)" in run.reason

    def test_a_few_rejected_rows_do_not_hold_the_run(self, tmp_path):
        run = import_feed(tmp_path, [*(price(number) for number in range(1, 10)), price(10, fee_currency="USD")])
        assert (run.state, run.added, run.rejected) == (PriceRun.State.APPLIED, 9, 1)
        assert run.reason == "Rejected: the fee is not in the sending currency (1)"

    def test_far_fewer_rows_than_the_last_applied_run_hold_it_and_change_nothing(self, tmp_path, ten_rows):
        before = prices_state()
        run = import_feed(tmp_path, [price(1), price(11), price(12)], name="three.jsonl")
        assert run.state == PriceRun.State.HELD and run.feed.name.endswith(".jsonl")
        assert "The feed has 3 usable rows, far fewer than the 10 of the last applied run" in run.reason
        assert (run.rows, run.added, run.unchanged) == (3, 2, 1)
        assert prices_state() == before
        assert import_feed(tmp_path, [price(1)], min_row_share=0.1).state == PriceRun.State.APPLIED

    def test_rpw_runs_do_not_set_the_bar_for_a_feed(self, tmp_path):
        rpw_import(path=write_workbook(tmp_path / "rpw.xlsx", [rpw_row(number) for number in range(1, 11)]))
        assert import_feed(tmp_path, [price(1)]).state == PriceRun.State.APPLIED

    @pytest.mark.parametrize(
        ("content", "reason"),
        [
            (b"", "The feed has no usable rows"),
            (b"\n\n", "The feed has no usable rows"),
            (json.dumps(price(1, pay_out="pigeon")).encode() + b"\n", "The feed has no usable rows"),
            (json.dumps(price(1)).encode() + b"\n" + json.dumps(price(2, provider="Caf\u00e9")).encode("utf-16"),
             "Line 2 of the feed is not UTF-8 text"),
            ("provider,amount_sent\nCaf\u00e9 Remit,260\n".encode("latin-1"), "Line 1 of the feed is not JSON"),
            (json.dumps(price(1)).encode() + b"\n" + json.dumps(price(2)).encode()[:50], "Line 2 of the feed is not JSON"),
        ],
        ids=["empty", "blank", "no usable row", "wrong encoding", "csv", "truncated"],
    )
    def test_a_feed_that_cannot_be_used_is_rejected_and_changes_nothing(self, tmp_path, ten_rows, content, reason):
        before = prices_state()
        (tmp_path / "bad.jsonl").write_bytes(content)
        run = price_feed_import(path=tmp_path / "bad.jsonl", source=SOURCE)
        assert run.state == PriceRun.State.REJECTED and not run.feed
        assert reason in run.reason and "Nothing was changed." in run.reason
        assert prices_state() == before


class TestDecisions:
    def test_a_person_confirms_a_held_feed_run(self, tmp_path, ten_rows, admin_user):
        run = import_feed(tmp_path, [price(1), price(11), price(12)], name="three.jsonl")
        price_run_confirm(run=run, user=admin_user)
        run.refresh_from_db()
        assert (run.state, run.decided_by, run.added, run.unchanged) == (PriceRun.State.APPLIED, admin_user, 2, 1)
        assert "Confirmed by a person; it was held because: The feed has 3 usable rows" in run.reason
        assert Quote.objects.count() == 12 and not run.feed

    def test_a_person_rejects_a_held_feed_run_and_nothing_changes(self, tmp_path, ten_rows, admin_user):
        run = import_feed(tmp_path, [price(11)], name="one.jsonl")
        before = prices_state()
        price_run_reject(run=run, user=admin_user, note="Wise was down")
        run.refresh_from_db()
        assert run.state == PriceRun.State.REJECTED and "Wise was down" in run.reason and not run.feed
        assert prices_state() == before
        with pytest.raises(ValueError):
            price_run_confirm(run=run, user=admin_user)

    def test_held_runs_of_both_kinds_are_confirmed_from_what_they_hold(self, tmp_path, admin_user):
        rpw_import(path=write_workbook(tmp_path / "ten.xlsx", [rpw_row(number) for number in range(1, 11)]))
        import_feed(tmp_path, [price(number) for number in range(1, 11)], name="ten.jsonl")
        held_rpw = rpw_import(path=write_workbook(tmp_path / "one.xlsx", [rpw_row(11)]))
        held_feed = import_feed(tmp_path, [price(11)], name="one.jsonl")
        for run in (held_rpw, held_feed):
            assert run.state == PriceRun.State.HELD
            assert price_run_confirm(run=run, user=admin_user).state == PriceRun.State.APPLIED
        assert set(Quote.objects.filter(product__provider__name="Remit Firm 11").values_list("source", flat=True)) == {
            "rpw", SOURCE}


class TestImportPrices:
    def test_it_shows_progress_and_a_summary(self, tmp_path, capsys):
        feed = write_feed(tmp_path / "feed.jsonl", [price(number % 40, amount_sent=str(100 + number)) for number in range(1001)])
        call_command("import_prices", str(feed), source=SOURCE)
        out = capsys.readouterr().out
        assert "importing: 1000 rows read" in out
        assert "1001 rows: 1001 quotes added, 0 unchanged, 0 rejected." in out and "Applied." in out
        call_command("import_prices", str(feed), source=SOURCE)
        assert "1001 rows: 0 quotes added, 1001 unchanged, 0 rejected." in capsys.readouterr().out

    def test_a_held_run_says_so(self, tmp_path, capsys, ten_rows):
        call_command("import_prices", str(write_feed(tmp_path / "one.jsonl", [price(1)])), source=SOURCE)
        out = capsys.readouterr().out
        assert "Held for a person." in out and "far fewer than the 10" in out

    @pytest.mark.parametrize(
        ("arguments", "message"),
        [
            (["missing.jsonl", "--source", SOURCE], "No feed at"),
            (["{feed}", "--source", "wise compare"], "--source is a short key"),
            (["{feed}", "--source", "x" * 41], "--source is a short key"),
            (["{feed}", "--source", SOURCE, "--min-row-share", "1.5"], "--min-row-share is a share between 0 and 1"),
        ],
    )
    def test_bad_arguments_are_refused_clearly_and_nothing_is_stored(self, tmp_path, arguments, message):
        feed = write_feed(tmp_path / "feed.jsonl", [price(1)])
        with pytest.raises(CommandError, match=message):
            call_command("import_prices", *[argument.format(feed=feed) for argument in arguments])
        assert not PriceRun.objects.exists() and not Quote.objects.exists()


class TestRefresh:
    """Real crawls: Scrapy in its own process against the scrapers' recorded pages, then the import."""

    def test_refresh_prices_crawls_wise_and_imports_its_feed(self, server, capsys):
        serve_recording(server, "wise_compare")
        call_command("refresh_prices", "wise_compare", base_url=server.url, spider_argument=[WISE_RECORDED],
                     scrapy_setting=FAST)
        out = capsys.readouterr().out
        run = PriceRun.objects.get()
        assert (run.state, run.kind, run.source, run.rejected) == (PriceRun.State.APPLIED, PriceRun.Kind.PRICE_FEED,
                                                                   "wise_compare", 0), run.reason
        assert "Crawl finished" in out and f"Run {run.pk}: Applied." in out and "incomplete" not in out
        assert run.added == Quote.objects.filter(source="wise_compare").count() > 20
        assert set(Corridor.objects.values_list("code", flat=True)) == {"sg-ph", "hk-ph", "ae-np"}
        assert set(Quote.objects.values_list("amount_sent", flat=True)) == {260, 650, 1560, 3900, 735, 1835}

    def test_refresh_prices_crawls_sbi_remit_and_a_second_refresh_adds_its_new_prices(self, server, capsys):
        serve_recording(server, "sbi_remit")
        call_command("refresh_prices", "sbi_remit", base_url=server.url, scrapy_setting=FAST)
        first = PriceRun.objects.get()
        assert first.state == PriceRun.State.APPLIED and first.added > 0, first.reason
        assert set(Provider.objects.values_list("name", flat=True)) == {"SBI Remit"}
        assert {corridor.sending_currency for corridor in Corridor.objects.all()} == {"JPY"}
        # Prices are stamped to the second, and a crawl within the same second is the same moment: a fast machine
        # must wait for the next second to see a new one.
        time.sleep(1.01 - time.time() % 1)
        call_command("refresh_prices", "sbi_remit", base_url=server.url, scrapy_setting=FAST)
        second = PriceRun.objects.latest("started_at")
        assert (second.state, second.added) == (PriceRun.State.APPLIED, first.added), "each crawl is a new moment"
        assert Quote.objects.count() == 2 * first.added

    def test_refresh_rates_crawls_the_ecb_and_stores_its_rates_as_ecb(self, server, capsys):
        serve_recording(server, "ecb_rates")
        call_command("refresh_rates", "ecb_rates", base_url=server.url, scrapy_setting=FAST)
        out = capsys.readouterr().out
        rates = ReferenceRate.objects.filter(source="ecb")
        assert rates.count() > 20 and {rate.base_currency for rate in rates} == {"EUR"}
        assert f"{rates.count()} rates added, 0 already stored, 0 rejected." in out
        assert rates.get(quote_currency="PHP").source_url == server.url + "/stats/eurofxref/eurofxref-daily.xml"

    def test_an_incomplete_crawl_says_so_and_imports_what_it_read(self, server, capsys):
        serve_recording(server, "cbm_rates")
        call_command("refresh_rates", "cbm_rates", base_url=server.url, spider_argument=["dates=2025-06-11,2025-06-13"],
                     scrapy_setting=FAST)
        out = capsys.readouterr().out
        assert "The crawl is incomplete" in out and "/api/history/13-06-2025" in out
        assert ReferenceRate.objects.filter(source="cbm", date=date(2025, 6, 11)).exists()

    @pytest.mark.parametrize(("command", "known"), [("refresh_prices", "wise_compare, sbi_remit"),
                                                     ("refresh_rates", "ecb_rates, nrb_rates, cbm_rates")])
    def test_an_unknown_spider_is_refused_before_crawling(self, server, command, known):
        with pytest.raises(CommandError, match=f"Unknown spider 'ph_dmw'. Known spiders: {known}"):
            call_command(command, "ph_dmw", base_url=server.url)
        assert server.requests == []

    def test_a_crawl_that_fails_imports_nothing(self, server):
        with pytest.raises(CommandError, match="The wise_compare crawl failed .* nothing was imported"):
            call_command("refresh_prices", "wise_compare", base_url=server.url, spider_argument=["corridors=nowhere"])
        assert not PriceRun.objects.exists()


class TestRefreshSources:
    """The schedule: every refresh enqueued through the task interface, run in process by the immediate backend."""

    def test_rates_then_prices_then_registries_all_land_in_the_database(self, server, capsys):
        for spider in ("ecb_rates", "cbm_rates", "wise_compare", "sbi_remit", "ph_dmw"):
            serve_recording(server, spider)
        call_command("refresh_sources", base_url=server.url, scrapy_setting=FAST)
        out = capsys.readouterr().out
        assert "9 refreshes enqueued: 9 successful" in out
        assert ReferenceRate.objects.filter(source="ecb").exists() and ReferenceRate.objects.filter(source="cbm").exists()
        # Prices crawled after the rates are judged against them (SGD -> PHP through the ECB's euro rates).
        wise = Quote.objects.filter(source="wise_compare", product__corridor__code="sg-ph")
        assert wise.exists() and not wise.filter(total_cost__isnull=True, offered_rate__isnull=False).exists()
        assert Quote.objects.filter(source="sbi_remit").exists()
        assert RefreshRun.objects.get(source__key="ph_dmw").state == RefreshRun.State.APPLIED
        assert Agency.objects.filter(country="PH").count() > 100
        # The registries without recorded pages here read nothing, so nothing of theirs changes.
        assert not Agency.objects.exclude(country="PH").exists()

    def test_only_one_kind_of_source_and_a_failed_refresh_fails_the_command(self, server, capsys):
        serve_recording(server, "ecb_rates")
        with pytest.raises(CommandError, match="3 refreshes enqueued: 3 failed"):
            call_command("refresh_sources", "--only", "rates", base_url=server.url,
                         scrapy_setting=[*FAST, "SPIDER_MODULES=scrapers.nowhere"])  # a broken Scrapy deployment
        out = capsys.readouterr().out
        assert "rates_refresh ecb_rates: failed" in out and "CommandError" in out
        assert not ReferenceRate.objects.exclude(source="peg").exists() and not Quote.objects.exists()



def test_a_price_with_more_decimals_than_stored_is_rounded_so_reading_it_again_changes_nothing(tmp_path):
    row = price(1, amount_sent="200.123456", fee="3.123456", offered_rate="44.1234567891")
    first = import_feed(tmp_path, [row], name="a.jsonl")
    again = import_feed(tmp_path, [row], name="b.jsonl")
    quote = Quote.objects.get()
    assert (quote.amount_sent, quote.fee, quote.offered_rate) == (D("200.1235"), D("3.1235"), D("44.12345679"))
    assert (first.added, again.added, again.unchanged) == (1, 0, 1)


def test_a_control_character_in_a_price_row_is_refused_with_the_column_named():
    with pytest.raises(PriceRowError, match="provider has control or replacement characters"):
        parse_price_row(price(1, provider="Bad\x07Name"))
