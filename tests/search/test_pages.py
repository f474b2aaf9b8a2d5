"""The search page and the search box as a visitor uses them, without JavaScript, with any input; and search keeps
answering when Elasticsearch is down."""

import json
import logging
import re

import pytest

from search.models import Entry
from tests.agencies.conftest import site  # noqa: F401 - the licence check page and the demo registry
from tests.content.conftest import guide_index, guide_publish, organisation_add, page_translate  # noqa: F401

pytestmark = pytest.mark.django_db

DOWN = "http://127.0.0.1:9"  # nothing listens on the discard port: a real refused connection


def page(client, in_language="en", **params):
    response = client.get(f"/{in_language}/search/", params)
    assert response.status_code == 200
    return response.content.decode()


def main(html):
    return html[html.index("<main"):html.index("</main>")]


def test_a_misspelt_agency_name_finds_the_agency_page(client, site):  # noqa: F811
    html = main(page(client, q="Brigt Horizn Manpowr"))
    assert re.search(r'<a href="/en/check-an-agency/ph/bright-horizon-manpower-services-demo-[0-9a-f]{12}/">'
                     r"Bright Horizon Manpower Services \(demo\)</a>", html)
    assert "Agencies <small>(" in html


def test_a_licence_number_typed_any_way_finds_its_agency_first(client, site):  # noqa: F811
    html = main(page(client, q="poea 901 lb 010125 r"))
    first = re.search(r'<ol class="search-hits">\s*<li>\s*<a href="[^"]*">([^<]*)</a>', html).group(1)
    assert first == "Bright Horizon Manpower Services (demo)"


def test_facet_links_narrow_the_results_and_a_chosen_filter_can_be_removed(client, site):  # noqa: F811
    html = main(page(client, q="demo"))
    assert '<a href="?q=demo&amp;country=HK">Hong Kong</a>' in html
    narrowed = main(page(client, q="demo", country="HK"))
    assert "Example Harbour Employment Centre (demo)" in narrowed and "Bright Horizon" not in narrowed
    assert 'href="?q=demo" aria-label="Remove: Hong Kong">Hong Kong ✕</a>' in narrowed
    assert '<input type="hidden" name="country" value="HK">' in narrowed  # a new search keeps the choice


def test_results_of_several_kinds_are_grouped_and_one_kind_is_paged(client, guide_index):  # noqa: F811
    for number in range(25):
        guide_publish(guide_index, title=f"Wages guide {number}", summary="When wages must be paid.")
    grouped = main(page(client, q="wages"))
    assert grouped.count("Wages guide") == 5
    assert '<a href="?q=wages&amp;kind=guide">All Rights guides (25)</a>' in grouped
    first = main(page(client, q="wages", kind="guide"))
    assert first.count("Wages guide") == 20 and "Page 1 of 2" in first and 'rel="next"' in first
    second = main(page(client, q="wages", kind="guide", page="2"))
    assert second.count("Wages guide") == 5 and "Page 2 of 2" in second
    assert "Page 2 of 2" in main(page(client, q="wages", kind="guide", page="999999"))  # out of range: the last


def test_a_published_guide_is_found_at_once_and_an_unpublished_one_no_more(client, guide_index):  # noqa: F811
    guide = guide_publish(guide_index, title="Rest days in Qatar", summary="One full day of rest every week.")
    assert "Rest days in Qatar" in main(page(client, q="rest day"))
    guide.unpublish()
    assert "Rest days in Qatar" not in main(page(client, q="rest day"))


def test_a_reader_of_khmer_finds_an_untranslated_guide_at_its_khmer_address(client, guide_index):  # noqa: F811
    page_translate(guide_index, "km")
    guide = guide_publish(guide_index, title="Passports belong to workers")
    html = main(page(client, in_language="km", q="passports"))
    assert f'<a href="/km/know-your-rights/{guide.slug}/" lang="en">Passports belong to workers</a>' in html


def test_an_organisation_is_found_through_the_directory(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        organisation = organisation_add("Harbour Helpline", countries=["HK"])
    assert Entry.objects.filter(kind="organisation", object_id=organisation.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        organisation.delete()
    assert not Entry.objects.filter(kind="organisation").exists()


def test_the_search_box_is_on_every_page_and_works_without_javascript(client, site):  # noqa: F811
    html = client.get("/en/check-an-agency/").content.decode()
    assert '<form class="site-search" action="/en/search/" method="get" role="search">' in html
    assert 'name="q"' in html and "<script" not in html.split("</head>")[1]  # the box needs no script


@pytest.mark.parametrize("params", [
    {"q": "<script>alert(1)</script>"}, {"q": 'agency* AND "x" OR (y:z) \\'}, {"q": "a" * 20_000}, {"q": ""},
    {"q": "\x00\x1f"}, {"q": "ÿþ\ufffd"}, {"q": "demo", "page": "-3"}, {"q": "demo", "page": "x"},
    {"q": "demo", "page": "1" * 40}, {"q": "demo", "country": "ZZ"}, {"q": "demo", "country": "<b>"},
    {"q": "demo", "min_rating": "9"}, {"q": "demo", "kind": "users"}, {"q": "demo", "status": "' OR 1=1"},
    {"q": "demo", "topic": "../../etc"}, {"q": "demo", "language": "xx"}, {"q": ["a", "b"]},
])
def test_any_input_gets_a_page_and_never_an_error(client, site, params):  # noqa: F811
    html = page(client, **params)
    assert "<script>alert(1)</script>" not in html and "Traceback" not in html and "OperationalError" not in html


def test_an_odd_choice_is_left_out_and_the_search_still_runs(client, site):  # noqa: F811
    html = main(page(client, q="Bright Horizon Manpower", country="ZZ", min_rating="9"))
    assert "Bright Horizon Manpower Services (demo)" in html and "Showing only" not in html


def test_names_are_suggested_as_json(client, site):  # noqa: F811
    response = client.get("/en/search/suggest/", {"q": "brigh"})
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == ["Bright Horizon Manpower Services (demo)"]
    assert json.loads(client.get("/en/search/suggest/", {"q": "\"*)"}).content) == []


def test_search_keeps_answering_when_elasticsearch_is_down(client, site, settings, caplog):  # noqa: F811
    settings.SEARCH_ENGINE, settings.ELASTICSEARCH_URL = "elasticsearch", DOWN
    with caplog.at_level(logging.WARNING, logger="search.services"):
        html = main(page(client, q="Brigt Horizn Manpowr"))
        names = json.loads(client.get("/en/search/suggest/", {"q": "brigh"}).content)
    assert "Bright Horizon Manpower Services (demo)" in html
    assert "Search is running on its backup" in html
    assert names == ["Bright Horizon Manpower Services (demo)"]
    assert any("elasticsearch failed" in record.getMessage() for record in caplog.records)
