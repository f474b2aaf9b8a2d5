from pathlib import Path

from django.core.management.base import CommandError

from agencies.management.commands._feedcommand import FeedCommand


class Command(FeedCommand):
    help = "Imports a registry feed (JSON lines) made elsewhere, e.g. by scrapyd or on another host."

    def add_arguments(self, parser):
        parser.add_argument("feed", help="The feed: one JSON object per line, as the spiders write it.")
        parser.add_argument("--source", required=True, help="The registry source's key, e.g. ph_dmw.")
        parser.add_argument("--report", help="The crawl report the spider wrote (default: FEED's .report.json beside it).")

    def handle(self, *args, feed, source, report, **options):
        feed_path = Path(feed)
        if not feed_path.is_file():
            raise CommandError(f"No feed at {feed}")
        report_path = report or feed_path.with_suffix(".report.json")
        self.import_feed(self.source(source), feed_path, self.read_report(report_path))
