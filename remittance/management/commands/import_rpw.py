from pathlib import Path

from django.core.management.base import CommandError

from remittance.management.commands._importcommand import ImportCommand
from remittance.rpw import RpwError, rpw_file_check
from remittance.services import rpw_import


class Command(ImportCommand):
    help = "Imports the World Bank's Remittance Prices Worldwide workbook (.xlsx, sheet \"Dataset (from Q2 2016)\")."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The RPW workbook, as downloaded from the World Bank.")
        self.add_min_row_share_argument(parser)

    def handle(self, *args, file, min_row_share, **options):
        share = self.min_row_share(min_row_share)
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No file at {file}")
        try:
            rpw_file_check(path)
        except RpwError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Importing {file} ...")
        self.summarise(rpw_import(path=path, progress=self.progress, min_row_share=share))
