"""Benchmark of search on the database engine: 100,000 agencies and 5,000 guides.

Run from the checkout (it makes its own throw-away database and removes it at the end):

    .venv/bin/python bench/search_speed.py                                   # SQLite (FTS5)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python bench/search_speed.py   # PostgreSQL
    ELASTICSEARCH_URL=http://127.0.0.1:9200 .venv/bin/python bench/search_speed.py   # also Elasticsearch's bulk rate

Targets (issue 9): p95 at most 30 ms for name queries and 50 ms for faceted queries, through search.services (the
interface the pages use), on SQLite and on PostgreSQL.
"""

import argparse
import random
import time

from common import agency_name, percentile, throwaway_database

COUNTRIES = ["PH", "NP", "ID", "HK", "TH", "MM", "MY", "QA"]
STATUSES = ["valid"] * 8 + ["suspended", "cancelled", "expired"]
DEVANAGARI = "क ख ग घ च ज ट ड त द न प ब म य र ल व स ह".split()
SIGNS = ["ा", "ि", "ी", "ु", "े", "ो", ""]
TOPICS = ["recruitment-fees", "contracts", "documents", "wages", "hours-and-rest", "health", "domestic-work",
          "complaints", "leaving-an-employer", "returning-home"]
GUIDE_WORDS = ("worker agency employer contract wages salary passport fee fees complaint embassy rest day hours "
               "overtime deduction visa return home health insurance domestic construction plantation fishing "
               "factory union help rights law minimum notice leave sick accident").split()


def devanagari_name(rng):
    return " ".join("".join(rng.choice(DEVANAGARI) + rng.choice(SIGNS) for _ in range(rng.randint(2, 4)))
                    for _ in range(2))


def typo(rng, text, count):
    letters = list(text)
    for _ in range(count):
        spot = rng.randrange(1, max(len(letters) - 1, 2))
        action = rng.choice(["drop", "swap", "change"])
        if action == "drop" and len(letters) > 4:
            del letters[spot]
        elif action == "swap" and spot + 1 < len(letters):
            letters[spot], letters[spot + 1] = letters[spot + 1], letters[spot]
        else:
            letters[spot] = rng.choice("aeioustrnl")
    return "".join(letters)


def agency_records(count, rng):
    for number in range(1, count + 1):
        local = devanagari_name(rng) if rng.random() < 0.1 else ""
        yield {"kind": "agency", "object_id": number, "language": "", "group": "", "title": agency_name(rng),
               "alt_title": local, "licence": f"LIC-{rng.choice(COUNTRIES)}-{number:06d}",
               "text": f"{number} Bench Street", "countries": [rng.choice(COUNTRIES)], "status": rng.choice(STATUSES),
               "rating": round(rng.uniform(1, 5), 2) if rng.random() < 0.3 else None, "topics": [], "languages": []}


def guide_records(count, rng):
    languages = ["en"] * 4 + ["fil", "id", "ne", "km", "th"]
    for number in range(1, count + 1):
        language = rng.choice(languages)
        words = rng.choices(GUIDE_WORDS, k=120)
        yield {"kind": "guide", "object_id": 1_000_000 + number, "language": language, "group": f"g{number // 2}",
               "title": " ".join(rng.sample(GUIDE_WORDS, 4)).capitalize(), "alt_title": "", "licence": "",
               "text": " ".join(words), "countries": rng.sample(COUNTRIES, 2), "status": "", "rating": None,
               "topics": rng.sample(TOPICS, 2), "languages": [language]}


def load(engine, records, batch=2000):
    chunk = []
    for record in records:
        chunk.append(record)
        if len(chunk) >= batch:
            engine.index(chunk)
            chunk = []
    if chunk:
        engine.index(chunk)


def name_queries(records, rng, count):
    """Names as a worker types them: whole, in part, with one or two typos, in Devanagari, or a licence number."""
    queries = []
    for record in rng.sample(records, count):
        form = rng.choice(["whole", "part", "typo1", "typo2", "local", "licence"])
        if form == "local" and record["alt_title"]:
            queries.append(record["alt_title"])
        elif form == "licence":
            queries.append(record["licence"].lower().replace("-", " "))
        elif form == "part":
            queries.append(" ".join(record["title"].split()[:2]))
        elif form in ("typo1", "typo2"):
            queries.append(typo(rng, record["title"], int(form[-1])))
        else:
            queries.append(record["title"])
    return queries


def timed(queries, run):
    run(queries[0])
    times = []
    for query in queries:
        started = time.perf_counter()
        run(query)
        times.append((time.perf_counter() - started) * 1000)
    return times


def report(label, times, target):
    p50, p95 = percentile(times, 0.5), percentile(times, 0.95)
    verdict = "met" if p95 <= target else "NOT met"
    print(f"  {label}: p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {max(times):.1f} ms over {len(times)} "
          f"(target p95 <= {target} ms: {verdict})")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agencies", type=int, default=100_000)
    parser.add_argument("--guides", type=int, default=5_000)
    parser.add_argument("--queries", type=int, default=300)
    arguments = parser.parse_args()
    rng = random.Random(9)

    from django.conf import settings

    from search.engines.database import DatabaseEngine
    from search.services import search, search_query

    with throwaway_database():
        engine = DatabaseEngine()
        agencies = list(agency_records(arguments.agencies, rng))
        guides = list(guide_records(arguments.guides, rng))
        started = time.perf_counter()
        load(engine, agencies + guides)
        seconds = time.perf_counter() - started
        print(f"indexed {len(agencies):,} agencies and {len(guides):,} guides in {seconds:.1f} s "
              f"({(len(agencies) + len(guides)) / seconds:,.0f} records/s)")
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # as the database's own maintenance would, before the queries are planned

        names = name_queries(agencies, rng, arguments.queries)
        report("name queries, agencies only",
               timed(names, lambda text: search(search_query(text=text, kinds=("agency",)))), 30)
        report("name queries, every kind",
               timed(names, lambda text: search(search_query(text=text))), 30)
        faceted = [(text, rng.choice(COUNTRIES), rng.choice(["", "valid"]), rng.choice([None, 3])) for text in names]
        report("faceted agency queries (country, status, rating)",
               timed(faceted, lambda q: search(search_query(text=q[0], country=q[1], status=q[2], min_rating=q[3]))), 50)
        words = [" ".join(rng.sample(GUIDE_WORDS, rng.randint(1, 2))) for _ in range(arguments.queries)]
        topics = [(text, rng.choice(TOPICS), rng.choice(COUNTRIES), rng.choice(["en", "km", "th"])) for text in words]
        report("faceted guide queries (topic, country, language)",
               timed(topics, lambda q: search(search_query(text=q[0], kinds=("guide",), topic=q[1], country=q[2],
                                                          locale=q[3]))), 50)
        broad = ["manpower", "agency", "services international", "global"]
        report("broad words over every kind (facets capped)",
               timed(broad * 10, lambda text: search(search_query(text=text))), 50)

        found = sum(1 for text in names[:100] if search(search_query(text=text, kinds=("agency",))).hits)
        print(f"  {found} of 100 name queries found something")

        if settings.ELASTICSEARCH_URL:
            from search.engines.elastic import ElasticEngine

            started = time.perf_counter()
            count = ElasticEngine().rebuild([("agency", agencies), ("guide", guides)])
            seconds = time.perf_counter() - started
            print(f"Elasticsearch: bulk indexed {count:,} records in {seconds:.1f} s ({count / seconds:,.0f} records/s)")
        else:
            print("Elasticsearch: ELASTICSEARCH_URL is not set; its bulk indexing rate is not measured.")


if __name__ == "__main__":
    main()
