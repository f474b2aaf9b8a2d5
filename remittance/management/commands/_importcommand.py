"""What the money-transfer import commands share: checked arguments, progress, and a summary of what each run did."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_slug

from config.runs import run_state_report
from remittance.rates import RateFeedError
from remittance.services import MIN_ROW_SHARE, price_feed_import, reference_rates_import

SOURCE_KEY_LENGTH = 40  # PriceRun.source, Quote.source and ReferenceRate.source


class ImportCommand(BaseCommand):
    def add_min_row_share_argument(self, parser):
        parser.add_argument(
            "--min-row-share", default=str(MIN_ROW_SHARE),
            help=f"Hold the run when it has fewer usable rows than this share of the last applied run's "
                 f"(default {MIN_ROW_SHARE}).",
        )

    @staticmethod
    def min_row_share(text):
        try:
            value = float(text)
        except ValueError:
            value = -1
        if not 0 <= value <= 1:
            raise CommandError(f"--min-row-share is a share between 0 and 1, such as 0.7, not {text!r}")
        return value

    @staticmethod
    def source_key(key):
        try:
            validate_slug(key)
        except ValidationError:
            key = ""
        if not key or len(key) > SOURCE_KEY_LENGTH:
            raise CommandError(f"--source is a short key of letters, digits, - and _ (at most {SOURCE_KEY_LENGTH}), "
                               "such as wise_compare")
        return key

    @staticmethod
    def known_spider(spider, spiders):
        if spider not in spiders:
            raise CommandError(f"Unknown spider {spider!r}. Known spiders: {', '.join(spiders)}")
        return spider

    def progress(self, phase, rows):
        self.stdout.write(f"  {phase}: {rows} rows read")

    def summarise(self, run):
        self.stdout.write(
            f"{run.rows} rows: {run.added} quotes added, {run.unchanged} unchanged, {run.rejected} rejected."
        )
        run_state_report(self, run, "Nothing from it is stored until a person confirms or rejects it in the admin, under "
                                    "Money transfers > Price import runs.")

    def import_prices(self, feed, source, min_row_share):
        self.stdout.write(f"Importing the prices of {feed} as {source} ...")
        run = price_feed_import(path=feed, source=source, progress=self.progress, min_row_share=min_row_share)
        self.summarise(run)
        return run

    def import_rates(self, feed, source):
        self.stdout.write(f"Importing the reference rates of {feed} as {source} ...")
        try:
            added, unchanged, rejected = reference_rates_import(path=feed, source=source)
        except RateFeedError as error:
            raise CommandError(str(error)) from None
        for line, reason in list(rejected.items())[:20]:
            self.stdout.write(f"  line {line}: {reason}")
        self.stdout.write(self.style.SUCCESS(f"{added} rates added, {unchanged} already stored, {len(rejected)} rejected."))
