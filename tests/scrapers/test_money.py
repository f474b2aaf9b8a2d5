"""The shared pieces of the money spiders: decimals, codes, corridors, the sources' words, and the helpers
that read a source's numbers (NRB's mid rate, SBI Remit's fee bands)."""

from datetime import timedelta
from decimal import Decimal

import pytest

from scrapers.corridors import RPW_AMOUNTS, Corridor, parse_amounts, parse_corridor, parse_corridors
from scrapers.items import WORDED_FIELDS
from scrapers.money import NotANumber, country_known, currency_known, decimal_text, parse_decimal, sign_problem
from scrapers.spiders.nrb_rates import mid_rate
from scrapers.spiders.sbi_remit import fee_amount, fee_band
from scrapers.vocabulary import VOCABULARIES, duration_band, map_word, parse_iso_duration


@pytest.mark.parametrize(("value", "expected"), [
    ("1.0823", "1.0823"), (" 143.20 ", "143.20"), ("-0.5", "-0.5"), ("18752.72", "18752.72"), (0, "0"),
    (Decimal("43.5200"), "43.5200"), (Decimal("1E+2"), "1E+2"),
])
def test_a_decimal_keeps_its_published_digits(value, expected):
    assert str(parse_decimal(value)) == expected


@pytest.mark.parametrize("value", [
    "1,0823", "2,100.0", "1e3", "1E+3", "NaN", "Infinity", "-inf", "", " ", "1.", ".5", "+1", "1 000", "0x1A",
    "\u0661\u0662", "\u0e51\u0e52", "１２", "<b>1</b>", "12 JPY", None, True, 1.5, Decimal("NaN"), Decimal("Infinity"),
    "9" * 41, Decimal("1E+999999"),
])
def test_anything_else_is_not_a_decimal(value):
    with pytest.raises(NotANumber):
        parse_decimal(value)


@pytest.mark.parametrize(("value", "expected"), [
    ("2,100.0", "2100.0"), ("1,458.2", "1458.2"), ("6,864.2", "6864.2"), ("1,000,000", "1000000"), ("64.635", "64.635"),
    ("-2,418.2", "-2418.2"),
])
def test_grouped_thousands_are_read_where_the_source_groups_them(value, expected):
    assert str(parse_decimal(value, grouping=True)) == expected


@pytest.mark.parametrize("value", ["1,63.1", "1,5", "12,34,567", ",100", "1,000,00", "110,35"])
def test_a_group_must_hold_three_digits(value):
    with pytest.raises(NotANumber):
        parse_decimal(value, grouping=True)


def test_decimals_are_written_without_exponent_or_negative_zero():
    assert decimal_text(Decimal("1E+2")) == "100"
    assert decimal_text(Decimal("1.60075")) == "1.60075"
    assert decimal_text(Decimal("2100.0") / 1) == "2100.0"
    assert decimal_text(Decimal("1458.2") / 100) == "14.582"
    assert decimal_text(Decimal("-0.00")) == "0.00"
    assert (sign_problem(Decimal(0)), sign_problem(Decimal("-0.1")), sign_problem(Decimal("0.1"))) == ("is zero", "is negative", None)


def test_codes_are_known_iso_codes_in_capitals():
    assert all(map(currency_known, ("SGD", "PHP", "NPR", "MMK", "KHR", "VND", "AED", "QAR")))
    assert not any(map(currency_known, ("sgd", "XYZ", "S$", "SGDX", "", None, " SGD")))
    assert all(map(country_known, ("SG", "PH", "NP", "MM", "KH")))
    assert not any(map(country_known, ("sg", "XX", "SGP", "", None)))


def test_a_corridor_is_written_short_or_in_full():
    assert parse_corridor("SGD-PHP") == Corridor("SG", "SGD", "PH", "PHP")
    assert parse_corridor(" krw-khr ") == Corridor("KR", "KRW", "KH", "KHR")
    assert parse_corridor("TH:THB-KH:USD") == Corridor("TH", "THB", "KH", "USD")
    assert str(parse_corridor("QAR-NPR")) == "QA:QAR-NP:NPR"
    assert parse_corridor("JPY-VND").fields() == {
        "sending_country": "JP", "sending_currency": "JPY", "receiving_country": "VN", "receiving_currency": "VND"}
    assert parse_corridors("SGD-PHP, HKD-PHP,") == [parse_corridor("SGD-PHP"), parse_corridor("HKD-PHP")]
    assert parse_corridors(("MYR-IDR",)) == [Corridor("MY", "MYR", "ID", "IDR")]


@pytest.mark.parametrize("spec", ["SGD", "SGD-PHP-NPR", "USD-PHP", "SGD-XYZ", "XX:SGD-PHP", "SGD PHP", ""])
def test_a_corridor_that_cannot_be_read_is_refused(spec):
    with pytest.raises(ValueError):
        parse_corridors(spec)


