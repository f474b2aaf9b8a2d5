from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from config.runs import run_state_report
from remittance.rpw import RpwError, rpw_file_check
from remittance.services import MIN_ROW_SHARE, rpw_import


def _share(text):
    try:
        value = float(text)
    except ValueError:
        value = -1
    if not 0 <= value <= 1:
        raise CommandError(f"--min-row-share is a share between 0 and 1, such as 0.7, not {text!r}")
    return value


class Command(BaseCommand):
    help = "Imports the World Bank's Remittance Prices Worldwide workbook (.xlsx, sheet \"Dataset (from Q2 2016)\")."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The RPW workbook, as downloaded from the World Bank.")
        parser.add_argument(
            "--min-row-share", default=str(MIN_ROW_SHARE),
            help=f"Hold the run when it has fewer usable rows than this share of the last applied run's "
                 f"(default {MIN_ROW_SHARE}).",
        )

    def handle(self, *args, file, min_row_share, **options):
        share = _share(min_row_share)
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No file at {file}")
        try:
            rpw_file_check(path)
        except RpwError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Importing {file} ...")
        run = rpw_import(path=path, progress=self.progress, min_row_share=share)
        self.summarise(run)

    def progress(self, phase, rows):
        self.stdout.write(f"  {phase}: {rows} rows read")

    def summarise(self, run):
        self.stdout.write(
            f"{run.rows} rows: {run.added} quotes added, {run.unchanged} unchanged, {run.rejected} rejected."
        )
        run_state_report(self, run, "Nothing from it is stored until a person confirms it; or they reject it.")
