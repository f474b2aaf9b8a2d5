"""Benchmark of the agency registry: feed import speed and memory, and licence check latency.

Run from the checkout (it makes its own throw-away database and removes it at the end):

    .venv/bin/python bench/agencies.py                                   # SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python bench/agencies.py

Targets (issue 4): a 10,000-row feed imports in at most 10 s with memory that does not grow with
the feed, its re-import writes no agency rows, and the licence check answers within 30 ms (p95)
at 100,000 agencies.
"""

import argparse
import json
import random
import statistics
import time
import tracemalloc
from pathlib import Path

from common import agency_name, made_up_word, percentile, throwaway_database
from django.db import connection
from django.test import Client
from wagtail.models import Site

def feed_rows(count, rng, start=1):
    for number in range(start, start + count):
        yield {
            "source": "ph_dmw", "country": "PH", "licence_number": f"POEA-{number % 1000:03d}-LB-{number:06d}-R",
            "name": agency_name(rng), "name_local": "", "status": rng.choice(["valid"] * 8 + ["suspended", "cancelled"]),
            "status_raw": "Valid", "status_date": None, "valid_from": "2025-01-01", "valid_until": "2027-01-01",
            "address": f"{number} Bench Street, Manila", "phone": "+63 2 0000 0000", "email": "", "website": "",
            "source_url": "https://dmw.gov.ph/bench", "fetched_at": "2026-11-20T03:00:00+00:00",
        }


def write_feed(folder, count, seed, start=1):
    path = Path(folder) / f"feed-{count}-{seed}.jsonl"
    with open(path, "w", encoding="utf-8") as feed:
        for row in feed_rows(count, random.Random(seed), start):
            feed.write(json.dumps(row) + "\n")
    return path


def misspell(word, rng):
    position = rng.randrange(len(word))
    action = rng.choice(["drop", "swap", "replace"])
    if action == "drop" and len(word) > 3:
        return word[:position] + word[position + 1 :]
    if action == "swap" and position < len(word) - 1:
        return word[:position] + word[position + 1] + word[position] + word[position + 2 :]
    return word[:position] + rng.choice("aeiouklmnrst") + word[position + 1 :]


class WriteCounter:
    """Counts statements that write to the agency tables."""

    def __init__(self):
        self.writes = 0

    def __call__(self, execute, sql, params, many, context):
        if sql.lstrip().split()[0].upper() in ("INSERT", "UPDATE", "DELETE") and any(
            table in sql for table in ('"agencies_agency"', '"agencies_licenceevent"', '"agencies_nametoken"')
        ):
            self.writes += 1
        return execute(sql, params, many, context)


def clear_registry():
    from agencies.models import Agency, RefreshRun

    Agency.objects.all().delete()
    RefreshRun.objects.all().delete()


def bench_import(folder, rows):
    from agencies.models import Source
    from agencies.services import agency_feed_import

    source = Source.objects.get(key="ph_dmw")
    feed = write_feed(folder, rows, seed=1)
    started = time.perf_counter()
    run = agency_feed_import(source=source, feed_path=feed)
    seconds = time.perf_counter() - started
    print(f"import of {rows:,} rows: {seconds:.2f} s ({run.state}, {run.added:,} added)")

    counter = WriteCounter()
    with connection.execute_wrapper(counter):
        started = time.perf_counter()
        again = agency_feed_import(source=source, feed_path=feed)
        reimport_seconds = time.perf_counter() - started
    print(f"re-import of the same feed: {reimport_seconds:.2f} s, {again.unchanged:,} unchanged, "
          f"{counter.writes} writes to agency tables")
    return seconds, counter.writes


def bench_memory(folder, sizes):
    from agencies.models import Source
    from agencies.services import agency_feed_import

    source = Source.objects.get(key="ph_dmw")
    peaks = {}
    for rows in sizes:
        clear_registry()
        feed = write_feed(folder, rows, seed=2)
        tracemalloc.start()
        agency_feed_import(source=source, feed_path=feed)
        peaks[rows] = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        print(f"peak memory importing {rows:,} rows into an empty registry: {peaks[rows]:.1f} MB")
    return peaks


