"""Benchmark of the money transfer comparison page: a corridor with 200 products and 50,000 historic quotes.

Run from the checkout (it makes its own throw-away database and removes it at the end):

    .venv/bin/python bench/remittance_compare.py                                   # SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python bench/remittance_compare.py

Target (issue 7): the comparison page answers within 50 ms (p95) with a number of queries that does not
grow with the number of products or quotes.

Each page is measured twice:
- warm: the corridor's current prices are in the cache, as for every request but the first after a change;
- cold: the whole cache is emptied before each request (not timed), as for the first request after an import.
The query counts are also taken for a second, small corridor (a tenth of the products and quotes): they must be
the same for both.
"""

import argparse
import random
import statistics
import time
from datetime import timedelta
from decimal import Decimal

from common import percentile, throwaway_database
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Site

PAY_OUTS = ["cash_pickup", "bank_account", "mobile_wallet", "home_delivery"]
TARGET_MS = 50
COMPARE = "/en/compare-money-transfers/"


def build_corridor(rng, *, receiving, currency, mid, products, quotes, first_provider):
    """A corridor from Singapore with `products` products and `quotes` quotes over two years, at two amounts."""
    from remittance.method import fx_margin_percent, total_cost_percent
    from remittance.models import Corridor, FeeMode, Product, Provider, Quote, ReferenceRate

    now = timezone.now()
    corridor = Corridor.objects.create(sending_country="SG", sending_currency="SGD", receiving_country=receiving,
                                       receiving_currency=currency)
    ReferenceRate.objects.create(base_currency="SGD", quote_currency=currency, rate=mid, date=now.date(), source="bench",
                                 source_url="https://lantern.example.org/bench")
    providers = Provider.objects.bulk_create(
        Provider(name=f"Bench Provider {number}", slug=f"bench-{number}", type="mto")
        for number in range(first_provider, first_provider + products // len(PAY_OUTS) + 1)
    )
    made = Product.objects.bulk_create(
        Product(provider=providers[number // len(PAY_OUTS)], corridor=corridor, pay_in="cash",
                pay_out=PAY_OUTS[number % len(PAY_OUTS)], speed="same_day", transparent=True, accessible=True)
        for number in range(products)
    )
    snapshots = quotes // (products * 2)
    rows = []
    for product in made:
        fee, margin = Decimal(rng.randint(0, 800)) / 100, Decimal(rng.randint(-20, 400)) / 100
        rate = mid * (1 - margin / 100)
        for snapshot in range(snapshots):
            fetched_at = now - timedelta(days=730 * snapshot / snapshots, hours=1)
            for amount in (Decimal(270), Decimal(675)):
                rows.append(Quote(
                    product=product, amount_sent=amount, fee=fee, fee_mode=FeeMode.ON_TOP, offered_rate=rate,
                    reference_rate=mid, fetched_at=fetched_at, source="bench", source_url="https://lantern.example.org/bench",
                    total_cost=total_cost_percent(fee=fee, amount=amount, margin=fx_margin_percent(offered=rate, reference=mid)),
                ))
    Quote.objects.bulk_create(rows, batch_size=2000)
    return corridor, len(made), len(rows)


def build(products, quotes):
    from remittance.pages import CompareTransfersPage

    rng = random.Random(7)
    large = build_corridor(rng, receiving="PH", currency="PHP", mid=Decimal("44.10"), products=products, quotes=quotes,
                           first_provider=0)
    small = build_corridor(rng, receiving="ID", currency="IDR", mid=Decimal("12150"), products=max(products // 10, 4),
                           quotes=quotes // 10, first_provider=products)
    home = Site.objects.get(is_default_site=True).root_page.specific
    home.add_child(instance=CompareTransfersPage(title="Compare money transfers", slug="compare-money-transfers"))
    return large, small


def measure(client, path, params, *, cold):
    if cold:
        cache.clear()  # the shared cache; what a process keeps of it is keyed by a token kept there
    connection.queries_log.clear()  # a full log would make the count wrong
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        response = client.get(path, params)
        elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, response.status_code
    return elapsed, len(captured)


def scenarios(large, small):
    """(name, path, parameters for a request) of what is measured."""
    def comparison(corridor, **extra):
        return lambda rng: {"corridor": corridor.code, "amount": str(rng.randint(50, 3000)), **extra}

    return [
        ("page", COMPARE, comparison(large)),
        ("page, one pay-out", COMPARE, comparison(large, pay_out="cash_pickup")),
        ("page, older prices", COMPARE, comparison(large, older="on")),
        ("JSON", f"{COMPARE}json/", comparison(large)),
        ("corridor page", f"{COMPARE}corridor/{large.code}/", lambda rng: {}),
    ], [
        ("page", COMPARE, comparison(small)),
        ("JSON", f"{COMPARE}json/", comparison(small)),
        ("corridor page", f"{COMPARE}corridor/{small.code}/", lambda rng: {}),
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--products", type=int, default=200)
    parser.add_argument("--quotes", type=int, default=50_000)
    parser.add_argument("--requests", type=int, default=200, help="requests per page and cache state (default 200)")
    arguments = parser.parse_args()

    with throwaway_database():
        started = time.perf_counter()
        (large, products, quotes), (small, few_products, few_quotes) = build(arguments.products, arguments.quotes)
        print(f"corridor {large.code}: {products} products, {quotes:,} quotes; corridor {small.code}: {few_products} "
              f"products, {few_quotes:,} quotes; built in {time.perf_counter() - started:.1f} s")
        client = Client()
        rng = random.Random(8)
        measured, small_scenarios = scenarios(large, small)
        figures = {}
        print(f"\n{'':24s} {'warm p50':>9s} {'p95':>7s} {'queries':>8s}   {'cold p50':>9s} {'p95':>7s} {'queries':>8s}")
        for name, path, params in measured:
            line = f"  {name:22s}"
            for cold in (False, True):
                measure(client, path, params(rng), cold=cold)  # the process's first request: imports, templates
                runs = [measure(client, path, params(rng), cold=cold) for _ in range(arguments.requests)]
                times, counts = [run[0] for run in runs], sorted({run[1] for run in runs})
                figures[name, cold] = (percentile(times, .95), counts)
                line += f" {statistics.median(times):6.1f} ms {percentile(times, .95):5.1f} ms {str(counts):>8s}  "
            print(line)

        print(f"\nqueries per request, {products} products against {few_products}:")
        same = True
        large_scenarios = {name: (path, params) for name, path, params in measured}
        for name, path, params in small_scenarios:
            line = f"  {name:22s}"
            for cold in (True, False):
                counts = []
                for each_path, each_params in (large_scenarios[name], (path, params)):
                    if not cold:
                        measure(client, each_path, each_params(rng), cold=False)  # this corridor's prices read once
                    counts.append(measure(client, each_path, each_params(rng), cold=cold)[1])
                same = same and counts[0] == counts[1]
                line += f" {'cold' if cold else 'warm'}: {counts[0]} and {counts[1]}  "
            print(line)

    print("\nsummary")
    for (name, cold), (p95, counts) in figures.items():
        verdict = "ok" if p95 <= TARGET_MS and len(counts) == 1 else "MISSED"
        print(f"  {name}, {'cold' if cold else 'warm'} cache: p95 {p95:.1f} ms (target <= {TARGET_MS} ms), "
              f"{counts} queries every time: {verdict}")
    print(f"  the same number of queries for {products} and {few_products} products: {'ok' if same else 'MISSED'}")


if __name__ == "__main__":
    main()
