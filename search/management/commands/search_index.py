"""manage.py search_index: what the search indexes hold, or --rebuild them from the data without downtime."""

from django.core.management.base import BaseCommand, CommandError

from search import selectors, services
from search.engines import EngineError


class Command(BaseCommand):
    help = ("Says how many records each search index holds; --rebuild indexes every agency, guide, provider and "
            "organisation anew (the old index answers until the new one is complete).")

    def add_arguments(self, parser):
        parser.add_argument("--rebuild", action="store_true", help="Index everything anew.")
        parser.add_argument("--engine", choices=("database", "elasticsearch"),
                            help="Only this engine (default: the database, and Elasticsearch when it is configured).")

    def handle(self, *args, rebuild=False, engine=None, **options):
        if not rebuild:
            for kind, count in selectors.entry_counts().items():
                self.stdout.write(f"{kind}: {count} records in the database index")
            return

        def progress(name, done):
            self.stdout.write(f"  {name}: {done} records indexed", ending="\r" if self.stdout.isatty() else "\n")

        try:
            counts = services.index_rebuild(engine=engine, progress=progress)
        except EngineError as error:
            raise CommandError(f"Elasticsearch could not be rebuilt ({error}); the old index still answers.") from error
        for name, count in counts.items():
            self.stdout.write(self.style.SUCCESS(f"{name}: {count} records indexed."))
