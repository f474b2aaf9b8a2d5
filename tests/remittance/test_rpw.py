"""Reading the World Bank's RPW workbook: columns by name, RPW's words mapped explicitly, figures checked, hostile rows."""

import random
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from remittance.method import percent_rounded
from remittance.models import Product, Provider, Speed
from remittance.rpw import COLUMNS, REQUIRED, SHEET, Rejection, RpwError, RpwRow, quarter_start, read_rpw, rpw_file_check
from tests.remittance.rpw_workbook import SINGAPORE_PHILIPPINES_Q3_2025, rpw_row, write_workbook

D = Decimal


def read(tmp_path, rows, name="rpw.xlsx", **kwargs):
    return list(read_rpw(write_workbook(tmp_path / name, rows, **kwargs)))


def only(items, kind):
    return [item for item in items if isinstance(item, kind)]


def the_rejection(tmp_path, **fields):
    items = read(tmp_path, [rpw_row(1, **fields)])
    assert len(items) == 1 and isinstance(items[0], Rejection), items
    return items[0].reason


def test_the_published_format_has_42_columns():
    assert len(COLUMNS) == 42 == len({column.casefold() for column in COLUMNS})


def test_singapore_to_the_philippines_q3_2025_reads_with_the_published_figures(tmp_path):
    rows = read(tmp_path, SINGAPORE_PHILIPPINES_Q3_2025)
    assert all(isinstance(row, RpwRow) for row in rows) and len(rows) == 6
    first = rows[0]
    assert (first.line, first.rpw_id, first.period) == (2, "70101", "2025_3Q")
    assert (first.sending_country, first.sending_currency, first.receiving_country, first.receiving_currency) == (
        "SG", "SGD", "PH", "PHP")
    assert (first.firm, first.firm_type, first.pay_in, first.pay_out, first.speed, first.transparent) == (
        "Merlion Remit Pte Ltd", Provider.Type.MONEY_TRANSFER_OPERATOR, Product.PayIn.BANK_ACCOUNT,
        Product.PayOut.BANK_ACCOUNT, Speed.SAME_DAY, True)
    assert first.fetched_at == datetime(2025, 8, 12, tzinfo=UTC)
    for row, published in zip(rows, SINGAPORE_PHILIPPINES_Q3_2025, strict=True):
        for point in row.points:
            assert point.reference_rate == D("44.3")
            if row.transparent:
                # The totals worked out from the row's own figures are the ones RPW publishes.
                assert percent_rounded(point.total_cost) == D(str(published[f"{point.point} total cost %"]))
                assert percent_rounded(point.margin) == D(str(published[f"{point.point} fx margin"]))
    cheapest = min(row.points[0].total_cost for row in rows if row.transparent)
    average = sum(row.points[0].total_cost for row in rows if row.transparent) / 5
    assert (percent_rounded(cheapest), percent_rounded(average)) == (D("0.76"), D("3.16"))


def test_columns_in_another_order_and_headers_spelled_otherwise_read_the_same(tmp_path):
    expected = read(tmp_path, SINGAPORE_PHILIPPINES_Q3_2025)
    columns = list(COLUMNS)
    random.Random(7).shuffle(columns)
    header = [f"  {column.upper().replace('_', ' ')} " for column in columns]
    assert read(tmp_path, SINGAPORE_PHILIPPINES_Q3_2025, name="shuffled.xlsx", columns=columns, header=header) == expected


def test_a_missing_column_is_refused_with_its_name(tmp_path):
    columns = [column for column in COLUMNS if column not in ("cc2 total cost %", "transparent")]
    with pytest.raises(RpwError, match=r"lacks the columns cc2 total cost %, transparent"):
        read(tmp_path, SINGAPORE_PHILIPPINES_Q3_2025, columns=columns)


