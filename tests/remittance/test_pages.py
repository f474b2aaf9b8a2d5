"""The comparison page and its JSON, as a worker and a partner see them, with any input."""

import json
import re
from datetime import timedelta
from decimal import Decimal
from statistics import median

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from remittance import selectors
from remittance.demo import demo_transfers_load
from remittance.models import CompareTransfersPage, Corridor, Product, Provider, Quote, ReferenceRate
from tests.support import section_page
from tests.conftest import SEARCH_BOX_SCRIPT

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(db):
    compare = section_page(CompareTransfersPage(title="Compare money transfers", slug="compare-money-transfers"),
                           translated_into="fil")
    demo_transfers_load()
    return compare


def compare(client, language="en", **params):
    response = client.get(f"/{language}/compare-money-transfers/", {"corridor": "sg-ph", "amount": "500", **params})
    assert response.status_code == 200
    return response.content.decode()


def test_the_comparison_ranks_services_and_marks_the_cheapest_and_those_above_target(client, page):
    html = compare(client)
    rows = html[html.index("<tbody>") : html.index("</tbody>")]
    providers = [re.sub(r"<[^>]+>", "", line).strip() for line in rows.split('<th scope="row">')[1:]]
    assert providers[0].startswith("Invented Wallet Remit (demo)") and "Cheapest" in providers[0]
    assert "Above the 3 % target" in providers[-1] and providers[-1].startswith("Example Harbour Bank (demo)")
    assert "-0.15 %" in rows, "a rate better than the mid-market one shows a negative margin"


def test_a_service_that_hides_its_rate_is_listed_apart_not_ranked(client, page):
    html = compare(client)
    ranked = html[html.index("<tbody>") : html.index("</tbody>")]
    assert "Fictional Quick Cash (demo)" not in ranked
    assert "Rate not disclosed" in html and "Fictional Quick Cash (demo)" in html


def test_the_page_states_its_independence(client, page):
    assert "no provider pays to be listed or ranked" in compare(client)


def test_filipino_visitors_get_filipino_numbers_and_words(client, page):
    html = compare(client, language="fil", amount="1,000.50")
    assert '<html lang="fil"' in html
    assert "₱" in html
    # ₱ is how English writes pesos too: the Filipino words, and the amount read as one thousand and a half, show it.
    assert "Nakaayos ayon sa matatanggap ng pamilya mo." in html and "SGD1,000.50" in html


def test_older_prices_are_hidden_unless_asked_for(client, page):
    Quote.objects.filter(product__provider__name="Sample Money Express (demo)").update(
        fetched_at=timezone.now() - timedelta(days=90)
    )
    html = compare(client)
    assert "1 service has only older prices and is hidden" in html
    assert "Sample Money Express (demo)" not in html
    assert "Sample Money Express (demo)" in compare(client, older="on")


@pytest.mark.parametrize(
    "amount",
    ["", "-5", "0", "abc", "<script>alert(1)</script>", "99999999999", "1e9", "NaN", "x" * 10_000, "SGD 500"],
)
def test_a_bad_amount_gets_a_clear_message_and_no_table(client, page, amount):
    html = compare(client, amount=amount)
    assert 'class="errorlist' in html
    assert "<tbody>" not in html
    assert "<script>alert(1)</script>" not in html


def test_an_unknown_corridor_is_refused_politely(client, page):
    html = compare(client, corridor="zz-yy")
    assert 'class="errorlist' in html


def test_digits_of_other_scripts_are_understood(client, page):
    html = compare(client, language="en", amount="๕๐๐")  # Thai digits for 500
    assert "<tbody>" in html


def test_partners_get_the_same_comparison_as_json(client, page):
    response = client.get("/en/compare-money-transfers/json/", {"corridor": "sg-ph", "amount": "500"})
    assert response.status_code == 200
    data = json.loads(response.content)
    assert data["corridor"] == "sg-ph" and data["amount"] == "500.00"
    assert data["services"][0]["provider"] == "Invented Wallet Remit (demo)" and data["services"][0]["cheapest"]
    assert data["services"][0]["fx_margin_percent"].startswith("-0.15")
    assert [row["provider"] for row in data["rate_not_disclosed"]] == ["Fictional Quick Cash (demo)"]
    assert data["reference_rate"]["rate"].startswith("44.1")


def test_the_json_explains_bad_input(client, page):
    response = client.get("/en/compare-money-transfers/json/", {"corridor": "sg-ph", "amount": "-1"})
    assert response.status_code == 400
    assert "amount" in json.loads(response.content)["errors"]


