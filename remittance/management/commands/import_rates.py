from pathlib import Path

from django.core.management.base import CommandError

from remittance.management.commands._importcommand import ImportCommand


class Command(ImportCommand):
    help = "Imports a reference-rate feed (JSON lines from ecb_rates, nrb_rates or cbm_rates)."

    def add_arguments(self, parser):
        parser.add_argument("feed")
        parser.add_argument("--source", required=True, help="The rate source's key: ecb, nrb, cbm …")

    def handle(self, *args, feed, source, **options):
        source = self.source_key(source)
        if not Path(feed).is_file():
            raise CommandError(f"No feed at {feed}")
        self.import_rates(feed, source)