def test_only_the_columns_it_reads_are_required(tmp_path):
    unread = {"source_name", "note2", "corridor", "date", "access point", "id", "cc1 denomination amount",
              "receiving network coverage"}
    assert unread.isdisjoint(REQUIRED)
    rows = read(tmp_path, SINGAPORE_PHILIPPINES_Q3_2025, columns=[column for column in COLUMNS if column not in unread])
    assert len(only(rows, RpwRow)) == 6
    # Without a date column, a row is dated by the first day of its quarter.
    assert rows[0].fetched_at == datetime(2025, 7, 1, tzinfo=UTC) and rows[0].rpw_id == ""
    # Without the coverage column, nothing says a product reaches the family wherever they live.
    assert not any(row.accessible for row in rows)


@pytest.mark.parametrize(
    ("coverage", "accessible"),
    [
        ("Nationwide", True), ("NATIONAL", True), ("Large", True), ("extensive network", True), ("Country-wide", True),
        ("Nationwide (all 81 provinces)", True),
        ("Small", False), ("Limited", False), ("Medium", False), ("International", False), ("Not nationwide", False),
        ("Large, but limited to Metro Manila", False), ("", False), (None, False),
    ],
)
def test_a_wide_receiving_network_makes_a_product_accessible(tmp_path, coverage, accessible):
    row = read(tmp_path, [rpw_row(1, **{"receiving network coverage": coverage})])[0]
    assert row.accessible is accessible


def test_not_transparent_is_stored_as_a_rate_not_disclosed_not_as_a_margin_of_zero(tmp_path):
    row = read(tmp_path, SINGAPORE_PHILIPPINES_Q3_2025[5:])[0]
    assert row.transparent is False
    assert [(point.offered_rate, point.margin, point.total_cost) for point in row.points] == [(None, None, None)] * 2
    assert [point.fee for point in row.points] == [D(6), D(9)]


def test_a_not_transparent_row_must_still_add_up_to_its_published_total(tmp_path):
    row = {**SINGAPORE_PHILIPPINES_Q3_2025[5], "cc1 total cost %": 3.5, "cc2 total cost %": 2}
    reason = read(tmp_path, [row])[0].reason
    assert "cc1 total cost 2.31 computed, 3.50 published" in reason and "cc2 total cost 1.38 computed" in reason


@pytest.mark.parametrize(
    ("word", "speed"),
    [("Less than one hour", Speed.LESS_THAN_ONE_HOUR), ("same day", Speed.SAME_DAY), ("Next Day", Speed.NEXT_DAY),
     ("2 days", Speed.TWO_DAYS), ("3-5 days", Speed.THREE_TO_FIVE_DAYS), ("3 – 5 days", Speed.THREE_TO_FIVE_DAYS),
     ("6 days or more", Speed.MORE_THAN_FIVE_DAYS)],
)
def test_rpw_speeds_are_the_speed_bands(tmp_path, word, speed):
    assert read(tmp_path, [rpw_row(1, **{"speed actual": word})])[0].speed == speed


@pytest.mark.parametrize(
    ("fields", "pay_in", "pay_out"),
    [
        ({"payment instrument": "Debit card", "pickup method": "Account"}, "card", "bank_account"),
        ({"payment instrument": "Mobile Money", "pickup method": "Mobile wallet"}, "mobile_wallet", "mobile_wallet"),
        ({"payment instrument": "Bank Account", "pickup method": "Door-to-door"}, "bank_account", "home_delivery"),
        # The access point says how the money is received when the pickup method is empty.
        ({"pickup method": "", "access point": "Bank account"}, "cash", "bank_account"),
    ],
)
def test_pay_in_and_pay_out_words_are_mapped(tmp_path, fields, pay_in, pay_out):
    row = read(tmp_path, [rpw_row(1, **fields)])[0]
    assert (row.pay_in, row.pay_out) == (pay_in, pay_out)


@pytest.mark.parametrize(
    ("word", "firm_type"),
    [("Bank", "bank"), ("Money Transfer Operator", "mto"), ("MTO", "mto"), ("Post office", "post_office"),
     ("Mobile Operator", "mobile_operator")],
)
def test_firm_types_are_mapped(tmp_path, word, firm_type):
    assert read(tmp_path, [rpw_row(1, firm_type=word)])[0].firm_type == firm_type


