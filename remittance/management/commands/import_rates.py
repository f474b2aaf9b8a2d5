from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from remittance.rates import RateFeedError
from remittance.services import reference_rates_import


class Command(BaseCommand):
    help = "Imports a reference-rate feed (JSON lines from ecb_rates, nrb_rates or cbm_rates)."

    def add_arguments(self, parser):
        parser.add_argument("feed")
        parser.add_argument("--source", required=True, help="The rate source's key: ecb, nrb, cbm …")

    def handle(self, *args, feed, source, **options):
        if not Path(feed).is_file():
            raise CommandError(f"No feed at {feed}")
        try:
            added, unchanged, rejected = reference_rates_import(path=feed, source=source[:40])
        except RateFeedError as error:
            raise CommandError(str(error)) from None
        for line, reason in list(rejected.items())[:20]:
            self.stdout.write(f"  line {line}: {reason}")
        self.stdout.write(self.style.SUCCESS(f"{added} rates added, {unchanged} already stored, {len(rejected)} rejected."))
