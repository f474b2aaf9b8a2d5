"""Money and the amounts workers type: every script's digits, each language's separators, and hostile input."""

import random
from dataclasses import FrozenInstanceError
from decimal import Decimal

import pytest
from django.utils import translation

from remittance.money import MAX_AMOUNT, AmountError, Money, currency_digits, parse_amount, round_to_currency

LANGUAGES = ["en", "fil", "id", "ne", "my", "km", "vi", "th"]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("1,000.50", "en", "1000.50"),
        ("1,000.50", "fil", "1000.50"),
        ("1.000,50", "id", "1000.50"),
        ("1.000,50", "vi", "1000.50"),
        ("1000", "en", "1000"),
        ("1000,5", "id", "1000.50"),
        ("  250  ", "en", "250"),
        ("๑,๐๐๐", "th", "1000"),  # Thai digits
        ("၁၀၀၀", "my", "1000"),  # Burmese digits
        ("၁ဝဝဝ", "my", "1000"),  # the letter wa typed for the zero it looks like
        ("१,०००", "ne", "1000"),  # Devanagari digits
        ("१,००,०००", "ne", "100000"),  # one lakh, as Nepali groups it
        ("100,000", "ne", "100000"),
        ("១០០០", "km", "1000"),  # Khmer digits
        ("１０００", "en", "1000"),  # full-width digits of a CJK keyboard
        ("１，０００．５０", "en", "1000.50"),
        ("1\u00a0000", "en", "1000"),  # no-break space
        ("1\u00a0000", "id", "1000"),
        ("1 000,50", "vi", "1000.50"),
        ("1\u202f000.50", "th", "1000.50"),  # narrow no-break space
        ("12.345", "id", "12345"),  # a lone separator and three digits groups, in a language that groups with it
        ("1.000", "id", "1000"),
        ("1,000", "en", "1000"),
        ("10,000,000", "en", "10000000"),  # the cap itself is allowed
    ],
)
def test_an_amount_is_read_as_the_visitors_language_writes_it(text, language, expected):
    assert parse_amount(text, language=language, currency="SGD") == Money(Decimal(expected), "SGD")


def test_the_amount_comes_back_with_the_currencys_decimals():
    assert str(parse_amount("1000.5", language="en", currency="SGD").amount) == "1000.50"
    assert str(parse_amount("1.000,00", language="vi", currency="VND").amount) == "1000"


def test_twelve_point_three_four_five_in_english_is_a_decimal_not_twelve_thousand():
    assert parse_amount("12.345", language="en", currency="BHD").amount == Decimal("12.345")
    with pytest.raises(AmountError) as refused:
        parse_amount("12.345", language="en", currency="SGD")
    assert refused.value.code == "decimals"
    assert str(refused.value) == "Amounts in SGD have at most 2 decimals."


@pytest.mark.parametrize(
    ("text", "language", "code"),
    [
        ("", "en", "empty"),
        ("   ", "en", "empty"),
        ("\u00a0\t\n", "th", "empty"),
        ("abc", "en", "invalid"),
        ("1e9", "en", "invalid"),
        ("NaN", "en", "invalid"),
        ("Infinity", "en", "invalid"),
        ("-", "en", "invalid"),
        ("-abc", "en", "invalid"),
        ("<script>", "en", "invalid"),
        ("<script>alert(1)</script>", "my", "invalid"),
        ("SGD 100", "en", "invalid"),  # no currency code
        ("$100", "en", "invalid"),  # no currency symbol
        ("100฿", "th", "invalid"),
        ("+100", "en", "invalid"),
        ("10²", "en", "invalid"),  # a superscript is not a digit
        ("1,5", "en", "invalid"),  # neither one and a half nor fifteen: a group holds three digits
        ("1,000.50", "id", "invalid"),  # English separators in Indonesian
        ("1.000,50", "en", "invalid"),
        ("1000.50", "vi", "invalid"),
        ("1,00,000", "en", "invalid"),  # lakh grouping outside Nepali
        ("1,,000", "en", "invalid"),
        ("1  000", "en", "invalid"),
        ("1,000.", "en", "invalid"),
        (".50", "en", "invalid"),
        ("1.2.3", "en", "invalid"),
        ("1,0000", "en", "invalid"),
        ("5-", "en", "invalid"),
        ("x" * 10_000, "en", "invalid"),
        ("1" * 10_000, "en", "invalid"),
        ("-5", "en", "negative"),
        ("\u22125", "en", "negative"),  # the minus sign
        ("- 5", "en", "negative"),
        ("-๕", "th", "negative"),
        ("0", "en", "zero"),
        ("0,00", "id", "zero"),
        ("-0", "en", "zero"),
        ("0.001", "en", "decimals"),
        ("99999999999", "en", "too_large"),
        ("10,000,000.01", "en", "too_large"),
        ("9" * 99, "en", "too_large"),
    ],
)
def test_what_is_not_an_amount_is_refused_with_a_reason(text, language, code):
    with pytest.raises(AmountError) as refused:
        parse_amount(text, language=language, currency="SGD")
    assert refused.value.code == code
    assert isinstance(refused.value, ValueError)
    assert str(refused.value)