def test_the_receiving_currency_is_the_one_in_use_in_the_rows_quarter(tmp_path):
    croatia = {"destination_code": "HRV", "corridor": "Germany_Croatia", "source_code": "DEU", "cc1 lcu code": "EUR",
               "cc2 lcu code": "EUR"}
    rows = read(tmp_path, [rpw_row(1, period="2016_2Q", date=datetime(2016, 5, 3), **croatia),
                           rpw_row(2, **croatia)])
    assert [(row.sending_currency, row.receiving_currency) for row in rows] == [("EUR", "HRK"), ("EUR", "EUR")]


def test_periods_are_quarters():
    assert quarter_start("2025_3Q") == datetime(2025, 7, 1).date()
    assert quarter_start("2016_2Q") == datetime(2016, 4, 1).date()
    assert quarter_start("2024 Q4") == datetime(2024, 10, 1).date()
    assert quarter_start("2025_5Q") is None and quarter_start("Q3") is None and quarter_start(2025) is None


class TestHostileRows:
    @pytest.mark.parametrize(
        ("fields", "reason"),
        [
            ({"cc1 lcu amount": -260, "cc2 lcu amount": 0}, "cc1 lcu amount must be more than zero, not -260"),
            ({"cc1 lcu fx rate": 0, "cc2 lcu fx rate": 0}, "cc1 lcu fx rate must be more than zero, not 0"),
            ({"inter lcu bank fx": 0}, "inter lcu bank fx must be more than zero"),
            ({"cc1 lcu fee": "five", "cc2 lcu fee": "6;DROP TABLE"}, "cc1 lcu fee is not a number: 'five'"),
            ({"cc1 lcu fee": -1, "cc2 lcu fee": -1}, "cc1 lcu fee is negative: -1"),
            ({"cc1 lcu amount": "1e9", "cc2 lcu amount": "NaN"}, "cc1 lcu amount is not a number: '1e9'"),
            ({"cc1 lcu amount": True, "cc2 lcu amount": True}, "cc1 lcu amount is not a number"),
            ({"cc1 lcu amount": 1e20, "cc2 lcu amount": 1e20}, "cc1 lcu amount is too large"),
            ({"firm_type": "Fintech"}, "unknown firm_type 'Fintech'"),
            ({"firm_type": "Bank/MTO"}, "unknown firm_type 'Bank/MTO'"),
            ({"speed actual": "Whenever"}, "unknown speed actual 'Whenever'"),
            ({"payment instrument": "Gold bars"}, "unknown payment instrument 'Gold bars'"),
            ({"pickup method": "", "access point": "Branch"}, "unknown access point 'Branch'"),
            ({"transparent": "maybe"}, "unknown transparent 'maybe'"),
            ({"destination_code": "XKX"}, "destination_code 'XKX' is not an ISO 3166 country code"),
            ({"source_code": "SG"}, "source_code 'SG' is not an ISO 3166 country code"),
            ({"source_code": 702}, "source_code is not text"),
            ({"cc1 lcu code": "XYZ"}, "cc1 lcu code 'XYZ' is not an ISO 4217 currency code"),
            ({"period": "Q3 2025"}, "period 'Q3 2025' is not a quarter"),
            ({"date": "12/08/2025"}, "date is not a date (YYYY-MM-DD): '12/08/2025'"),
            ({"date": datetime(1900, 1, 1)}, "date 1900-01-01 is far from its period"),
            ({"firm": "   "}, "firm is missing"),
            ({"firm": "x" * 300}, "firm is longer than 200 characters"),
            ({"firm": "x" * 1_000_000}, "firm is longer than 200 characters"),
            ({"receiving network coverage": 3}, "receiving network coverage is not text"),
            ({"cc1 total cost %": 4.1, "cc2 total cost %": 4.1}, "cc1 total cost 2.44 computed, 4.10 published"),
            ({"cc1 fx margin": 2, "cc2 fx margin": 2}, "cc1 FX margin 0.90 computed, 2.00 published"),
            ({"cc1 lcu amount": None, "cc1 lcu fee": None, "cc1 lcu fx rate": None, "cc2 lcu amount": None,
              "cc2 lcu fee": None, "cc2 lcu fx rate": None}, "the row has no price point"),
        ],
    )
    def test_a_bad_row_is_rejected_with_its_reason(self, tmp_path, fields, reason):
        assert reason in the_rejection(tmp_path, **fields)

    def test_a_bad_price_point_is_left_out_and_the_other_kept(self, tmp_path):
        row = read(tmp_path, [rpw_row(1, **{"cc2 lcu code": "USD", "cc1 lcu amount": 260})])[0]
        assert [point.point for point in row.points] == ["cc1"]
        assert [str(error) for error in row.rejected_points] == [
            "cc2 is in USD, the sending currency is SGD (cc1 lcu code): its amount and fee must be in the sending "
            "currency"]

    def test_markup_in_a_firm_name_is_stripped(self, tmp_path):
        row = read(tmp_path, [rpw_row(1, firm='<b>Harbour</b> Remit <script>alert("x")</script>&amp; Sons')])[0]
        assert row.firm == 'Harbour Remit alert("x")& Sons'

    def test_a_huge_cell_in_a_column_that_is_not_read_does_not_matter(self, tmp_path):
        rows = read(tmp_path, [rpw_row(1, **{"Standard Note": "x" * 1_000_000})])
        assert isinstance(rows[0], RpwRow)

    def test_blank_rows_are_skipped_and_lines_are_the_sheets(self, tmp_path):
        items = read(tmp_path, [rpw_row(1), {}, rpw_row(2, firm_type="Fintech")])
        assert [(type(item).__name__, item.line) for item in items] == [("RpwRow", 2), ("Rejection", 4)]

    def test_numbers_written_as_text_are_read(self, tmp_path):
        row = read(tmp_path, [rpw_row(1, **{"cc1 lcu amount": " 260 ", "cc1 lcu fee": "4.00", "inter lcu bank fx": "44.3"})])[0]
        assert (row.points[0].amount, row.points[0].fee) == (D(260), D(4))


