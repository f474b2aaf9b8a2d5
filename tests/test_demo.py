"""load_demo fills a living site, and a second run changes nothing."""

import hashlib
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django.utils.html import escape
from wagtail.models import Page, Site

from agencies.models import Agency, AgencyIndexPage, RefreshRun
from content.models import GuideIndexPage, GuidePage, HomePage, StandardPage, SupportDirectoryPage, SupportOrganisation
from remittance.models import CompareTransfersPage, Corridor, Quote
from tests.content.conftest import said
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
    assert GuideIndexPage.objects.live().count() == len(LANGUAGE_CODES)
    assert SupportDirectoryPage.objects.live().count() == len(LANGUAGE_CODES)
    assert Corridor.objects.count() == 8 and Quote.objects.filter(offered_rate__isnull=True).exists()
    statuses = set(Agency.objects.values_list("status", flat=True))
    assert {"valid", "suspended", "cancelled", "revoked", "expired"} <= statuses
    assert list(RefreshRun.objects.filter(state=RefreshRun.State.HELD).values_list("source__key", flat=True)) == ["ph_dmw"]


def test_load_demo_keeps_what_editors_changed():
    call_command("load_demo")
    page = SupportDirectoryPage.objects.get(slug="get-help", locale__language_code="en")
    page.title = "Get help now"
    page.save_revision().publish()
    call_command("load_demo")
    assert Page.objects.get(pk=page.pk).title == "Get help now"


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_get_help_on_the_home_page_leads_to_the_support_directory(client, demo_site, code):
    home = client.get(f"/{code}/").content.decode()
    get_help = re.findall(r'<li class="way-in"><a href="([^"]+)">', home)[-1]
    assert get_help == f"/{code}/get-help/"
    html = client.get(get_help).content.decode()
    assert '<form class="filter-form" method="get"' in html and 'name="language"' in html
    assert "Sample Helpline for Domestic Workers (HK)" in html
    assert escape(said(code, "Sample organisation (invented)")) in html  # in the reader's language


def test_the_sample_organisations_cover_the_corridors_and_are_marked_as_invented(demo_site):
    organisations = list(SupportOrganisation.objects.prefetch_related("topics"))
    assert len(organisations) >= 8 and all(organisation.is_sample for organisation in organisations)
    assert all(organisation.name.startswith("Sample ") for organisation in organisations)
    served = {code for organisation in organisations for code in organisation.countries}
    assert {"HK", "QA", "MY", "TH", "PH", "NP", "ID", "MM"} <= served
    assert len({code for organisation in organisations for code in organisation.languages}) >= 8
    for organisation in organisations:
        organisation.full_clean()  # what an editor could have typed: the phone numbers are well formed
        assert organisation.email.endswith(".example.org") and ".example.org/" in organisation.website
        assert organisation.topics.exists()
    assert len({organisation.kind for organisation in organisations}) == len(SupportOrganisation.Kind)


def test_the_sample_guides_are_published_verified_in_english_with_sources_and_a_contact(demo_site):
    guides = GuidePage.objects.live().order_by("path")
    assert [(guide.origin_country, guide.destination_country) for guide in guides] == [
        ("PH", "HK"), ("NP", "QA"), ("ID", "MY"), ("MM", "TH")]
    today = timezone.localdate()
    for guide in guides:
        assert guide.locale.language_code == "en" and guide.is_sample and "(sample guide)" in guide.title
        assert (guide.last_verified_on, guide.last_verified_by_name) == (today, "Lantern demo")
        assert guide.review_due_on > today and not guide.is_stale(today)
        assert guide.topics.exists() and guide.sources.exists()
        assert all(source.url.startswith("https://") for source in guide.sources.all())
        kinds = {block.block_type for block in guide.body}
        assert {"text", "key_facts", "steps", "warning", "contact"} <= kinds
        cited = [block.value["source"] for block in guide.body if block.block_type == "citation"]
        assert max(cited) <= guide.sources.count()
        assert all(block.value.is_sample for block in guide.body if block.block_type == "contact")


def test_load_demo_keeps_section_pages_of_another_type(demo_site_without_guides):
    """A site loaded by an earlier demo has standard pages where the guides and the directory now go: they stay."""
    call_command("load_demo")
    assert StandardPage.objects.filter(slug__in=["know-your-rights", "get-help"], locale__language_code="en").count() == 2
    assert not GuidePage.objects.exists() and not GuideIndexPage.objects.exists()


@pytest.fixture
def demo_site_without_guides(db):
    home = Site.objects.get(is_default_site=True).root_page
    for slug in ("know-your-rights", "get-help"):
        home.add_child(instance=StandardPage(title=slug, slug=slug))


def test_ensure_admin_creates_one_administrator_once(capsys, django_user_model):
    call_command("ensure_admin")
    created = capsys.readouterr().out
    assert "with password:" in created
    call_command("ensure_admin")
    again = capsys.readouterr().out
    assert "exists" in again and "password:" not in again
    assert django_user_model.objects.filter(is_superuser=True).count() == 1
