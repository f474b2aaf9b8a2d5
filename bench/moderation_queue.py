"""Benchmark of the moderation queue's page with 10,000 waiting items.

Run from the checkout (it makes its own throw-away database and removes it at the end):

    .venv/bin/python bench/moderation_queue.py                                              # SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python bench/moderation_queue.py

Target (issue 6): the queue for 10,000 pending items loads in at most 200 ms. Measured: the first page, a filtered
page (by reason), a page far down the list, and one item's page; p50 and p95, and the number of SQL queries.
The items are reviews and replies with flags as the checks would leave them (bulk-created: the benchmark is of
reading the queue, not of running the checks, which bench/moderation_checks.py measures).
"""

import argparse
import gc
import random
import statistics
import time
from datetime import timedelta

from common import percentile, throwaway_database, timed_get
from django.contrib.auth.models import Group, User
from django.test import Client
from django.utils import timezone

CHECKS = ["personal_data", "links", "abuse", "duplicates", "bursts", "conflict", "extremes"]
LANGUAGES = ["en", "fil", "id", "ne", "my", "km", "vi", "th"]


def build_queue(items, rng):
    from agencies.demo import demo_agencies_load
    from agencies.models import Agency
    from moderation.models import Flag, QueueItem
    from reviews.models import Review, Reviewer, Status

    demo_agencies_load()
    agencies = list(Agency.objects.all())
    now = timezone.now()
    reviewers = Reviewer.objects.bulk_create(
        Reviewer(contact_hash=f"{number:064d}", channel="sms", pseudonym=f"Bench Reviewer {number}")
        for number in range(items))
    reviews = Review.objects.bulk_create((
        Review(agency=agencies[number % len(agencies)], reviewer=reviewer, status=Status.PENDING, rating=rng.randint(1, 5),
               title=f"Bench review {number}", text=f"Call me on 0917 555 {number % 10000:04d}. " + "What happened. " * 30,
               deployment_year=2020, destination="HK", sector="domestic", language=LANGUAGES[number % len(LANGUAGES)],
               submitted_at=now - timedelta(minutes=number))
        for number, reviewer in enumerate(reviewers)), batch_size=2000)
    queued = QueueItem.objects.bulk_create((
        QueueItem(item_kind="review", item_id=review.pk, agency_id=review.agency_id, language=review.language,
                  risk=(risk := round(rng.random(), 4)), priority=risk, arrived_at=review.submitted_at)
        for review in reviews), batch_size=2000)
    Flag.objects.bulk_create((
        Flag(item=item, check_code=rng.choice(CHECKS), score=item.risk, reason="A phone number: “0917 555 …”",
             spans=[[10, 23]])
        for item in queued for _flag in range(rng.randint(0, 2))), batch_size=5000)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=100)
    options = parser.parse_args()
    rng = random.Random(6)
    with throwaway_database():
        started = time.perf_counter()
        build_queue(options.items, rng)
        print(f"built {options.items} waiting items in {time.perf_counter() - started:.1f} s")
        # What the build left behind would make the garbage collector's full passes (100+ ms) land in the timings;
        # a server process does not carry it. Set it aside, as a server may after start-up.
        gc.collect()
        gc.freeze()
        from moderation.models import QueueItem

        moderator = User.objects.create_user("bench-moderator")
        moderator.groups.add(Group.objects.get(name="Moderators"))
        client = Client()
        client.force_login(moderator)
        middle = QueueItem.objects.order_by("-priority")[options.items // 2]
        pages = {
            "queue, first page": "/admin/moderation/queue/",
            "queue, by reason": "/admin/moderation/queue/?check=personal_data",
            "queue, by language and age": "/admin/moderation/queue/?language=th&age=3",
            "queue, page 100": "/admin/moderation/queue/?p=100",
            "one item": f"/admin/moderation/queue/{middle.pk}/",
        }
        print(f"{'page':30} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}")
        worst = 0.0
        for label, url in pages.items():
            times, queries = timed_get(client, url, options.runs)
            worst = max(worst, percentile(times, 0.95))
            print(f"{label:30} {statistics.median(times):8.1f} {percentile(times, 0.95):8.1f} {queries:8d}")
        print(f"target: at most 200 ms -> worst p95 {worst:.1f} ms: {'met' if worst <= 200 else 'NOT met'}")


if __name__ == "__main__":
    main()