def test_the_refusal_shows_an_example_in_the_visitors_language():
    examples = {}
    for language in ("en", "id", "ne"):
        with pytest.raises(AmountError) as refused:
            parse_amount("abc", language=language, currency="SGD")
        examples[language] = str(refused.value)
    assert examples == {
        "en": "Type the amount in figures only, for example 1,000.50.",
        "id": "Type the amount in figures only, for example 1.000,50.",
        "ne": "Type the amount in figures only, for example 1,000.50.",
    }
    with pytest.raises(AmountError) as refused:
        parse_amount("abc", language="en", currency="JPY")
    assert str(refused.value) == "Type the amount in figures only, for example 1,000."


def test_the_cap_is_said_as_the_language_writes_numbers():
    for language, written in (("en", "10,000,000"), ("vi", "10.000.000"), ("ne", "1,00,00,000")):
        with pytest.raises(AmountError) as refused:
            parse_amount("99999999999", language=language, currency="SGD")
        assert str(refused.value) == f"The amount must be at most {written} SGD."
    assert MAX_AMOUNT == Decimal(10_000_000)


def test_a_currency_without_decimals_refuses_them_but_not_trailing_zeros():
    assert parse_amount("1,000.00", language="en", currency="JPY") == Money(Decimal(1000), "JPY")
    with pytest.raises(AmountError) as refused:
        parse_amount("1,000.5", language="en", currency="JPY")
    assert (refused.value.code, str(refused.value)) == ("decimals", "Amounts in JPY have no decimals.")


def test_the_message_is_given_in_the_active_language_when_it_is_shown():
    with pytest.raises(AmountError) as refused:
        parse_amount("", language="id", currency="SGD")
    with translation.override("id"):
        assert str(refused.value)  # rendered lazily, whatever the catalog holds today


def test_hostile_strings_only_ever_give_money_or_a_clear_refusal():
    """Random strings from digits of many scripts, separators, signs, letters and symbols, in every language."""
    alphabet = "0123456789๐๑๒၀၁၂०१२០១២０１,.，． \u00a0\u202f-\u2212+eE$฿₫₱abcNnaIfy%\u200b\u0000<>'\"\\"
    generator = random.Random(20261124)
    for _ in range(3000):
        text = "".join(generator.choice(alphabet) for _ in range(generator.randint(0, 14)))
        language = generator.choice(LANGUAGES)
        try:
            money = parse_amount(text, language=language, currency="SGD")
        except AmountError as error:
            assert str(error)
        else:
            assert Decimal(0) < money.amount <= MAX_AMOUNT and money.currency == "SGD"


@pytest.mark.parametrize(
    ("amount", "currency", "expected"),
    [
        ("1234.5", "JPY", "1235"),
        ("1234.4", "JPY", "1234"),
        ("0.5", "KRW", "1"),  # half up, not to even
        ("2.5", "VND", "3"),
        ("2.345", "SGD", "2.35"),
        ("2.335", "SGD", "2.34"),
        ("2.345", "PHP", "2.35"),
        ("15999.995", "IDR", "16000.00"),  # Babel gives IDR two digits
        ("1.2345", "BHD", "1.235"),
    ],
)
def test_money_is_rounded_half_up_to_each_currencys_digits(amount, currency, expected):
    rounded = round_to_currency(Decimal(amount), currency)
    assert str(rounded) == expected
    assert Money(Decimal(amount), currency).rounded() == Money(Decimal(expected), currency)


def test_currency_digits_follow_iso_4217_as_babel_reports_them():
    codes = ("JPY", "KRW", "VND", "IDR", "SGD", "PHP", "KWD")
    assert [currency_digits(code) for code in codes] == [0, 0, 0, 2, 2, 2, 3]
    with pytest.raises(ValueError):
        currency_digits("ABC")


@pytest.mark.parametrize(
    ("amount", "currency"),
    [
        (1.5, "SGD"),  # a float is never money
        (Decimal("NaN"), "SGD"),
        (Decimal("Infinity"), "SGD"),
        ("100", "SGD"),
        (Decimal(100), "ABC"),
        (Decimal(100), "sgd"),
        (Decimal(100), "SG"),
        (Decimal(100), None),
    ],
)
def test_money_refuses_what_is_not_money(amount, currency):
    with pytest.raises(ValueError):
        Money(amount, currency)


def test_money_cannot_change():
    money = Money(Decimal(100), "SGD")
    with pytest.raises(FrozenInstanceError):
        money.amount = Decimal(1)
