"""What the two import commands share: finding the source, reading a crawl report, showing progress and a summary."""

from django.core.management.base import BaseCommand, CommandError

from agencies.models import Source
from agencies.services import agency_feed_import
from config.crawl import CrawlError, crawl_report
from config.runs import run_state_report


class FeedCommand(BaseCommand):
    def source(self, key):
        try:
            return Source.objects.get(key=key)
        except Source.DoesNotExist:
            keys = ", ".join(Source.objects.values_list("key", flat=True))
            raise CommandError(f"Unknown source {key!r}. Known sources: {keys}") from None

    def read_report(self, path):
        try:
            return crawl_report(path)
        except CrawlError as error:
            raise CommandError(str(error)) from None

    def progress(self, phase, rows):
        self.stdout.write(f"  {phase}: {rows} rows read")

    def import_feed(self, source, feed, report):
        self.stdout.write(f"Importing {feed} into {source.name} ...")
        run = agency_feed_import(source=source, feed_path=feed, report=report, progress=self.progress)
        self.summarise(run)
        return run

    def summarise(self, run):
        self.stdout.write(
            f"{run.rows} rows: {run.added} added, {run.changed} changed, {run.unchanged} unchanged, "
            f"{run.missing} missing from the list, {run.rejected} rejected."
        )
        run_state_report(self, run, "A person must confirm or reject it in the admin, under Agencies > Refresh runs.")
