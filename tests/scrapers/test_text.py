"""Text helpers: markup removal, whitespace, labels and dates."""

from datetime import date

import pytest

from scrapers.spiders.id_p3mi import MONTHS
from scrapers.text import clean_licence, clean_text, normalise_label, parse_date


@pytest.mark.parametrize(("raw", "clean"), [
    (None, ""),
    (1234, "1234"),
    ("  Abakada \n Manpower\u00a0Inc. ", "Abakada Manpower Inc."),
    ("<b>Sin</b>ag Manpower", "Sinag Manpower"),
    ("Unit 5,<br>Santos Bldg.</td>", "Unit 5, Santos Bldg."),
    ("<script>alert('x')</script>ACME <!-- note -->Inc.", "ACME Inc."),
    ("&amp;lt;b&amp;gt;Double&amp;lt;/b&amp;gt; escaped", "Double escaped"),
    ("R&amp;D Services &amp; Co.", "R&D Services & Co."),
    ("AT&T < 5 > 3", "AT&T < 5 > 3"),
    ("Cafe\u0301", "Café"),
    ("\ufeffZero\u200bWidth", "ZeroWidth"),
    ("Keeps\x07control", "Keeps\x07control"),  # left for the validation pipeline to reject
])
def test_clean_text(raw, clean):
    assert clean_text(raw) == clean


def test_a_huge_value_is_not_scanned_for_markup_but_still_returned_whole():
    value = "<b" * 600_000
    assert len(clean_text(value)) == len(value)


def test_licence_numbers_are_stripped_and_upper_cased():
    assert clean_licence("  poea-089-lb-112514-r ") == "POEA-089-LB-112514-R"


@pytest.mark.parametrize(("raw", "label"), [
    ("Licence No.", "licence no"),
    ("E-mail", "e mail"),
    ("  Name of Employment Agency (Chinese) ", "name of employment agency chinese"),
    ("Valid \u2013 With Pending Case", "valid with pending case"),
    ("牌照號碼", "牌照號碼"),
])
def test_labels_are_normalised_for_comparison(raw, label):
    assert normalise_label(raw) == label


def test_dates_are_read_with_the_registrys_formats():
    assert parse_date("11/25/2022", ("%m/%d/%Y",)) == date(2022, 11, 25)
    assert parse_date("12 Maret 2024", ("%d %m %Y",), MONTHS) == date(2024, 3, 12)
    assert parse_date("3 agt 2024", ("%d %m %Y",), MONTHS) == date(2024, 8, 3)
    assert parse_date(" ", ("%d %m %Y",)) is None
    assert parse_date(date(2024, 1, 2), ()) == date(2024, 1, 2)
    with pytest.raises(ValueError):
        parse_date("31/02/2025", ("%d/%m/%Y",))
    with pytest.raises(ValueError):
        parse_date("12 Maret 2024", ("%d %m %Y",))  # without the month names
