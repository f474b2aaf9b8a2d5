"""load_demo fills a living site, and a second run changes nothing."""

import hashlib

import pytest
from django.core.management import call_command
from django.db import connection
from wagtail.models import Page

from agencies.models import Agency, AgencyIndexPage, RefreshRun
from content.models import HomePage, StandardPage
from remittance.models import CompareTransfersPage, Corridor, Quote
from tests.support import LANGUAGE_CODES

pytestmark = pytest.mark.django_db


def snapshot():
    """Every stored row of every table, as a digest per table."""
    digests = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            rows = sorted(repr(row) for row in cursor.fetchall())
            digests[table] = hashlib.sha256("\n".join(rows).encode()).hexdigest()
    return digests


def test_load_demo_twice_leaves_the_same_rows(capsys):
    call_command("load_demo")
    first = snapshot()
    call_command("load_demo")
    assert snapshot() == first
    assert "already loaded, nothing to do" in capsys.readouterr().out


def test_load_demo_fills_every_language_and_the_registry():
    call_command("load_demo")
    assert HomePage.objects.live().count() == len(LANGUAGE_CODES)
    assert AgencyIndexPage.objects.live().count() == len(LANGUAGE_CODES)
    assert CompareTransfersPage.objects.live().count() == len(LANGUAGE_CODES)
    assert StandardPage.objects.live().count() == 2 * len(LANGUAGE_CODES)
    assert Corridor.objects.count() == 8 and Quote.objects.filter(offered_rate__isnull=True).exists()
    statuses = set(Agency.objects.values_list("status", flat=True))
    assert {"valid", "suspended", "cancelled", "revoked", "expired"} <= statuses
    assert list(RefreshRun.objects.filter(state=RefreshRun.State.HELD).values_list("source__key", flat=True)) == ["ph_dmw"]


def test_load_demo_keeps_what_editors_changed():
    call_command("load_demo")
    page = StandardPage.objects.get(slug="get-help", locale__language_code="en")
    page.title = "Get help now"
    page.save_revision().publish()
    call_command("load_demo")
    assert Page.objects.get(pk=page.pk).title == "Get help now"


def test_ensure_admin_creates_one_administrator_once(capsys, django_user_model):
    call_command("ensure_admin")
    created = capsys.readouterr().out
    assert "with password:" in created
    call_command("ensure_admin")
    again = capsys.readouterr().out
    assert "exists" in again and "password:" not in again
    assert django_user_model.objects.filter(is_superuser=True).count() == 1
