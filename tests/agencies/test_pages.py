"""The licence check, the directory and the agency page, as a worker sees them, with any input."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agencies import pages, selectors
from agencies.demo import AGENCIES
from agencies.demo import _row as demo_row
from agencies.models import Agency, AgencyStatus, RefreshRun, Source
from agencies.services import agency_feed_import
from tests.agencies.factories import write_feed

pytestmark = pytest.mark.django_db


def check(client, query, country="", language="en"):
    response = client.get(f"/{language}/check-an-agency/", {"q": query, "country": country})
    assert response.status_code == 200
    return response.content.decode()


def test_a_licence_number_finds_its_agency_in_plain_words(client, site):
    html = check(client, "poea-901-lb-010125-r")
    assert "Bright Horizon Manpower Services (demo)" in html
    assert "Licensed until 12 March 2027" in html


def test_a_name_finds_its_agency_whatever_the_punctuation(client, site):
    html = check(client, "sampaguita overseas recruitment demo")
    assert "Sampaguita Overseas Recruitment (demo)" in html
    assert "Licence suspended on 3 June 2026" in html


@pytest.mark.parametrize(
    ("query", "sentence"),
    [
        ("Blue Anchor Seafarers Agency (demo)", "Licence cancelled on 3 May 2025"),
        ("Island Star Employment (demo)", "Licence revoked on 17 September 2024"),
        ("Pearl Coast Manpower (demo)", "Licence expired on 10 January 2026"),
        ("Golden Bridge Placement Agency (demo)", "Licence expired on 1 February 2025"),  # "valid" but past its end
    ],
)
def test_every_licence_state_is_said_plainly(client, site, query, sentence):
    assert sentence in check(client, query)


def test_a_misspelt_name_gets_close_suggestions(client, site):
    html = check(client, "Brigt Horizn Manpowr")
    assert "Did you mean one of these?" in html
    assert re.search(r'href="/en/check-an-agency/ph/bright-horizon-manpower-services-demo-[0-9a-f]{12}/"', html)


def test_not_found_says_which_registry_and_as_of_when(client, site):
    html = check(client, "No Such Agency Anywhere", country="PH")
    assert "Not found in the Philippines registry as of 20 November 2026: be careful" in html
    assert 'href="https://dmw.gov.ph/"' in html


def test_the_check_speaks_the_visitors_language(client, site):
    html = check(client, "Bright Horizon Manpower Services", language="id")
    assert "Maret 2027" in html


@pytest.mark.parametrize(
    "query",
    [
        "<script>alert('x')</script>",
        "x" * 10_000,
        "บริษัท จัดหางาน ๑๒๓",
        "မြန်မာ အလုပ်အကိုင် ၁၂၃",
        "'; DROP TABLE agencies_agency; --",
        "%_%_\\",
        "\u202e\u200b\ufeff",
        "１２３４５",
    ],
)
def test_any_text_is_answered_without_an_error(client, site, query):
    html = check(client, query)
    assert "<script>alert" not in html
    assert "be careful" in html or "Did you mean" in html
    assert Agency.objects.count() == 11


def test_a_null_byte_in_the_query_is_refused_politely(client, site):
    response = client.get("/en/check-an-agency/", {"q": "abc\x00def"})
    assert response.status_code == 200
    assert "Null characters are not allowed" in response.content.decode()


def test_the_directory_filters_by_status_and_sorts_by_name(client, site):
    html = client.get("/en/check-an-agency/ph/", {"status": "valid"}).content.decode()
    names = re.findall(r'class="agency-name" href="[^"]+">([^<]+)</a>', html)
    assert names == ["Bright Horizon Manpower Services (demo)", "Golden Bridge Placement Agency (demo)"]
    everyone = client.get("/en/check-an-agency/ph/").content.decode()
    names = re.findall(r'class="agency-name" href="[^"]+">([^<]+)</a>', everyone)
    assert names == sorted(names, key=str.casefold) and len(names) == 6


def test_the_directory_filter_speaks_the_visitors_language(client, site):
    html = client.get("/id/check-an-agency/ph/").content.decode()
    assert ">4 bintang atau lebih</option>" in html and "stars or more" not in html


def test_the_directorys_pages_keep_the_visitors_choices(client, site, monkeypatch):
    monkeypatch.setattr(pages, "DIRECTORY_PAGE_SIZE", 1)
    html = client.get("/en/check-an-agency/ph/", {"status": "valid", "sort": "rating", "min_rating": "x"}).content.decode()
    assert 'href="?status=valid&amp;sort=rating&amp;page=2" rel="next"' in html  # the refused rating is not carried on
    assert "Best rated by workers first" in html


@pytest.mark.parametrize("params", [
    {"page": "999"}, {"page": "-1"}, {"page": "abc"}, {"status": "<b>"}, {"min_rating": "abc"}, {"min_rating": "9"},
    {"min_rating": "4.5"}, {"sort": "-rating; DROP"}, {"sort": "rating", "min_rating": "2", "page": "2"},
])
def test_the_directory_survives_odd_parameters(client, site, params):
    assert client.get("/en/check-an-agency/ph/", params).status_code == 200


def test_a_country_without_a_registry_is_not_found(client, site):
    assert client.get("/en/check-an-agency/zz/").status_code == 404


def test_an_agency_page_shows_its_licence_card_and_history(client, site):
    agency = Agency.objects.get(licence_number="POEA-901-LB-010125-R")
    html = client.get(f"/en/check-an-agency/ph/{agency.slug}/").content.decode()
    assert "<h1>Bright Horizon Manpower Services (demo)</h1>" in html
    assert "POEA-901-LB-010125-R" in html and "as of 20 November 2026" in html
    history = html[html.index('id="history-heading"') :]
    assert history.index("status changed from “Suspended” to “Valid”") < history.index("first listed")


def test_an_unknown_agency_is_not_found(client, site):
    assert client.get("/en/check-an-agency/ph/no-such-agency/").status_code == 404


def test_markup_in_an_agency_name_is_shown_as_text(client, site, tmp_path):
    agency = Agency.objects.get(licence_number="90101")
    agency.name = "<img src=x onerror=alert(1)>"
    agency.save()
    html = check(client, "90101")
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html


def test_a_hong_kong_agency_is_found_by_its_chinese_name(client, site):
    html = check(client, "示例海港僱傭")
    assert "Example Harbour Employment Centre (demo)" in html


def test_close_matches_are_looked_for_in_the_chosen_country_only(site):
    # "Example Himal Overseas" (Nepal) is the closer name; the Hong Kong agency is the one asked for.
    assert selectors.agency_close_matches(query="Example Himal Overseas Rock")[0].country == "NP"
    matches = selectors.agency_close_matches(query="Example Himal Overseas Rock", country="HK")
    assert [agency.name for agency in matches] == ["Example Lion Rock Agency (demo)"]


def demo_feed(tmp_path, *extra, fetched_at):
    """The Philippine demo registry as read again on another day, with extra rows."""
    source = Source.objects.get(key="ph_dmw")
    rows = [{**demo_row(source, *agency), "fetched_at": fetched_at} for agency in AGENCIES["ph_dmw"]]
    rows += [{**demo_row(source, *agency), "fetched_at": fetched_at} for agency in extra]
    return source, write_feed(tmp_path / "again.jsonl", rows)


def test_an_import_shows_at_once_though_the_registry_is_cached(client, site, tmp_path, django_capture_on_commit_callbacks):
    html = check(client, "Zorblaks Qwyntorr", country="PH")  # caches the sources and the lookup-key counts
    assert "as of 20 November 2026" in html and "Zorblax" not in html
    newcomer = ("POEA-999-LB-010126-R", "Zorblax Qwyntor Manpower (demo)", "valid", None, "2028-01-01")
    source, feed = demo_feed(tmp_path, newcomer, fetched_at="2026-12-01T03:00:00+00:00")
    with django_capture_on_commit_callbacks(execute=True):
        assert agency_feed_import(source=source, feed_path=feed).state == RefreshRun.State.APPLIED
    html = check(client, "Zorblaks Qwyntorr", country="PH")
    assert "Zorblax Qwyntor Manpower (demo)" in html


def test_an_import_that_changes_no_agency_still_moves_the_as_of_date(client, site, tmp_path, django_capture_on_commit_callbacks):
    assert "as of 20 November 2026" in check(client, "No Such Agency Anywhere", country="PH")  # now cached
    source, feed = demo_feed(tmp_path, fetched_at="2026-12-01T03:00:00+00:00")
    with django_capture_on_commit_callbacks(execute=True):
        run = agency_feed_import(source=source, feed_path=feed)
    assert (run.state, run.added, run.changed) == (RefreshRun.State.APPLIED, 0, 0)
    assert "as of 1 December 2026" in check(client, "No Such Agency Anywhere", country="PH")


def test_the_directory_reads_the_registries_once_however_many_agencies_left_them(client, site):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/en/check-an-agency/ph/").status_code == 200
        return len(captured)

    ph = Agency.objects.filter(country="PH").order_by("pk")
    Agency.objects.filter(pk__in=list(ph.values_list("pk", flat=True)[:1])).update(status=AgencyStatus.NOT_LISTED)
    queries()  # fills the caches (menu, registries)
    one = queries()
    ph.update(status=AgencyStatus.NOT_LISTED)
    assert queries() == one
