"""What visitors write, checked before it is stored (reviews.text), and fee amounts as workers type them."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from reviews.forms import parse_fee
from reviews.text import clean_user_text, has_markup


def refusal(text, **options):
    with pytest.raises(ValidationError) as raised:
        clean_user_text(text, **options)
    return raised.value.code


def test_line_breaks_are_kept_normalised_with_at_most_one_blank_line():
    text = "  First line.  \r\nSecond line.\r\n\r\n\r\n \r\n\tThird, after a gap.\rFourth.\n\n\n\n"
    assert clean_user_text(text) == "First line.\nSecond line.\n\n Third, after a gap.\nFourth."


def test_one_line_text_has_single_spaces():
    assert clean_user_text("  Placement \r\n fee\tand  medical ", multiline=False) == "Placement fee and medical"


def test_text_is_stored_as_written_and_escaped_only_on_the_way_out():
    for text in ("5 < 6 and 7 > 3", "AT&T paid", "I <3 my family", "fees & costs", "a<b"):
        assert clean_user_text(text) == text


@pytest.mark.parametrize("text", [
    "<b>bold</b>", "<script>alert(1)</script>", "x<br/>y", "<img src=x onerror=alert(1)>", "<!-- note -->",
    "<a href='https://example.com'>link</a>", "&lt;script&gt;", "&#8238;evil", "<p", "<<b>>",
])
def test_markup_is_refused_not_stripped(text):
    if text == "<p":
        assert clean_user_text(text) == "<p", "an unfinished tag is only text"
        return
    assert has_markup(text)
    assert refusal(text) == "markup"


@pytest.mark.parametrize(("char", "code"), [
    ("\u202a", "direction"), ("\u202b", "direction"), ("\u202c", "direction"), ("\u202d", "direction"),
    ("\u202e", "direction"), ("\u2066", "direction"), ("\u2067", "direction"), ("\u2068", "direction"),
    ("\u2069", "direction"), ("\u200b", "zero_width"), ("\u2060", "zero_width"), ("\ufeff", "zero_width"),
    ("\x00", "control"), ("\x1b", "control"), ("\x7f", "control"), ("\x85", "control"), ("\ufffd", "control"),
])
def test_invisible_and_control_characters_are_refused(char, code):
    assert refusal(f"the agency{char} was fine") == code
    assert refusal(f"Title{char}", multiline=False) == code


@pytest.mark.parametrize("text", [
    "र्\u200dयाम्प", "क्\u200dष", "ज्\u200cञ",  # Devanagari
    "ကျွန်\u200cတော်",  # Burmese
    "ខ្ញុំ\u200cបាន",  # Khmer
    "👨\u200d👩\u200d👧", "🏳\ufe0f\u200d🌈",  # emoji sequences
])
def test_joiners_inside_words_are_accepted(text):
    assert clean_user_text(text) == text


@pytest.mark.parametrize("text", ["\u200dstart", "end\u200c", "a \u200d b", "a\u200d\u200db", "line\u200d\nnext"])
def test_joiners_outside_words_are_refused(text):
    assert refusal(text) == "zero_width"


@pytest.mark.parametrize(("typed", "amount"), [
    ("45000", "45000"), ("45,000", "45000"), ("45.000", "45000"), ("1,500,000", "1500000"), ("1.500.000", "1500000"),
    ("1 500 000", "1500000"), ("1,50,000", "150000"), ("1\u00a0500", "1500"), ("12.50", "12.50"), ("1,5", "1.5"), ("1,000.50", "1000.50"),
    ("1.000,50", "1000.50"), ("४५०००", "45000"), ("๔๕,๐๐๐", "45000"), ("၄၅၀၀၀", "45000"), ("１２０００", "12000"),
])
def test_fees_are_read_as_workers_type_them(typed, amount):
    assert parse_fee(typed) == Decimal(amount)


@pytest.mark.parametrize("typed", ["abc", "PHP 45000", "-500", "1e9", "45,00,0", ",500", "1.2.3,4.5", "12.345,678",
                                   "NaN", "Infinity", "0", "0.00", "9" * 13, "5" * 40])
def test_other_fees_are_refused(typed):
    with pytest.raises(ValidationError):
        parse_fee(typed)
