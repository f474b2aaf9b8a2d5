"""Benchmark of an agency page with 10,000 published reviews, and of publishing one more review on it.

Run from the checkout (it makes its own throw-away database and removes it at the end):

    .venv/bin/python bench/reviews.py                                              # SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python bench/reviews.py

Targets (issue 5): the page's number of SQL queries does not depend on the number of reviews (at most 10), p95 at
most 50 ms; publishing one review (with the summary recomputed in the same transaction) at most 20 ms.
"""

import argparse
import random
import statistics
import time
from datetime import timedelta
from decimal import Decimal

from common import percentile, throwaway_database, timed_get
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.utils import timezone
from wagtail.models import Site

DESTINATIONS = ["HK", "SG", "SA", "QA", "AE", "MY"]


def build_agency(licence, reviews, rng):
    from agencies.models import Agency, Source
    from reviews.models import Reviewer, Review, Status
    from reviews.services import summary_recompute

    source = Source.objects.first()
    now = timezone.now()
    agency = Agency.objects.create(
        country=source.country, licence_number=licence, licence_key=licence, name=f"Bench Agency {licence}",
        normalised_name=f"bench agency {licence}", slug=f"bench-agency-{licence.lower()}", status="valid",
        source=source, source_url="https://lantern.example.org/bench", fetched_at=now,
    )
    reviewers = Reviewer.objects.bulk_create(
        Reviewer(contact_hash=f"{licence}-{number:060d}"[-64:], channel="sms", pseudonym=f"Bench Reviewer {number}")
        for number in range(reviews)
    )
    Review.objects.bulk_create((
        Review(
            agency=agency, reviewer=reviewer, status=Status.PUBLISHED, rating=rng.randint(1, 5),
            fees_rating=rng.randint(1, 5), contract_rating=rng.randint(1, 5), job_rating=rng.randint(1, 5),
            documents_rating=rng.randint(1, 5), freedom_rating=rng.randint(1, 5), respect_rating=rng.randint(1, 5),
            paid_fee=number % 3 != 0, fee_amount=Decimal(rng.randint(1000, 90000)) if number % 3 else None,
            fee_currency="PHP" if number % 3 else "", would_recommend=number % 2 == 0,
            title=f"Bench review {number}", text="A bench review. " * 40, deployment_year=2015 + number % 10,
            destination=DESTINATIONS[number % len(DESTINATIONS)], sector="domestic", language="en",
            submitted_at=now - timedelta(minutes=number), published_at=now - timedelta(minutes=number),
        ) for number, reviewer in enumerate(reviewers)
    ), batch_size=2000)
    summary_recompute(agency_id=agency.pk)
    return agency


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reviews", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--publishes", type=int, default=100)
    options = parser.parse_args()
    with throwaway_database():
        from agencies.demo import demo_agencies_load
        from agencies.pages import AgencyIndexPage
        from reviews.models import Review, Reviewer
        from reviews.services import review_decide, review_submit

        rng = random.Random(5)
        home = Site.objects.get(is_default_site=True).root_page
        index = home.add_child(instance=AgencyIndexPage(title="Check an agency", slug="agencies"))
        demo_agencies_load()
        print(f"building an agency with {options.reviews} published reviews, and one with 10 ...")
        big = build_agency("BENCH-BIG", options.reviews, rng)
        small = build_agency("BENCH-SMALL", 10, rng)
        if connection.vendor == "postgresql":  # what autovacuum does soon after a bulk load, in a running site
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE reviews_review")
        client = Client()
        for label, agency in (("10 reviews", small), (f"{options.reviews} reviews", big)):
            for page in (1, 50):
                if agency is small and page > 1:
                    continue
                url = f"{index.url}{agency.country.lower()}/{agency.slug}/?page={page}"
                times, queries = timed_get(client, url, options.runs)
                print(f"agency page, {label}, page {page}: p50 {statistics.median(times):.1f} ms, "
                      f"p95 {percentile(times, 0.95):.1f} ms, {queries} queries")

        moderator = get_user_model().objects.create(username="bench-moderator")
        pending = []
        for number in range(options.publishes):
            reviewer = Reviewer.objects.create(contact_hash=f"pending-{number:056d}", channel="sms", pseudonym=f"P {number}")
            pending.append(review_submit(reviewer=reviewer, agency=big, data={
                "rating": 4, "title": "Pending", "text": "Pending review.", "deployment_year": 2024,
                "destination": "HK", "sector": "domestic", "language": "en", "paid_fee": True,
                "fee_amount": Decimal(20000), "fee_currency": "PHP",
            })[0])
        times = []
        for review in pending:
            started = time.perf_counter()
            review_decide(review=review, moderator=moderator, publish=True)
            times.append((time.perf_counter() - started) * 1000)
        published = Review.objects.filter(agency=big, status="published").count()
        print(f"publishing one review on the agency with {published} published reviews: "
              f"p50 {statistics.median(times):.1f} ms, p95 {percentile(times, 0.95):.1f} ms")


if __name__ == "__main__":
    main()