def bench_licence_check(folder, agencies, queries):
    from agencies.models import Agency, AgencyIndexPage, Source
    from agencies.selectors import agency_licence_check
    from agencies.services import agency_feed_import

    clear_registry()
    started = time.perf_counter()
    agency_feed_import(source=Source.objects.get(key="ph_dmw"), feed_path=write_feed(folder, agencies, seed=3))
    print(f"registry of {Agency.objects.count():,} agencies built in {time.perf_counter() - started:.1f} s")
    home = Site.objects.get(is_default_site=True).root_page.specific
    if not AgencyIndexPage.objects.exists():
        home.add_child(instance=AgencyIndexPage(title="Check an agency", slug="check-an-agency"))

    rng = random.Random(4)
    sample = list(Agency.objects.order_by("?").values_list("licence_number", "name")[: queries * 3])
    cases = {
        "licence number": [licence.lower() for licence, _name in sample[:queries]],
        "exact name": [name for _licence, name in sample[queries : 2 * queries]],
        "misspelt name": [" ".join(misspell(word, rng) if i < 2 else word for i, word in enumerate(name.split()))
                          for _licence, name in sample[2 * queries :]],
        "not found": [made_up_word(rng) + " " + made_up_word(rng) for _ in range(queries)],
    }
    client = Client()
    all_selector, all_page = [], []
    found = 0
    for kind, texts in cases.items():
        selector_times, page_times = [], []
        for index, text in enumerate(texts):
            started = time.perf_counter()
            result = agency_licence_check(query=text)
            selector_times.append((time.perf_counter() - started) * 1000)
            if kind == "misspelt name":
                intended = sample[2 * queries + index][1]
                found += any(agency.name == intended for agency in result.suggestions + result.matches)
            started = time.perf_counter()
            response = client.get("/en/check-an-agency/", {"q": text})
            page_times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
        all_selector += selector_times
        all_page += page_times
        print(f"  {kind:15s} check p50 {statistics.median(selector_times):5.1f} ms  p95 {percentile(selector_times, .95):5.1f} ms"
              f"   | whole page p95 {percentile(page_times, .95):5.1f} ms")
    print(f"licence check over {len(all_selector)} queries: p95 {percentile(all_selector, .95):.1f} ms "
          f"(whole page with template: p95 {percentile(all_page, .95):.1f} ms)")
    print(f"misspelt names whose agency was suggested: {found}/{queries}")
    return percentile(all_selector, .95)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--feed-rows", type=int, default=10_000)
    parser.add_argument("--agencies", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=100, help="queries of each kind")
    arguments = parser.parse_args()

    with throwaway_database() as folder:
        seconds, writes = bench_import(folder, arguments.feed_rows)
        peaks = bench_memory(folder, [arguments.feed_rows // 4, arguments.feed_rows, arguments.feed_rows * 4])
        p95 = bench_licence_check(folder, arguments.agencies, arguments.queries)
    sizes = sorted(peaks)
    print("\nsummary")
    print(f"  import {arguments.feed_rows:,} rows: {seconds:.2f} s (target <= 10 s) {'ok' if seconds <= 10 else 'MISSED'}")
    print(f"  re-import writes: {writes} (target 0) {'ok' if writes == 0 else 'MISSED'}")
    print(f"  peak memory {sizes[0]:,} / {sizes[1]:,} / {sizes[2]:,} rows: "
          + " / ".join(f"{peaks[size]:.1f} MB" for size in sizes))
    print(f"  licence check p95 at {arguments.agencies:,} agencies: {p95:.1f} ms (target <= 30 ms) {'ok' if p95 <= 30 else 'MISSED'}")


if __name__ == "__main__":
    main()
