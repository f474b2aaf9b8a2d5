from pathlib import Path

from django.core.management.base import CommandError

from remittance.management.commands._importcommand import ImportCommand


class Command(ImportCommand):
    help = "Imports a price feed (JSON lines, as wise_compare and sbi_remit write it) made elsewhere, e.g. by scrapyd."

    def add_arguments(self, parser):
        parser.add_argument("feed", help="The feed: one price row per line, as scrapers/README.md describes it.")
        parser.add_argument("--source", required=True, help="The feed's source key, e.g. wise_compare: its quotes are stored under it.")
        self.add_min_row_share_argument(parser)

    def handle(self, *args, feed, source, min_row_share, **options):
        share, source = self.min_row_share(min_row_share), self.source_key(source)
        if not Path(feed).is_file():
            raise CommandError(f"No feed at {feed}")
        self.import_prices(Path(feed), source, share)
