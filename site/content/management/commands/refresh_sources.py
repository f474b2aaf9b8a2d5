from collections import Counter

from django.core.management.base import BaseCommand, CommandError
from django_tasks import TaskResultStatus

from agencies.selectors import sources_as_of
from agencies.tasks import registry_refresh
from config.crawl import add_crawl_arguments
from remittance.tasks import PRICE_SPIDERS, RATE_SPIDERS, prices_refresh, rates_refresh


class Command(BaseCommand):
    help = ("Enqueues every source's refresh through the task interface: reference rates first (new prices are judged "
            "against them), then prices, then the licence registries. Run it from cron or Celery beat.")

    def add_arguments(self, parser):
        parser.add_argument("--only", choices=("agencies", "rates", "prices"), help="Refresh only these sources.")
        add_crawl_arguments(parser, spider_arguments=False)

    def handle(self, *args, only, base_url, scrapy_setting, **options):
        refreshes = []
        if only in (None, "rates"):
            refreshes += [(rates_refresh, spider) for spider in RATE_SPIDERS]
        if only in (None, "prices"):
            refreshes += [(prices_refresh, spider) for spider in PRICE_SPIDERS]
        if only in (None, "agencies"):
            refreshes += [(registry_refresh, source.key) for source in sources_as_of()]
        states = Counter()
        for refresh, name in refreshes:
            self.stdout.write(f"Enqueuing {refresh.name} {name} ...")
            result = refresh.enqueue(name, base_url=base_url, scrapy_settings=scrapy_setting)
            states[result.status] += 1
            self.stdout.write(f"{refresh.name} {name}: {str(result.status.label).lower()}")
            for error in result.errors:  # a task run in process has failed; its last traceback line says why
                self.stdout.write(self.style.ERROR(f"  {error.traceback.strip().splitlines()[-1]}"))
        summary = f"{len(refreshes)} refreshes enqueued: " + ", ".join(
            f"{count} {str(status.label).lower()}" for status, count in states.items())
        if states[TaskResultStatus.FAILED]:
            raise CommandError(summary)
        self.stdout.write(self.style.SUCCESS(summary))
