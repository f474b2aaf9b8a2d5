"""Benchmark of the money transfer comparison page: a corridor with 200 products and 50,000 historic quotes.

Run from the checkout (it makes its own throw-away database and removes it at the end):

    .venv/bin/python bench/remittance_compare.py                                   # SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python bench/remittance_compare.py

Target (issue 7): the comparison page answers within 50 ms (p95) with a number of queries that does not
grow with the number of products or quotes.
"""

import argparse
import random
import statistics
import time
from datetime import timedelta
from decimal import Decimal

from common import percentile, throwaway_database
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Site

PAY_OUTS = ["cash_pickup", "bank_account", "mobile_wallet", "home_delivery"]


def build(products, quotes):
    from remittance.method import fx_margin_percent, total_cost_percent
    from remittance.models import Corridor, FeeMode, Product, Provider, Quote, ReferenceRate
    from remittance.pages import CompareTransfersPage

    rng = random.Random(7)
    now = timezone.now()
    mid = Decimal("44.10")
    corridor = Corridor.objects.create(sending_country="SG", sending_currency="SGD", receiving_country="PH",
                                       receiving_currency="PHP")
    ReferenceRate.objects.create(base_currency="SGD", quote_currency="PHP", rate=mid, date=now.date(), source="bench",
                                 source_url="https://lantern.example.org/bench")
    providers = Provider.objects.bulk_create(
        Provider(name=f"Bench Provider {number}", slug=f"bench-{number}", type="mto")
        for number in range(products // len(PAY_OUTS) + 1)
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
    home = Site.objects.get(is_default_site=True).root_page.specific
    home.add_child(instance=CompareTransfersPage(title="Compare money transfers", slug="compare-money-transfers"))
    return len(made), len(rows)


def measure(client, path, params):
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        response = client.get(path, params)
        elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, response.status_code
    return elapsed, len(captured)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--products", type=int, default=200)
    parser.add_argument("--quotes", type=int, default=50_000)
    parser.add_argument("--requests", type=int, default=200)
    arguments = parser.parse_args()

    with throwaway_database():
        started = time.perf_counter()
        products, quotes = build(arguments.products, arguments.quotes)
        print(f"corridor of {products} products and {quotes:,} quotes built in {time.perf_counter() - started:.1f} s")
        client = Client()
        rng = random.Random(8)
        figures = {}
        for name, path, extra in [
            ("page", "/en/compare-money-transfers/", {}),
            ("page, one pay-out", "/en/compare-money-transfers/", {"pay_out": "cash_pickup"}),
            ("JSON", "/en/compare-money-transfers/json/", {}),
        ]:
            measure(client, path, {"corridor": "sg-ph", "amount": "500", **extra})  # warm caches
            runs = [measure(client, path, {"corridor": "sg-ph", "amount": str(rng.randint(50, 3000)), **extra})
                    for _ in range(arguments.requests)]
            times, counts = [run[0] for run in runs], {run[1] for run in runs}
            figures[name] = (percentile(times, .95), counts)
            print(f"  {name:18s} p50 {statistics.median(times):6.1f} ms  p95 {percentile(times, .95):6.1f} ms  "
                  f"queries {sorted(counts)}")
    print("\nsummary")
    for name, (p95, counts) in figures.items():
        verdict = "ok" if p95 <= 50 and len(counts) == 1 else "MISSED"
        print(f"  {name}: p95 {p95:.1f} ms (target <= 50 ms), {sorted(counts)} queries every time: {verdict}")


if __name__ == "__main__":
    main()