def test_the_corridor_page_draws_two_years_of_monthly_costs_without_javascript(client, page):
    html = client.get("/en/compare-money-transfers/corridor/sg-ph/").content.decode()
    assert '<svg viewBox="0 0 640 260" role="img"' in html
    assert html.count('<circle class="dot"') == 24
    assert re.findall(r"<script[^>]*>", html) == [SEARCH_BOX_SCRIPT] and "style=" not in html
    assert "Cheapest services now" in html and "Invented Wallet Remit (demo)" in html


def test_the_corridor_chart_speaks_the_visitors_language(client, page):
    html = client.get("/fil/compare-money-transfers/corridor/sg-ph/").content.decode()
    assert '<html lang="fil"' in html
    assert "Singapore" in html
    # Singapore is its name in English too: the Philippines and the months, in Filipino, show the language.
    assert "Pilipinas" in html and "Ene 2" in html and "Jan 2" not in html


def test_an_unknown_corridor_page_is_not_found(client, page):
    assert client.get("/en/compare-money-transfers/corridor/zz-yy/").status_code == 404


def test_how_we_compare_explains_the_method_targets_and_funding(client, page):
    html = client.get("/en/compare-money-transfers/how-we-compare/").content.decode()
    for words in ("Remittance Prices Worldwide", "10.c", "3 %", "5 %", "Smart Remitter Target",
                  "No provider pays to be listed or ranked", "funded by grants and donations"):
        assert words in html


def test_how_we_compare_says_when_a_world_bank_service_counts_as_accessible(client, page):
    html = client.get("/en/compare-money-transfers/how-we-compare/").content.decode()
    text = html[html.index("Smart Remitter Target") :]
    assert "accessible" in text and "nationwide or large network" in text


def test_a_provider_page_lists_what_it_charges_by_corridor(client, page):
    html = client.get("/en/compare-money-transfers/sample-money-express-demo/").content.decode()
    assert "<h1>Sample Money Express (demo)</h1>" in html
    assert html.count('href="/en/compare-money-transfers/corridor/') == 8
    rows = compare(client)
    assert '<a href="/en/compare-money-transfers/sample-money-express-demo/">Sample Money Express (demo)</a>' in rows


def test_the_comparison_takes_the_same_number_of_queries_however_many_services(client, page):
    def queries(*, cold):
        if cold:
            cache.clear()
        with CaptureQueriesContext(connection) as captured:
            compare(client)
        return len(captured)

    queries(cold=True)  # the first request of the process also loads templates and translations
    few = queries(cold=True), queries(cold=False)
    corridor = Quote.objects.first().product.corridor
    provider = Quote.objects.first().product.provider
    template = Quote.objects.filter(product__corridor=corridor).first()
    for number in range(30):
        other = Provider.objects.create(name=f"Extra {number} (demo)", slug=f"extra-{number}", type=provider.type)
        product = Product.objects.create(provider=other, corridor=corridor, pay_in="cash", pay_out="cash_pickup",
                                         speed="same_day", transparent=True, accessible=True)
        template.pk = None
        template.product = product
        template.save()
    assert (queries(cold=True), queries(cold=False)) == few
    assert few[1] < few[0], "the corridor's prices come from the cache once read"


def _first_rows(client, **params):
    html = compare(client, **params)
    rows = html[html.index("<tbody>") : html.index("</tbody>")]
    return [re.sub(r"<[^>]+>", "", line).split("\n")[0].strip() for line in rows.split('<th scope="row">')[1:]]


def _generous_but_dear(corridor_code="sg-ph"):
    """A service with the best rate and a big fee added on top: most arrives, but it is not the cheapest."""
    template = Quote.objects.filter(product__corridor__code=corridor_code, amount_sent=675).select_related(
        "product__corridor").first()
    provider = Provider.objects.create(name="Generous But Dear (demo)", slug="generous-but-dear", type="mto")
    product = Product.objects.create(provider=provider, corridor=template.product.corridor, pay_in="cash",
                                     pay_out="cash_pickup", speed="next_day", transparent=True, accessible=True)
    Quote.objects.create(product=product, amount_sent=500, fee=Decimal(40), fee_mode="on_top", offered_rate=Decimal("44.30"),
                         fetched_at=timezone.now(), source="test", source_url="https://lantern.example.org/test")


def test_the_table_is_sorted_by_what_the_family_receives_and_still_marks_the_cheapest(client, page):
    _generous_but_dear()
    html = compare(client)
    assert "Sorted by what your family receives." in html
    rows = html[html.index("<tbody>") : html.index("</tbody>")]
    received = [Decimal(re.sub(r"[^0-9.]", "", cell)) for cell in re.findall(r"</th>\s*<td>([^<]+)</td>", rows)]
    assert len(received) == 5 and received == sorted(received, reverse=True)
    providers = _first_rows(client)
    assert providers[0] == "Generous But Dear (demo)"  # most arrives, but the 40 SGD fee makes it dear
    assert providers[1] == "Invented Wallet Remit (demo)"
    cheapest = [line for line in rows.split('<th scope="row">')[1:] if "Cheapest" in line]
    assert len(cheapest) == 1 and "Invented Wallet Remit (demo)" in cheapest[0]
    assert html.index('<option value="received"') < html.index('<option value="cost"'), "the first choice is the default"


