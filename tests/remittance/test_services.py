"""Importing the RPW workbook: one transaction, never deleting, nothing written twice, suspicious runs held."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from remittance.method import percent_rounded
from remittance.models import Corridor, PriceRun, Product, Provider, Quote
from remittance.rpw import COLUMNS, SOURCE_URL
from remittance.services import price_run_confirm, price_run_reject, provider_slug, rpw_import
from tests.remittance.rpw_workbook import SINGAPORE_PHILIPPINES_Q3_2025, rpw_row, write_workbook

pytestmark = pytest.mark.django_db

D = Decimal
TABLES = ('"remittance_corridor"', '"remittance_provider"', '"remittance_product"', '"remittance_quote"')


def import_rows(tmp_path, rows, name="rpw.xlsx", **kwargs):
    return rpw_import(path=write_workbook(tmp_path / name, rows), **kwargs)


def prices_state():
    """Everything an import may touch, to show that a refused run changed nothing."""
    return tuple(
        list(model.objects.order_by("pk").values()) for model in (Corridor, Provider, Product, Quote)
    )


def price_writes(queries):
    return [query["sql"] for query in queries
            if query["sql"].split()[0] in ("INSERT", "UPDATE", "DELETE") and any(table in query["sql"] for table in TABLES)]


@pytest.fixture
def singapore_philippines(tmp_path):
    run = import_rows(tmp_path, SINGAPORE_PHILIPPINES_Q3_2025, name="first.xlsx")
    assert run.state == PriceRun.State.APPLIED, run.reason
    return run


@pytest.fixture
def ten_rows(tmp_path):
    run = import_rows(tmp_path, [rpw_row(number) for number in range(1, 11)], name="ten.xlsx")
    assert (run.state, run.rows, run.added) == (PriceRun.State.APPLIED, 10, 20)
    return run


def test_a_first_import_stores_every_price_point_with_its_provenance(singapore_philippines):
    run = singapore_philippines
    assert (run.rows, run.added, run.unchanged, run.rejected, run.reason) == (6, 12, 0, 0, "")
    assert run.fetched_at == datetime(2025, 8, 12, tzinfo=UTC) and run.finished_at
    corridor = Corridor.objects.get()
    assert (corridor.code, corridor.sending_currency, corridor.receiving_currency) == ("sg-ph", "SGD", "PHP")
    provider = Provider.objects.get(slug="island-post")
    assert (provider.name, provider.type) == ("Island Post", Provider.Type.POST_OFFICE)
    product = provider.products.get()
    assert (product.pay_in, product.pay_out, product.speed, product.transparent, product.accessible) == (
        "cash", "home_delivery", "3_5_days", True, True)
    quote = product.quotes.get(amount_sent=260)
    assert (quote.fee, quote.fee_mode, quote.offered_rate, quote.reference_rate) == (D(6), "on_top", D("43.4"), D("44.3"))
    assert (quote.source, quote.source_url, quote.fetched_at) == ("rpw", SOURCE_URL, datetime(2025, 8, 12, tzinfo=UTC))


def test_stored_total_costs_are_the_published_ones(singapore_philippines):
    for row in SINGAPORE_PHILIPPINES_Q3_2025[:5]:
        for point, amount in (("cc1", 260), ("cc2", 650)):
            quote = Quote.objects.get(product__provider__name=row["firm"], amount_sent=amount)
            assert abs(quote.total_cost - D(str(row[f"{point} total cost %"]))) <= D("0.01")
    usd_200 = Quote.objects.filter(amount_sent=260, total_cost__isnull=False).values_list("total_cost", flat=True)
    assert percent_rounded(min(usd_200)) == D("0.76")
    assert percent_rounded(sum(usd_200) / len(usd_200)) == D("3.16")


def test_not_transparent_is_stored_as_a_rate_not_disclosed(singapore_philippines):
    product = Product.objects.get(provider__name="Kampong Transfer")
    assert product.transparent is False
    assert list(product.quotes.order_by("amount_sent").values_list("offered_rate", "total_cost", "reference_rate", "fee")) == [
        (None, None, D("44.3"), D(6)), (None, None, D("44.3"), D(9))]


def test_a_reimport_of_the_same_file_writes_nothing_but_its_run(tmp_path, singapore_philippines):
    before = prices_state()
    with CaptureQueriesContext(connection) as queries:
        run = import_rows(tmp_path, SINGAPORE_PHILIPPINES_Q3_2025, name="again.xlsx")
    assert price_writes(queries) == []
    assert all("remittance_pricerun" in sql for sql in (query["sql"] for query in queries)
               if sql.split()[0] in ("INSERT", "UPDATE", "DELETE"))
    assert (run.state, run.rows, run.added, run.unchanged, run.rejected) == (PriceRun.State.APPLIED, 6, 0, 12, 0)
    assert prices_state() == before


def test_a_new_quarter_adds_quotes_and_products_follow_their_latest_period(tmp_path, singapore_philippines):
    later = [{**row, "period": "2025_4Q", "date": datetime(2025, 11, 4)} for row in SINGAPORE_PHILIPPINES_Q3_2025]
    later[1] = {**later[1], "speed actual": "Next day", "receiving network coverage": "Limited"}
    older = {**SINGAPORE_PHILIPPINES_Q3_2025[2], "period": "2024_3Q", "date": datetime(2024, 8, 1),
             "speed actual": "6 days or more", "receiving network coverage": "Small"}
    run = import_rows(tmp_path, [*later, older], name="q4.xlsx")
    assert (run.state, run.added, run.unchanged) == (PriceRun.State.APPLIED, 14, 0)
    assert Quote.objects.count() == 26 and Product.objects.count() == 6, "a refresh adds; it never replaces"
    lion_city, orchard = (Product.objects.get(provider__name=name) for name in ("Lion City Bank", "Orchard Express Remittance"))
    assert (lion_city.speed, lion_city.accessible) == ("next_day", False)
    assert (orchard.speed, orchard.accessible) == ("less_than_1_hour", True)


def test_the_same_product_twice_in_one_period_keeps_the_first(tmp_path, db):
    rows = [rpw_row(1), rpw_row(1, **{"speed actual": "Same day", "access point": "Online"}), rpw_row(2)]
    run = import_rows(tmp_path, rows)
    assert (run.rows, run.added, run.rejected) == (3, 4, 2)
    assert "a product repeated in one period (the first row is kept) (2)" in run.reason
    assert Product.objects.get(provider__name="Remit Firm 1").speed == "less_than_1_hour"
    with CaptureQueriesContext(connection) as queries:
        again = import_rows(tmp_path, rows, name="again.xlsx")
    assert price_writes(queries) == [] and again.added == 0


def test_providers_are_one_per_slug(tmp_path, db):
    run = import_rows(tmp_path, [rpw_row(1, firm="Harbour Remit"), rpw_row(2, firm="HARBOUR  REMIT", **{
        "pickup method": "Bank account"})])
    assert run.added == 4
    assert list(Provider.objects.values_list("name", "slug")) == [("Harbour Remit", "harbour-remit")]
    assert provider_slug("中国银行").startswith("provider-")


def test_bad_rows_are_counted_with_their_reasons_and_the_rest_is_stored(tmp_path, db):
    rows = [
        rpw_row(1),
        rpw_row(2, **{"cc1 lcu amount": -260, "cc2 lcu amount": -650}),
        rpw_row(3, **{"cc1 lcu fx rate": 0, "cc2 lcu fx rate": 0}),
        rpw_row(4, **{"cc1 lcu fee": "abc"}),
        rpw_row(5, firm_type="Fintech"),
        rpw_row(6, firm='<a href="https://evil.example">Click</a> Remit'),
        rpw_row(7, firm="y" * 1_000_000),
        rpw_row(8, **{"cc2 lcu code": "USD"}),
        rpw_row(9, destination_code="ZZZ"),
    ]
    run = import_rows(tmp_path, rows)
    assert run.state == PriceRun.State.APPLIED
    # Rows 4 and 8 keep the price point that is right; every other bad row is left out whole.
    assert (run.rows, run.added, run.rejected) == (4, 6, 7)
    assert run.reason.startswith(
        "Rejected: cc1 lcu amount is not more than zero and cc2 lcu amount is not more than zero (1); ")
    assert "unknown firm_type 'Fintech' (1)" in run.reason
    assert len(run.reason.split("; ")) == 5, "the five commonest reasons; the preview has each row's"
    assert Provider.objects.filter(name="Click Remit").exists()
    assert Quote.objects.filter(product__provider__name="Remit Firm 8").get().amount_sent == 260
    assert Quote.objects.filter(product__provider__name="Remit Firm 4").get().amount_sent == 650
    rejected = [entry for entry in run.preview if entry["kind"] == "rejected"]
    assert {entry["row"] for entry in rejected} == {3, 4, 5, 6, 8, 9, 10}
    reasons = " | ".join(entry["reason"] for entry in rejected)
    assert "firm is longer than 200 characters" in reasons and "cc1 lcu fee is not a number: 'abc'" in reasons


def test_the_preview_shows_the_first_rows_of_each_kind(tmp_path, db):
    run = import_rows(tmp_path, [rpw_row(number) for number in range(1, 31)])
    added = [entry for entry in run.preview if entry["kind"] == "added"]
    assert len(added) == 20
    assert added[0] == {"kind": "added", "row": 2, "id": "1", "period": "2025_3Q", "corridor": "sg-ph",
                        "firm": "Remit Firm 1", "point": "cc1", "amount": "260.0000", "fee": "4.0000",
                        "offered_rate": "43.90000000", "total_cost": "2.44"}


def test_a_missing_column_rejects_the_run_and_changes_nothing(tmp_path, ten_rows):
    before = prices_state()
    columns = [column for column in COLUMNS if column != "inter lcu bank fx"]
    run = rpw_import(path=write_workbook(tmp_path / "narrow.xlsx", [rpw_row(11)], columns=columns))
    assert run.state == PriceRun.State.REJECTED
    assert "lacks the column inter lcu bank fx" in run.reason and "Nothing was changed" in run.reason
    assert prices_state() == before


def test_a_damaged_workbook_rejects_the_run_and_changes_nothing(tmp_path, ten_rows):
    before = prices_state()
    whole = write_workbook(tmp_path / "whole.xlsx", [rpw_row(number) for number in range(11, 300)]).read_bytes()
    (tmp_path / "damaged.xlsx").write_bytes(whole[: len(whole) * 2 // 3])
    run = rpw_import(path=tmp_path / "damaged.xlsx")
    assert run.state == PriceRun.State.REJECTED and "Nothing was changed" in run.reason
    assert (run.rows, run.added) == (0, 0)
    assert prices_state() == before


def test_a_workbook_without_usable_rows_is_rejected(tmp_path, db):
    run = import_rows(tmp_path, [rpw_row(1, firm_type="Fintech")])
    assert run.state == PriceRun.State.REJECTED and "no usable rows" in run.reason
    assert not Provider.objects.exists() and not Corridor.objects.exists()


def test_a_run_with_far_fewer_rows_is_held_and_changes_nothing(tmp_path, ten_rows):
    before = prices_state()
    run = import_rows(tmp_path, [rpw_row(1), rpw_row(11), rpw_row(12)], name="three.xlsx")
    assert run.state == PriceRun.State.HELD
    assert "3 usable rows, far fewer than the 10 of the last applied run" in run.reason
    assert run.feed and (run.rows, run.added, run.unchanged) == (3, 4, 2)
    assert [entry["firm"] for entry in run.preview if entry["kind"] == "added"] == ["Remit Firm 11"] * 2 + ["Remit Firm 12"] * 2
    assert prices_state() == before


def test_the_share_that_holds_a_run_can_be_set(tmp_path, ten_rows):
    run = import_rows(tmp_path, [rpw_row(number) for number in range(1, 4)], name="three.xlsx", min_row_share=0.2)
    assert run.state == PriceRun.State.APPLIED


def test_a_person_confirms_a_held_run(tmp_path, ten_rows, admin_user):
    run = import_rows(tmp_path, [rpw_row(1), rpw_row(11), rpw_row(12)], name="three.xlsx")
    price_run_confirm(run=run, user=admin_user)
    run.refresh_from_db()
    assert (run.state, run.decided_by, run.added, run.unchanged) == (PriceRun.State.APPLIED, admin_user, 4, 2)
    assert "Confirmed by a person; it was held because: The workbook has 3 usable rows" in run.reason
    assert Quote.objects.count() == 24
    assert not run.feed
    with pytest.raises(ValueError):
        price_run_reject(run=run, user=admin_user)


def test_a_person_rejects_a_held_run_and_nothing_changes(tmp_path, ten_rows, admin_user):
    run = import_rows(tmp_path, [rpw_row(11)], name="one.xlsx")
    before = prices_state()
    price_run_reject(run=run, user=admin_user, note="A partial download")
    run.refresh_from_db()
    assert run.state == PriceRun.State.REJECTED and "A partial download" in run.reason and not run.feed
    assert prices_state() == before
    with pytest.raises(ValueError):
        price_run_confirm(run=run, user=admin_user)


def test_a_held_run_does_not_lower_the_bar_for_the_next(tmp_path, ten_rows):
    import_rows(tmp_path, [rpw_row(1)], name="one.xlsx")
    run = import_rows(tmp_path, [rpw_row(1), rpw_row(2)], name="two.xlsx")
    assert run.state == PriceRun.State.HELD and "the 10 of the last applied run" in run.reason


class TestCommand:
    def test_import_rpw_shows_progress_and_a_summary(self, tmp_path, capsys):
        path = write_workbook(tmp_path / "rpw.xlsx", [rpw_row(number) for number in range(1, 1201)])
        call_command("import_rpw", str(path))
        out = capsys.readouterr().out
        assert "importing: 1000 rows read" in out
        assert "1200 rows: 2400 quotes added, 0 unchanged, 0 rejected." in out
        assert "Applied." in out
        call_command("import_rpw", str(path))
        assert "1200 rows: 0 quotes added, 2400 unchanged, 0 rejected." in capsys.readouterr().out

    def test_a_held_run_says_so(self, tmp_path, capsys, ten_rows):
        call_command("import_rpw", str(write_workbook(tmp_path / "one.xlsx", [rpw_row(1)])))
        out = capsys.readouterr().out
        assert "Held for a person." in out and "far fewer than the 10" in out

    def test_a_rejected_run_gives_its_reason(self, tmp_path, capsys):
        columns = [column for column in COLUMNS if column != "firm"]
        call_command("import_rpw", str(write_workbook(tmp_path / "rpw.xlsx", [rpw_row(1)], columns=columns)))
        out = capsys.readouterr().out
        assert "Rejected." in out and "lacks the column firm" in out

    @pytest.mark.parametrize(
        ("content", "arguments", "message"),
        [
            (None, [], "No file at"),
            (b"id,period,firm\n1,2025_3Q,Remit\n", [], "is not an .xlsx workbook"),
            (b"", [], "is not an .xlsx workbook"),
            (b"PK\x03\x04 not really", [], "is not an .xlsx workbook"),
            (None, ["--min-row-share", "2"], "--min-row-share is a share between 0 and 1"),
        ],
    )
    def test_bad_arguments_are_refused_clearly_and_nothing_is_stored(self, tmp_path, content, arguments, message):
        path = tmp_path / "rpw.xlsx"
        if content is not None:
            path.write_bytes(content)
        elif arguments:
            write_workbook(path, [rpw_row(1)])
        with pytest.raises(CommandError, match=message) as error:
            call_command("import_rpw", str(path), *arguments)
        assert "\n" not in str(error.value)
        assert not PriceRun.objects.exists() and not Quote.objects.exists()
