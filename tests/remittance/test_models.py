"""What the database holds: one row per corridor and per product, exact decimals, and NULL for an undisclosed rate."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from remittance.models import Corridor, FeeMode, Product, Provider, Quote, ReferenceRate, Speed

pytestmark = pytest.mark.django_db

FETCHED = datetime(2026, 11, 20, 3, tzinfo=UTC)


def corridor(sending="SG", sending_currency="SGD", receiving="PH", receiving_currency="PHP"):
    return Corridor.objects.create(
        sending_country=sending, sending_currency=sending_currency,
        receiving_country=receiving, receiving_currency=receiving_currency,
    )


def product(of_corridor, **fields):
    provider, _created = Provider.objects.get_or_create(
        slug="remit-co", defaults={"name": "Remit Co", "type": Provider.Type.MONEY_TRANSFER_OPERATOR}
    )
    values = {"pay_in": Product.PayIn.CASH, "pay_out": Product.PayOut.CASH_PICKUP, "speed": Speed.SAME_DAY, **fields}
    return Product.objects.create(provider=provider, corridor=of_corridor, **values)


def quote(of_product, **fields):
    values = {
        "amount_sent": Decimal(277), "fee": Decimal(5), "fee_mode": FeeMode.ON_TOP, "offered_rate": Decimal("41.00"),
        "fetched_at": FETCHED, "source": "test", "source_url": "https://example.org/rates", **fields,
    }
    return Quote.objects.create(product=of_product, **values)


def refused(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def test_a_corridor_is_named_by_its_countries_or_by_its_currencies_too_when_they_are_not_the_countrys_own():
    assert corridor().code == "sg-ph"
    assert corridor("TH", "THB", "KH", "KHR").code == "th-kh"
    assert corridor("TH", "THB", "KH", "USD").code == "th-thb-kh-usd"


def test_a_corridor_exists_once():
    corridor()
    refused(corridor)


def test_a_product_exists_once_per_provider_corridor_and_way_of_paying_in_and_out():
    singapore_philippines = corridor()
    product(singapore_philippines)
    product(singapore_philippines, pay_out=Product.PayOut.MOBILE_WALLET)
    refused(lambda: product(singapore_philippines, speed=Speed.NEXT_DAY))


def test_an_undisclosed_rate_is_stored_as_null_and_read_back_as_none():
    stored = quote(product(corridor()), offered_rate=None)
    stored.refresh_from_db()
    assert stored.offered_rate is None
    assert Quote.objects.filter(offered_rate__isnull=True).count() == 1


def test_rates_and_money_keep_their_digits():
    stored = quote(product(corridor()), offered_rate=Decimal("41.12345678"), fee=Decimal("4.9950"))
    stored.refresh_from_db()
    assert (stored.offered_rate, stored.fee) == (Decimal("41.12345678"), Decimal("4.9950"))


def test_impossible_quotes_are_refused_by_the_database():
    of_product = product(corridor())
    refused(lambda: quote(of_product, amount_sent=Decimal(0)))
    refused(lambda: quote(of_product, fee=Decimal(-1)))
    refused(lambda: quote(of_product, offered_rate=Decimal(0)))


def test_a_reference_rate_exists_once_per_pair_day_and_source():
    values = {
        "base_currency": "SGD", "quote_currency": "PHP", "date": date(2026, 11, 20),
        "source_url": "https://example.org/rates",
    }
    ReferenceRate.objects.create(rate=Decimal("41.80"), source="ecb", **values)
    ReferenceRate.objects.create(rate=Decimal("41.79"), source="bsp", **values)
    refused(lambda: ReferenceRate.objects.create(rate=Decimal("41.81"), source="ecb", **values))
    refused(lambda: ReferenceRate.objects.create(rate=Decimal(0), source="mas", **values))


@pytest.mark.parametrize(
    ("field", "value"), [("sending_country", "sg"), ("sending_country", "XX"), ("receiving_currency", "php"),
                         ("receiving_currency", "ABC")],
)
def test_codes_that_are_not_iso_are_refused_by_validation(field, value):
    candidate = Corridor(
        sending_country="SG", sending_currency="SGD", receiving_country="PH", receiving_currency="PHP", code="sg-ph"
    )
    setattr(candidate, field, value)
    with pytest.raises(ValidationError) as invalid:
        candidate.full_clean()
    assert list(invalid.value.message_dict) == [field]