def test_the_visitor_can_sort_by_total_cost_or_by_speed(client, page):
    _generous_but_dear()
    by_cost = _first_rows(client, sort="cost")
    # 40 / 500 x 100 + (1 - 44.30 / 44.10) x 100 = 8 - 0.45 = 7.55 %: dearer than the bank's 5.34 %
    assert by_cost == ["Invented Wallet Remit (demo)", "Made-up Post Transfer (demo)", "Sample Money Express (demo)",
                       "Example Harbour Bank (demo)", "Generous But Dear (demo)"]
    assert "Sorted by what it really costs you" in compare(client, sort="cost")
    by_speed = _first_rows(client, sort="speed")
    assert by_speed[:2] == ["Sample Money Express (demo)", "Invented Wallet Remit (demo)"]  # within an hour, same day
    assert "Sorted by speed" in compare(client, sort="speed")


@pytest.mark.parametrize("sort", ["bogus", "<script>", "", "COST", "x" * 500])
def test_an_unknown_sort_falls_back_to_what_the_family_receives(client, page, sort):
    _generous_but_dear()
    html = compare(client, sort=sort)
    assert "Sorted by what your family receives." in html and 'class="errorlist' not in html
    assert _first_rows(client, sort=sort)[0] == "Generous But Dear (demo)"
    assert "<script>" not in html


def test_the_json_stays_ranked_by_total_cost(client, page):
    _generous_but_dear()
    data = json.loads(client.get("/en/compare-money-transfers/json/", {"corridor": "sg-ph", "amount": "500"}).content)
    costs = [Decimal(row["total_cost_percent"]) for row in data["services"]]
    assert costs == sorted(costs) and data["services"][0]["cheapest"]


def test_new_prices_show_at_once_though_the_comparison_is_cached(client, page):
    assert _first_rows(client)[0] == "Invented Wallet Remit (demo)"  # now cached
    # An import stores quotes in bulk: no signal is sent.
    product = Product.objects.get(provider__name="Sample Money Express (demo)", corridor__code="sg-ph")
    Quote.objects.bulk_create([Quote(
        product=product, amount_sent=500, fee=0, fee_mode="on_top", offered_rate=Decimal("44.50"),
        fetched_at=timezone.now(), source="test", source_url="https://lantern.example.org/test",
    )])
    html = compare(client)
    assert _first_rows(client)[0] == "Sample Money Express (demo)" and "22,250.00" in html
    # An edit in the admin saves one row in place.
    rate = ReferenceRate.objects.get(base_currency="SGD", quote_currency="PHP")
    rate.rate = Decimal("45.00")
    rate.save()
    assert "1 SGD = 45 PHP" in compare(client)
    assert _first_rows(client)[0] == "Sample Money Express (demo)"


def test_the_chart_shows_each_months_median_total_cost(page):
    corridor = Corridor.objects.get(code="sg-ph")
    product = Product.objects.get(provider__name="Sample Money Express (demo)", corridor=corridor)
    for cost in ("1.5", "9.25"):  # odd and even numbers of prices in a month, and a month beyond the usual amounts
        Quote.objects.create(product=product, amount_sent=100, fee=0, fee_mode="on_top", offered_rate=Decimal("44"),
                             total_cost=Decimal(cost), fetched_at=timezone.now() - timedelta(days=70),
                             source="test", source_url="https://lantern.example.org/test")
        by_month = {}
        for fetched_at, total_cost in Quote.objects.filter(product__corridor=corridor, total_cost__isnull=False).values_list(
            "fetched_at", "total_cost"
        ):
            by_month.setdefault(fetched_at.date().replace(day=1), []).append(total_cost)
        expected = [(month, median(costs)) for month, costs in sorted(by_month.items())][-24:]
        assert selectors.corridor_monthly_costs(corridor=corridor) == expected


def test_a_long_list_shows_twenty_services_then_a_link_to_the_rest(client, page):
    template = Quote.objects.filter(product__corridor__code="sg-ph").first()
    for number in range(25):
        provider = Provider.objects.create(name=f"Extra {number} (demo)", slug=f"extra-{number}", type="mto")
        template.pk = None
        template.product = Product.objects.create(provider=provider, corridor=template.product.corridor, pay_in="cash",
                                                  pay_out="cash_pickup", speed="same_day", transparent=True, accessible=True)
        template.save()
    html = compare(client)
    assert html.count('<th scope="row">') == 20
    assert "Show 9 more services" in html
    assert compare(client, all="1").count('<th scope="row">') == 29
