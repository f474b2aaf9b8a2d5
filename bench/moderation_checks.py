"""Benchmark of the automated moderation checks: precision and recall of each check on the labelled set, and speed.

Run from the checkout (it makes its own throw-away database, for the abuse words of the migrations, and removes it):

    .venv/bin/python bench/moderation_checks.py [--misses]

Each labelled set goes through `manage.py moderation_check` in file order: tests/data/moderation/labelled.jsonl,
which the checks were tuned on (its figures flatter them), then held_out.jsonl, written apart and never used to tune
them (the honest figures; the README of that folder says how both were made), so each text's neighbours are the earlier texts of the file. A check is positive on
a text when one of its hits scores FLAGGED_AT or more. Bursts cannot be labelled on single texts: their tests cover
them. Then a 5,000-character text of each language goes through all checks with 1,000 neighbours.

Targets (issue 6): personal data recall at least 0.95 with precision at least 0.8; a 5,000-character text through
all checks in well under 50 ms.
"""

import argparse
import io
import json
import statistics
import time

from common import ROOT, percentile, throwaway_database
from django.core.management import call_command

DATA = ROOT / "tests" / "data" / "moderation"
# The labelled set, which the checks were tuned on; the held-out set, written apart and never used to tune them.
SETS = {"labelled": DATA / "labelled.jsonl", "held-out": DATA / "held_out.jsonl"}
GOAL = {"personal_data": (0.95, 0.8)}  # recall, precision
LONG_TEXT = 5000
NEIGHBOURS = 1000


def flagged_checks(records):
    """For each record, the checks that flagged it, as `manage.py moderation_check` reports them; and the seconds."""
    from moderation.checks import FLAGGED_AT

    stdin = io.BytesIO("".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records).encode())
    stdout, stderr = io.StringIO(), io.StringIO()
    started = time.perf_counter()
    call_command("moderation_check", stdin=stdin, stdout=stdout, stderr=stderr)
    seconds = time.perf_counter() - started
    results = [json.loads(line) for line in stdout.getvalue().splitlines()]
    assert len(results) == len(records) and not any("error" in result for result in results), stderr.getvalue()
    return [{reason["check"] for reason in result["reasons"] if reason["score"] >= FLAGGED_AT} for result in results], seconds


def ratio(part, whole):
    return part / whole if whole else float("nan")


def scores(records, flagged, show_misses):
    from moderation.checks import MODULES

    print(f"{'check':<14} {'labelled':>8} {'true +':>7} {'false +':>7} {'precision':>9} {'recall':>7}")
    for code in MODULES:
        if code == "bursts":
            print(f"{code:<14} {'not in the set (unit tests cover it)':>42}")
            continue
        labelled = [code in record["labels"] for record in records]
        found = [code in checks for checks in flagged]
        true = sum(is_labelled and is_found for is_labelled, is_found in zip(labelled, found))
        false = sum(is_found and not is_labelled for is_labelled, is_found in zip(labelled, found))
        precision, recall = ratio(true, true + false), ratio(true, sum(labelled))
        line = f"{code:<14} {sum(labelled):>8} {true:>7} {false:>7} {precision:>9.2f} {recall:>7.2f}"
        if code in GOAL:
            least_recall, least_precision = GOAL[code]
            met = recall >= least_recall and precision >= least_precision
            line += f"   goal (recall >= {least_recall}, precision >= {least_precision}): {'met' if met else 'NOT met'}"
        print(line)
        if show_misses:
            for record, is_labelled, is_found in zip(records, labelled, found):
                if is_labelled != is_found:
                    print(f"    {'missed' if is_labelled else 'false +'} {record['id']}: {record['text'][:110]}")


def speed(records):
    """Milliseconds of all checks on a 5,000-character text of each language, against 1,000 different neighbours:
    the first text with nothing known yet (every neighbour is shingled), then 20 more texts against the same
    neighbours, as in a run of `manage.py moderation_check` or a busy site."""
    from moderation.checks import Subject, run_checks
    from moderation.checks.duplicates import shingles
    from moderation.wordlists import abuse_terms_load

    terms = abuse_terms_load()
    neighbours = tuple(f"{records[number % len(records)]['text']} ({number})" for number in range(NEIGHBOURS))
    print(f"\nall checks on a {LONG_TEXT:,}-character text against {NEIGHBOURS:,} neighbours (ms):")
    for language in sorted({record["language"] for record in records}):
        texts = " ".join(record["text"] for record in records if record["language"] == language) * 4
        shingles.cache_clear()
        times = []
        for run in range(21):
            start = run * 97 % (len(texts) - LONG_TEXT)  # a different text each time
            subject = Subject(text=texts[start:start + LONG_TEXT], language=language, rating=5, abuse_terms=terms,
                              neighbours=neighbours, agency_name="Bright Star Manpower", recent={"agency": 2})
            started = time.perf_counter()
            run_checks(subject)
            times.append((time.perf_counter() - started) * 1000)
        print(f"  {language:<4} first {times[0]:5.1f}   then p50 {statistics.median(times[1:]):5.1f}, "
              f"p95 {percentile(times[1:], 0.95):5.1f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="List the texts each check got wrong.")
    options = parser.parse_args()
    with throwaway_database():
        for name, path in SETS.items():
            records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
            flagged, seconds = flagged_checks(records)
            print(f"\n{name} set: {len(records)} texts; {seconds * 1000 / len(records):.1f} ms per text through "
                  f"`manage.py moderation_check`\n")
            scores(records, flagged, options.misses)
        speed(records)


if __name__ == "__main__":
    main()
