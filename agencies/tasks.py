"""Refreshes of the licence registries through the task interface (django-tasks: in process by default, a worker at
scale): each crawls one registry with its spider and imports the feed, as manage.py refresh_agencies does."""

from django.core.management import call_command
from django_tasks import task


@task()
def registry_refresh(source, base_url=None, scrapy_settings=()):
    """Crawls the registry `source` (its key is its spider's name) and imports it (manage.py refresh_agencies)."""
    call_command("refresh_agencies", source, base_url=base_url, scrapy_setting=list(scrapy_settings))
