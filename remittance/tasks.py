"""Refreshes of the money-transfer data through the task interface (django-tasks: in process by default, a worker
at scale): each crawls one source with its spider and imports the feed, as the refresh_* commands do."""

from django.core.management import call_command
from django_tasks import task

RATE_SPIDERS = ("ecb_rates", "nrb_rates", "cbm_rates")  # their rates are stored under the name without "_rates"
PRICE_SPIDERS = ("wise_compare", "sbi_remit")  # their quotes are stored under the spider's name


@task()
def rates_refresh(spider, base_url=None, scrapy_settings=()):
    """Crawls a publisher of reference rates and imports its rates (manage.py refresh_rates)."""
    call_command("refresh_rates", spider, base_url=base_url, scrapy_setting=list(scrapy_settings))


@task()
def prices_refresh(spider, base_url=None, scrapy_settings=()):
    """Crawls a provider's or a comparison's prices and imports them (manage.py refresh_prices)."""
    call_command("refresh_prices", spider, base_url=base_url, scrapy_setting=list(scrapy_settings))
