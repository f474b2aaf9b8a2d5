"""Money transfer data in the Wagtail admin: editors add and edit providers, corridors and products; quotes and
reference rates keep the provenance their import gave them; nothing a price hangs on is deleted there."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from remittance.demo import demo_transfers_load
from remittance.models import Corridor, Product, Provider, Quote, ReferenceRate

pytestmark = pytest.mark.django_db


def prices_state():
    return tuple(list(model.objects.order_by("pk").values())
                 for model in (Corridor, Provider, Product, Quote, ReferenceRate))


@pytest.fixture
def prices(db):
    demo_transfers_load()


def test_stored_prices_are_neither_added_edited_nor_deleted_by_hand(admin_client, prices):
    before = prices_state()
    quote, rate = Quote.objects.first(), ReferenceRate.objects.first()
    paths = [
        "/admin/remittance_quote/new/", f"/admin/remittance_quote/edit/{quote.pk}/",
        f"/admin/remittance_quote/delete/{quote.pk}/", "/admin/remittance_referencerate/new/",
        f"/admin/remittance_referencerate/edit/{rate.pk}/", f"/admin/remittance_referencerate/delete/{rate.pk}/",
        f"/admin/remittance_provider/delete/{Provider.objects.first().pk}/",
        f"/admin/remittance_corridor/delete/{Corridor.objects.first().pk}/",
        f"/admin/remittance_product/delete/{Product.objects.first().pk}/",
    ]
    for path in paths:
        assert admin_client.post(path, {"source": "by hand"}, follow=True).status_code == 404, path
    assert prices_state() == before
    assert admin_client.get(f"/admin/remittance_quote/inspect/{quote.pk}/").status_code == 200


def test_providers_corridors_and_products_are_edited_without_a_way_to_delete_them(admin_client, prices):
    provider = Provider.objects.first()
    for listing in ("/admin/remittance_provider/", "/admin/remittance_corridor/", "/admin/remittance_product/"):
        html = admin_client.get(listing).content.decode()
        assert f"{listing}new/" in html and "/delete/" not in html
    html = admin_client.get(f"/admin/remittance_provider/edit/{provider.pk}/").content.decode()
    assert 'name="name"' in html and "/delete/" not in html


@pytest.mark.parametrize("listing", ["/admin/remittance_quote/", "/admin/remittance_product/"])
def test_a_listing_takes_the_same_number_of_queries_however_many_rows_it_shows(admin_client, prices, listing):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert admin_client.get(listing).status_code == 200
        return len(captured)

    queries()  # the first request also loads templates
    many = queries()
    kept = Product.objects.order_by("pk").first()
    Quote.objects.exclude(product=kept).delete()
    Product.objects.exclude(pk=kept.pk).delete()
    assert queries() == many
