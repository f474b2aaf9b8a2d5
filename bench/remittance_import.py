"""Benchmark of the World Bank RPW import: workbook import speed, re-import writes and memory.

Run from the checkout (it makes its own throw-away database and removes it at the end):

    .venv/bin/python bench/remittance_import.py                                   # SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python bench/remittance_import.py

Targets: a 10,000-row RPW workbook (20,000 price points) imports in at most 15 s, its re-import writes no
remittance rows, and memory does not grow with the workbook (the sheet is streamed, quotes go in batches).
"""

import argparse
import random
import time
import tracemalloc
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from common import throwaway_database
from django.conf import settings
from django.db import connection
from openpyxl import Workbook

from remittance.rpw import COLUMNS, SHEET  # noqa: E402

# (source ISO3, currency, USD 200 and 500 in it, destination ISO3, inter-bank rate)
CORRIDORS = [
    ("SGP", "SGD", 260, 650, "PHL", "44.30"), ("HKG", "HKD", 1560, 3900, "PHL", "7.52"),
    ("MYS", "MYR", 940, 2350, "IDN", "3705"), ("QAT", "QAR", 730, 1820, "NPL", "37.21"),
    ("ARE", "AED", 735, 1835, "NPL", "36.88"), ("THA", "THB", 7000, 17500, "MMR", "61.90"),
    ("KOR", "KRW", 280000, 700000, "KHM", "2.91"), ("JPN", "JPY", 30000, 75000, "VNM", "166.5"),
    ("SAU", "SAR", 750, 1875, "IND", "22.2"), ("USA", "USD", 200, 500, "MEX", "18.4"),
]
FIRM_TYPES = ["Bank", "Money Transfer Operator", "Money Transfer Operator", "Post office", "Mobile operator"]
PAY_INS = ["Cash", "Bank account", "Debit card", "Mobile wallet"]
PAY_OUTS = ["Cash", "Bank account", "Mobile wallet", "Home delivery"]
SPEEDS = ["Less than one hour", "Same day", "Next day", "2 days", "3-5 days", "6 days or more"]
PERIODS = [(f"{year}_{quarter}Q", datetime(year, 3 * quarter - 1, 15)) for year in (2023, 2024, 2025)
           for quarter in (1, 2, 3, 4)]


def percent(value):
    return float(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def rpw_rows(count, rng):
    """`count` rows in the published format: products of 60 firms in 10 corridors, over 12 quarters."""
    products = [(corridor, firm, pay_in, pay_out) for corridor in CORRIDORS for firm in range(1, 61)
                for pay_in, pay_out in ((0, 0), (1, 1), (2, 2))]
    for number in range(count):
        (source, currency, small, large, destination, mid), firm, pay_in, pay_out = products[number % len(products)]
        period, day = PERIODS[number // len(products) % len(PERIODS)]
        reference = Decimal(mid)
        transparent = rng.random() > 0.1
        row = {
            "id": number + 1, "period": period, "source_code": source, "source_name": source,
            "destination_code": destination, "destination_name": destination,
            "firm": f"Bench Remit {firm}", "firm_type": FIRM_TYPES[firm % len(FIRM_TYPES)],
            "payment instrument": PAY_INS[pay_in], "access point": "Agent", "pickup method": PAY_OUTS[pay_out],
            "speed actual": rng.choice(SPEEDS), "inter lcu bank fx": float(reference),
            "transparent": "yes" if transparent else "no", "Standard Note": "", "date": day,
            "corridor": f"{source}_{destination}",
        }
        for point, amount in (("cc1", small), ("cc2", large)):
            fee = (Decimal(amount) * Decimal(rng.randint(0, 60)) / 1000).quantize(Decimal("0.01"))
            rate = (reference * (1 - Decimal(rng.randint(-20, 400)) / 10000)).quantize(Decimal("0.0001"))
            margin = (1 - rate / reference) * 100 if transparent else Decimal(0)
            row.update({
                f"{point} lcu amount": amount, f"{point} denomination amount": 200 if point == "cc1" else 500,
                f"{point} lcu code": currency, f"{point} lcu fee": float(fee), f"{point} lcu fx rate": float(rate),
                f"{point} fx margin": percent(margin), f"{point} total cost %": percent(fee / amount * 100 + margin),
            })
        yield row


def write_workbook(folder, count, seed):
    """A workbook as Excel writes one (shared strings, a <dimension>), which openpyxl's normal mode does too."""
    path = Path(folder) / f"rpw-{count}-{seed}.xlsx"
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET
    sheet.append(list(COLUMNS))
    for row in rpw_rows(count, random.Random(seed)):
        sheet.append([row.get(column) for column in COLUMNS])
    workbook.save(path)
    return path


class WriteCounter:
    """Counts statements that write to the remittance tables (the run's own record aside)."""

    TABLES = ('"remittance_corridor"', '"remittance_provider"', '"remittance_product"', '"remittance_quote"')

    def __init__(self):
        self.writes = 0

    def __call__(self, execute, sql, params, many, context):
        if sql.lstrip().split()[0].upper() in ("INSERT", "UPDATE", "DELETE") and any(table in sql for table in self.TABLES):
            self.writes += 1
        return execute(sql, params, many, context)


def clear_prices():
    from remittance.models import Corridor, PriceRun, Product, Provider, Quote

    for model in (Quote, Product, Provider, Corridor, PriceRun):
        model.objects.all().delete()


def bench_import(folder, rows):
    from remittance.services import rpw_import

    workbook = write_workbook(folder, rows, seed=1)
    started = time.perf_counter()
    run = rpw_import(path=workbook)
    seconds = time.perf_counter() - started
    print(f"import of {rows:,} rows: {seconds:.2f} s ({run.state}, {run.added:,} quotes added, {run.rejected:,} rejected)")
    if run.reason:
        print(f"  {run.reason}")

    counter = WriteCounter()
    with connection.execute_wrapper(counter):
        started = time.perf_counter()
        again = rpw_import(path=workbook)
        reimport_seconds = time.perf_counter() - started
    print(f"re-import of the same workbook: {reimport_seconds:.2f} s, {again.unchanged:,} unchanged, "
          f"{counter.writes} writes to remittance tables")
    return seconds, counter.writes


def bench_memory(folder, sizes):
    from remittance.services import rpw_import

    peaks = {}
    for rows in sizes:
        clear_prices()
        workbook = write_workbook(folder, rows, seed=2)
        tracemalloc.start()
        rpw_import(path=workbook)
        peaks[rows] = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        print(f"peak memory importing {rows:,} rows into an empty database: {peaks[rows]:.1f} MB")
    return peaks


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=10_000)
    arguments = parser.parse_args()

    with throwaway_database() as folder:
        settings.MEDIA_ROOT = str(Path(folder) / "media")
        seconds, writes = bench_import(folder, arguments.rows)
        peaks = bench_memory(folder, [arguments.rows // 4, arguments.rows, arguments.rows * 2])
    sizes = sorted(peaks)
    print("\nsummary")
    print(f"  import {arguments.rows:,} rows: {seconds:.2f} s (target <= 15 s) {'ok' if seconds <= 15 else 'MISSED'}")
    print(f"  re-import writes: {writes} (target 0) {'ok' if writes == 0 else 'MISSED'}")
    print("  peak memory " + " / ".join(f"{size:,}" for size in sizes) + " rows: "
          + " / ".join(f"{peaks[size]:.1f} MB" for size in sizes))


if __name__ == "__main__":
    main()