class TestDamagedWorkbooks:
    def test_a_file_that_is_not_a_workbook(self, tmp_path):
        path = tmp_path / "rpw.xlsx"
        path.write_text("id,period\n1,2025_3Q\n")
        with pytest.raises(RpwError, match="cannot be read as an .xlsx workbook"):
            list(read_rpw(path))
        with pytest.raises(RpwError, match="is not an .xlsx workbook"):
            rpw_file_check(path)

    def test_a_truncated_workbook(self, tmp_path):
        whole = write_workbook(tmp_path / "whole.xlsx", [rpw_row(number) for number in range(1, 200)]).read_bytes()
        path = tmp_path / "truncated.xlsx"
        path.write_bytes(whole[: len(whole) // 2])
        with pytest.raises(RpwError):
            list(read_rpw(path))

    def test_a_workbook_without_the_dataset_sheet(self, tmp_path):
        path = write_workbook(tmp_path / "rpw.xlsx", [rpw_row(1)], sheet="Dataset (until Q1 2016)")
        with pytest.raises(RpwError, match=r"no sheet 'Dataset \(from Q2 2016\)' \(its sheets: 'Dataset \(until Q1 2016\)'\)"):
            list(read_rpw(path))
        rpw_file_check(path)  # an .xlsx workbook all the same

    def test_an_empty_sheet(self, tmp_path):
        path = write_workbook(tmp_path / "rpw.xlsx", [], header=[None])
        with pytest.raises(RpwError, match="is empty"):
            list(read_rpw(path))

    def test_the_sheet_name_is_matched_without_case(self, tmp_path):
        path = write_workbook(tmp_path / "rpw.xlsx", [rpw_row(1)], sheet=SHEET.upper())
        assert len(list(read_rpw(path))) == 1
