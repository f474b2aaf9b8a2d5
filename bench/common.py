"""What the benchmarks share: the checkout on the path, Django set up, a throw-away database, timed page loads,
percentiles."""

import contextlib
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "site"), str(ROOT)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402


@contextlib.contextmanager
def throwaway_database():
    """A fresh, migrated database (a SQLite file, or a new PostgreSQL database) removed at the end; yields a folder.

    The PostgreSQL database is named after this process (lantern_bench_<pid>), never test_<name>: that one is the
    test suite's, which someone may be running at the same time.
    """
    database = settings.DATABASES["default"]
    with tempfile.TemporaryDirectory() as folder:
        if database["ENGINE"].endswith("sqlite3"):
            database["TEST"]["NAME"] = str(Path(folder) / "bench.sqlite3")
        else:
            database["TEST"]["NAME"] = f"lantern_bench_{os.getpid()}"
        setup_test_environment()
        settings.DEBUG = False  # Django keeps every query in memory when DEBUG is on
        print(f"database: {connection.vendor}; creating a throw-away database ...")
        old_name = connection.settings_dict["NAME"]
        try:
            connection.creation.create_test_db(verbosity=0, autoclobber=True)
            yield folder
        finally:
            # Only once the connection points at the throw-away database: destroying drops the one it points at.
            if connection.settings_dict["NAME"] != old_name:
                connection.creation.destroy_test_db(old_name, verbosity=0)


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def timed_get(client, url, runs):
    """Loads `url` once to warm up, then `runs` times: the times (ms) of those, and the SQL queries of one more load."""
    client.get(url)
    times = []
    for _run in range(runs):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return times, len(queries)


# Made-up agency names, alike enough to make close-name search work (bench/agencies.py, bench/search.py).
COMMON_WORDS = (
    "global star bright golden pacific asia manpower services international overseas employment placement "
    "agency recruitment human resources bintang jaya sinar maju harapan mandiri sejahtera himal everest lion "
    "harbour pearl ocean royal prime first united allied eastern southern island unity dragon phoenix crown "
    "summit horizon bridge anchor coast career link world trade"
).split()
SYLLABLES = "ka ri mo na te lu sa po vi de ra no ba ki me ta so la gu pe ha yo zi".split()


def made_up_word(rng):
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def agency_name(rng):
    words = [made_up_word(rng), *rng.sample(COMMON_WORDS, rng.randint(1, 3))]
    return " ".join(word.capitalize() for word in words)
