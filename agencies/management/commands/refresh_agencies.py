import subprocess
import sys

from django.conf import settings
from django.core.management.base import CommandError
from django.utils import timezone

from agencies.management.commands._feedcommand import FeedCommand


class Command(FeedCommand):
    help = "Crawls a registry with its spider (Scrapy, in its own process), then imports the feed."

    def add_arguments(self, parser):
        parser.add_argument("source", help="The registry source's key, which is also its spider's name, e.g. ph_dmw.")
        parser.add_argument("--base-url", help="Crawl this address instead of the registry's own (a mirror or a test server).")
        parser.add_argument("--scrapy-setting", "-s", action="append", default=[], metavar="NAME=VALUE",
                            help="A Scrapy setting for this crawl, e.g. -s DOWNLOAD_DELAY=0 (repeatable).")

    def handle(self, *args, source, base_url, scrapy_setting, **options):
        source = self.source(source)
        folder = settings.FEEDS_DIR
        folder.mkdir(parents=True, exist_ok=True)
        stem = folder / f"{source.key}-{timezone.now():%Y%m%d-%H%M%S}"
        feed, rejects, report = stem.with_suffix(".jsonl"), stem.with_suffix(".rejects.jsonl"), stem.with_suffix(".report.json")
        command = [
            sys.executable, "-m", "scrapy", "crawl", source.key, "-O", str(feed),
            "-s", f"LANTERN_REJECTS_FILE={rejects}", "-s", f"LANTERN_REPORT_FILE={report}",
        ]
        if base_url:
            command += ["-a", f"base_url={base_url}"]
        for setting in scrapy_setting:
            command += ["-s", setting]
        self.stdout.write(f"Crawling {source.name} with the {source.key} spider (Scrapy's log follows) ...")
        self.stdout.flush()
        crawl = subprocess.run(command, cwd=settings.BASE_DIR, check=False)
        if crawl.returncode != 0 or not feed.exists():
            raise CommandError(f"The crawl failed (exit {crawl.returncode}); nothing was imported.")
        self.stdout.write(f"Crawl finished: feed {feed}, rejected rows in {rejects}")
        self.import_feed(source, feed, self.read_report(report))