def test_amounts_are_positive_decimals():
    assert parse_amounts("200, 500") == ("200", "500")
    assert parse_amounts(("260", "650.50")) == ("260", "650.50")
    for bad in ("0", "-200", "2e2", "abc", ""):
        with pytest.raises(ValueError):
            parse_amounts(bad)
    assert all(len(parse_amounts(amounts)) == 2 for amounts in RPW_AMOUNTS.values())


@pytest.mark.parametrize(("duration", "band"), [
    ("PT10M", "under_hour"), ("PT1H", "under_hour"), ("PT19M25.5S", "under_hour"), ("PT1H1S", "same_day"),
    ("PT4H", "same_day"), ("PT12H", "same_day"), ("PT20H8M16.305111S", "next_day"), ("PT24H", "next_day"),
    ("P1D", "next_day"), ("P2D", "two_days"), ("P1DT12H", "two_days"), ("PT72H", "three_to_five_days"),
    ("P5D", "three_to_five_days"), ("P5DT1S", "over_five_days"), ("P10D", "over_five_days"),
])
def test_a_delivery_estimate_falls_in_the_band_of_its_upper_bound(duration, band):
    assert duration_band(duration) == band


@pytest.mark.parametrize("text", ["", "P", "PT", "P2DT", "P1W", "2 days", "from P2D", "no estimate", "-PT1H", None, "P9999999999D"])
def test_an_unreadable_estimate_has_no_band(text):
    assert duration_band(text) is None


def test_iso_durations():
    assert parse_iso_duration("P1DT2H3M4.5S") == timedelta(days=1, hours=2, minutes=3, seconds=4.5)


def test_words_are_matched_whatever_their_case_and_punctuation():
    assert map_word("sbi_remit", "pay_out", "bank account deposit") == "bank"
    assert map_word("sbi_remit", "pay_out", "CASH PICK UP") == "cash_pickup"
    assert map_word("sbi_remit", "speed", "1–2 business days") == "two_days"
    assert map_word("sbi_remit", "pay_out", "locker pick-up") is None
    assert map_word("wise_compare", "provider_type", "moneyTransferProvider") == "mto"
    assert map_word("wise_compare", "provider_type", "travelMoney") is None
    assert map_word("wise_compare", "speed", "PT24H") == "next_day"
    assert map_word("no_such_source", "speed", "Same day") is None


def test_every_mapped_word_means_one_of_lanterns_values():
    for source, fields in VOCABULARIES.items():
        assert set(fields) <= set(WORDED_FIELDS), source
        for field, table in fields.items():
            if not callable(table):
                assert set(table.values()) <= set(WORDED_FIELDS[field]), (source, field)


@pytest.mark.parametrize(("buy", "sell", "unit", "expected"), [
    ("160.00", "160.15", 100, ("1.60075", None)),
    ("136.87", "137.47", 1, ("137.17", None)),
    ("9.46", "9.50", 10, ("0.948", None)),
    (Decimal("32.300"), Decimal("32.470"), "1", ("32.385", None)),
    ("0", "0", 1, (None, "buy is zero")),
    ("1", "-1", 1, (None, "sell is negative")),
    ("1O3", "104", 1, (None, "buy is not a decimal number")),
    ("103", None, 1, (None, "sell is not a decimal number")),
    ("103", "104", 0, (None, "unit is not a positive whole number")),
    ("103", "104", "1.5", (None, "unit is not a positive whole number")),
    ("103", "104", None, (None, "unit is not a positive whole number")),
])
def test_nrbs_mid_rate_per_unit(buy, sell, unit, expected):
    assert mid_rate(buy, sell, unit) == expected


@pytest.mark.parametrize(("text", "band"), [
    ("1 JPY – 50,000 JPY", (Decimal(1), Decimal(50000))),
    ("300,001 JPY – maximum amount*", (Decimal(300001), None)),
    ("50,000 JPY or less", (None, Decimal(50000))),
    ("1 JPY - 100,000 JPY", (Decimal(1), Decimal(100000))),
    ("All amounts", None),
    ("100,000 JPY – 1 JPY", None),
    ("1 – 2 – 3", None),
])
def test_sbi_remits_amount_bands(text, band):
    assert fee_band(text) == band


@pytest.mark.parametrize(("text", "fee"), [
    ("460 JPY", ("460", "JPY")), ("1,760 JPY", ("1760", "JPY")), ("460 yen", ("460", "JPY")), ("460円", ("460", "JPY")),
    ("¥460", ("460", "JPY")), ("460 USD", ("460", "USD")), ("Free", ("0", "")), ("39O JPY", ("39O", "JPY")),
    ("460", ("460", "")),
])
def test_sbi_remits_fee_cells(text, fee):
    assert fee_amount(text) == fee
