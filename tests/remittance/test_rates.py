"""Reference rates: the rate feeds' import, the pegged currencies, and the rate a corridor is judged against."""

import json
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from remittance.models import Corridor, ReferenceRate
from remittance.rates import RateFeedError
from remittance.selectors import reference_rate
from remittance.services import reference_rates_import

pytestmark = pytest.mark.django_db
URL = "https://www.nrb.org.np/api/forex/v1/rates"


def rate(base, quote, value, day="2026-11-20"):
    return {"source": "nrb_rates", "base": base, "quote": quote, "rate": value, "date": day, "source_url": URL,
            "fetched_at": "2026-11-20T06:00:00+00:00"}


def feed(tmp_path, rows, encoding="utf-8"):
    path = tmp_path / "rates.jsonl"
    path.write_bytes("".join((row if isinstance(row, str) else json.dumps(row)) + "\n" for row in rows).encode(encoding))
    return path


def test_rates_are_stored_once_with_their_source_and_day(tmp_path):
    path = feed(tmp_path, [rate("USD", "NPR", "133.50"), rate("INR", "NPR", "1.6011")])
    assert reference_rates_import(path=path, source="nrb")[:2] == (2, 0)
    assert reference_rates_import(path=path, source="nrb")[:2] == (0, 2)
    stored = ReferenceRate.objects.get(base_currency="USD", quote_currency="NPR", source="nrb")
    assert (stored.rate, stored.date, stored.source_url) == (Decimal("133.50"), date(2026, 11, 20), URL)


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        (rate("USD", "NPR", "0"), "more than zero"),
        (rate("USD", "NPR", "-1"), "more than zero"),
        (rate("USD", "NPR", "lots"), "not a number"),
        (rate("USD", "USD", "1"), "the same currency"),
        (rate("XYZ", "NPR", "1"), "not an ISO 4217 code"),
        (rate("USD", "NPR", "1", day="20/11/2026"), "not YYYY-MM-DD"),
        ({**rate("USD", "NPR", "1"), "source_url": "javascript:alert(1)"}, "not a web address"),
    ],
)
def test_a_bad_rate_is_rejected_with_its_reason(tmp_path, row, reason):
    added, _unchanged, rejected = reference_rates_import(path=feed(tmp_path, [rate("USD", "NPR", "133.5"), row]),
                                                         source="nrb")
    assert added == 1 and reason in rejected[2]


@pytest.mark.parametrize("content", ['{"base": "USD", "quo', "\xe9\xe9"])
def test_a_damaged_or_misencoded_feed_stores_nothing(tmp_path, content):
    path = feed(tmp_path, [rate("USD", "NPR", "133.5"), content], encoding="latin-1")
    with pytest.raises(RateFeedError):
        reference_rates_import(path=path, source="nrb")
    assert not ReferenceRate.objects.filter(source="nrb").exists()


def test_pegged_currencies_are_dated_reference_data():
    assert ReferenceRate.objects.get(base_currency="USD", quote_currency="QAR", source="peg").rate == Decimal("3.64")
    assert ReferenceRate.objects.get(base_currency="INR", quote_currency="NPR", source="peg").rate == Decimal("1.6")


def test_qatar_to_nepal_is_worked_out_through_the_dollar_peg(tmp_path):
    reference_rates_import(path=feed(tmp_path, [rate("USD", "NPR", "133.50")]), source="nrb")
    corridor = Corridor.objects.create(sending_country="QA", sending_currency="QAR", receiving_country="NP",
                                       receiving_currency="NPR")
    found = reference_rate(corridor=corridor, on=date(2026, 11, 21))
    assert found.rate == Decimal("133.50") / Decimal("3.64")
    assert found.sources == ("nrb", "peg")


def test_the_command_reports_and_refuses_clearly(tmp_path, capsys):
    call_command("import_rates", str(feed(tmp_path, [rate("USD", "NPR", "133.5"), rate("USD", "NPR", "0", "2026-11-19")])),
                 source="nrb")
    out = capsys.readouterr().out
    assert "1 rates added, 0 already stored, 1 rejected." in out and "line 2: rate must be more than zero" in out
    with pytest.raises(CommandError, match="No feed at"):
        call_command("import_rates", str(tmp_path / "missing.jsonl"), source="nrb")


def test_an_unreadable_or_oversized_row_is_rejected_and_the_rest_stored(tmp_path):
    rows = [rate("USD", "NPR", "133.5"), '{"base": "USD", "quote": "INR", "rate": ' + "9" * 5000 + "}",
            "[" * 3000 + "]" * 3000, json.dumps({**rate("INR", "NPR", "1.6"), "note": "x" * 9000})]
    added, _unchanged, rejected = reference_rates_import(path=feed(tmp_path, rows), source="nrb")
    assert added == 1 and set(rejected) == {2, 3, 4}
    assert "cannot be read" in rejected[2] and "cannot be read" in rejected[3]
    assert rejected[4] == "the row is larger than 8 KB"


def test_the_latest_rate_on_or_before_the_day_is_used(tmp_path):
    reference_rates_import(path=feed(tmp_path, [rate("SGD", "PHP", "43.0", day) for day in ("2026-11-18", "2026-11-20")]
                                     + [rate("SGD", "PHP", "45.0", "2026-11-23")]), source="mas")
    corridor = Corridor.objects.create(sending_country="SG", sending_currency="SGD", receiving_country="PH",
                                       receiving_currency="PHP")
    ReferenceRate.objects.filter(date=date(2026, 11, 20)).update(rate=Decimal("44.0"))
    found = reference_rate(corridor=corridor, on=date(2026, 11, 22))
    assert (found.rate, found.date, found.sources) == (Decimal("44.0"), date(2026, 11, 20), ("mas",))
    assert reference_rate(corridor=corridor, on=date(2026, 11, 17)) is None
