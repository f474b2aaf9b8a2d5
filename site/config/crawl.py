"""Crawling a source as production does: Scrapy in a process of its own, run from the repository root, writing a
feed (JSON lines), a rejects file and a crawl report into settings.FEEDS_DIR for an app's import to read.

Django never runs Scrapy in process: Scrapy's event loop and the ORM do not mix, and the feed is the
boundary between them (see scrapers/README.md for what a crawl writes).
"""

import argparse
import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.utils import timezone


class CrawlError(Exception):
    """The crawl failed, wrote no feed, or wrote a report that cannot be read: nothing from it may be imported."""


@dataclass(frozen=True)
class Crawl:
    feed: Path
    rejects: Path
    report: dict | None  # the crawl report, None when the spider wrote none


def crawl_report(path):
    """The crawl report at `path` (a dict), None when there is none; CrawlError when it cannot be read."""
    path = Path(path)
    if not path.exists():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CrawlError(f"The crawl report {path} cannot be read: {error}") from None


def spider_crawl(spider, *, base_url=None, arguments=(), scrapy_settings=()):
    """Runs `python -m scrapy crawl <spider>` into new files in settings.FEEDS_DIR and returns what it wrote.

    `arguments` are the spider's NAME=VALUE arguments (-a), `scrapy_settings` NAME=VALUE settings (-s); `base_url`
    points the spider at another host. Scrapy's log goes to this process's standard error.
    """
    folder = Path(settings.FEEDS_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    stem = folder / f"{spider}-{timezone.now():%Y%m%d-%H%M%S-%f}"
    feed, rejects, report = (stem.with_suffix(suffix) for suffix in (".jsonl", ".rejects.jsonl", ".report.json"))
    command = [
        sys.executable, "-m", "scrapy", "crawl", spider, "-O", str(feed),
        "-s", f"LANTERN_REJECTS_FILE={rejects}", "-s", f"LANTERN_REPORT_FILE={report}",
    ]
    if base_url:
        arguments = [f"base_url={base_url}", *arguments]
    for argument in arguments:
        command += ["-a", argument]
    for setting in scrapy_settings:
        command += ["-s", setting]
    process = subprocess.run(command, cwd=settings.BASE_DIR, check=False)
    if process.returncode != 0 or not feed.exists():
        raise CrawlError(f"The {spider} crawl failed (exit {process.returncode}) and wrote no feed")
    return Crawl(feed, rejects, crawl_report(report))


def _name_value(text):
    if "=" not in text or not text.partition("=")[0].strip():
        raise argparse.ArgumentTypeError(f"{text!r} is not NAME=VALUE")
    return text


def add_crawl_arguments(parser, *, spider_arguments=True):
    """A crawling command's options: --base-url, -s NAME=VALUE and (for a command that runs one spider) -a NAME=VALUE."""
    parser.add_argument("--base-url", help="Crawl this address instead of the source's own (a mirror or a test server).")
    if spider_arguments:
        parser.add_argument("--spider-argument", "-a", action="append", default=[], type=_name_value, metavar="NAME=VALUE",
                            help="An argument for the spider, e.g. -a corridors=SGD-PHP (repeatable).")
    parser.add_argument("--scrapy-setting", "-s", action="append", default=[], type=_name_value, metavar="NAME=VALUE",
                        help="A Scrapy setting for the crawl, e.g. -s DOWNLOAD_DELAY=0 (repeatable).")


class CrawlCommandMixin:
    """For a management command that crawls with one spider (its options from add_crawl_arguments), then imports."""

    def crawl(self, spider, options):
        """Crawls with `spider` as the command's options say; CommandError when nothing can be imported from it."""
        self.stdout.write(f"Crawling with the {spider} spider (Scrapy's log follows) ...")
        self.stdout.flush()
        try:
            crawl = spider_crawl(spider, base_url=options["base_url"], arguments=options["spider_argument"],
                                 scrapy_settings=options["scrapy_setting"])
        except CrawlError as error:
            raise CommandError(f"{error}; nothing was imported.") from None
        self.stdout.write(f"Crawl finished: feed {crawl.feed}, rejected rows in {crawl.rejects}")
        if crawl.report and not crawl.report.get("complete"):
            errors = [str(error) for error in crawl.report.get("errors") or ["it did not finish normally"]]
            more = f" (and {len(errors) - 3} more errors)" if len(errors) > 3 else ""
            self.stdout.write(self.style.WARNING(f"The crawl is incomplete: {'; '.join(errors[:3])}{more}"))
        return crawl
