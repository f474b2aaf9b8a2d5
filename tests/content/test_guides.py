"""Rights guides as readers see them: the index with its filters, a guide with its notes (verified, stale, sample,
translated, in English), and the cache that serves it to anonymous readers."""

import datetime
import gzip
import re

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale

from content.models import GuidePage
from content.models.taxonomy import language_name
from tests.content.conftest import guide_publish, page_verify, page_translate, said

pytestmark = pytest.mark.django_db
HOSTILE = "<script>alert('x')</script>"
INDEX = "/en/know-your-rights/"


def main(response):
    html = response.content.decode()
    assert response.status_code == 200, html[:2000]
    return html[html.index("<main"):html.index("</main>")]


def listed(html):
    """The titles of the guides the index lists, in order."""
    return re.findall(r'<li class="guide-card">\s*<h2><a href="[^"]+"[^>]*>([^<]+)</a>', html)


def guide_url(guide, code="en"):
    return f"/{code}/know-your-rights/{guide.slug}/"


@pytest.fixture
def three_guides(guide_index):
    today = timezone.localdate()
    return [
        guide_publish(guide_index, title="Fees in Hong Kong", origin="PH", destination="HK",
                      topics=("recruitment-fees",), verified_on=today - datetime.timedelta(days=30)),
        guide_publish(guide_index, title="Wages in Qatar", origin="NP", destination="QA", topics=("wages", "contracts"),
                      verified_on=today),
        guide_publish(guide_index, title="Contracts in Malaysia", origin="ID", destination="MY",
                      topics=("contracts",), verified_on=today - datetime.timedelta(days=10)),
    ]


# --- The index -------------------------------------------------------------------------------------------------------

def test_the_index_lists_live_guides_newest_verified_first_with_what_each_is_about(client, three_guides, guide_index):
    draft = GuidePage(title="Unfinished draft", slug="unfinished-draft", summary="Not checked yet.", body=[], live=False)
    guide_index.add_child(instance=draft)
    html = main(client.get(INDEX))
    assert listed(html) == ["Wages in Qatar", "Contracts in Malaysia", "Fees in Hong Kong"]
    card = html[html.index("Wages in Qatar"):html.index("Contracts in Malaysia")]
    assert f'href="{guide_url(three_guides[1])}"' in html
    assert three_guides[1].summary in card
    assert "Nepal → Qatar" in card and "Wages" in card and "Contracts" in card
    assert said("en", "Last verified on %(date)s", date=timezone.localdate()) in card
    assert "In English" not in html


def test_the_index_links_its_atom_feed(client, guide_index):
    response = client.get(INDEX)
    assert '<link rel="alternate" type="application/atom+xml" href="/en/know-your-rights/feed/"' in \
        response.content.decode()


@pytest.mark.parametrize("params, titles", [
    ({"origin": "NP"}, ["Wages in Qatar"]),
    ({"destination": "MY"}, ["Contracts in Malaysia"]),
    ({"topic": "contracts"}, ["Wages in Qatar", "Contracts in Malaysia"]),
    ({"topic": "contracts", "destination": "QA"}, ["Wages in Qatar"]),
    ({"origin": "PH", "topic": "wages"}, []),
])
def test_the_index_filters_by_country_of_origin_destination_and_topic(client, three_guides, params, titles):
    html = main(client.get(INDEX, params))
    assert listed(html) == titles
    if not titles:
        assert "No guide matches these choices yet." in html


def test_the_filter_offers_the_countries_of_the_listed_guides_by_name(client, three_guides):
    html = main(client.get(INDEX))
    origin = html[html.index('name="origin"'):html.index("</select>")]
    assert re.findall(r'<option value="(\w*)"', origin) == ["", "ID", "NP", "PH"]  # Indonesia, Nepal, Philippines
    assert ">Nepal</option>" in origin


@pytest.mark.parametrize("hostile", [HOSTILE, "ZZ", "qa", "A" * 5000, "\x00", "", "../../etc/passwd"])
def test_an_odd_value_in_a_filter_is_ignored_and_the_other_choices_kept(client, three_guides, hostile):
    html = main(client.get(INDEX, {"origin": hostile, "destination": hostile, "topic": "contracts", "page": hostile}))
    assert listed(html) == ["Wages in Qatar", "Contracts in Malaysia"]
    assert "<script>alert" not in html


def test_the_index_pages_keep_the_visitors_choices_and_survive_any_page_number(client, guide_index, monkeypatch):
    monkeypatch.setattr("content.models.guides.GUIDES_PAGE_SIZE", 2)
    for number in range(5):
        guide_publish(guide_index, title=f"Contracts guide {number}", topics=("contracts",),
                      verified_on=timezone.localdate() - datetime.timedelta(days=number))
    guide_publish(guide_index, title="Wages guide", topics=("wages",))
    first = main(client.get(INDEX, {"topic": "contracts"}))
    assert listed(first) == ["Contracts guide 0", "Contracts guide 1"]
    assert 'href="?topic=contracts&amp;page=2" rel="next"' in first and "Page 1 of 3" in first
    assert listed(main(client.get(INDEX, {"topic": "contracts", "page": "3"}))) == ["Contracts guide 4"]
    for beyond in ("4", "999999", "-1"):
        assert listed(main(client.get(INDEX, {"topic": "contracts", "page": beyond}))) == ["Contracts guide 4"]
    for not_a_number in ("first", "2.5", "9" * 5000):  # Python reads no integer of over 4,300 digits
        assert listed(main(client.get(INDEX, {"topic": "contracts", "page": not_a_number}))) == listed(first)


def test_markup_in_a_title_or_summary_is_shown_as_text(client, guide_index):
    guide = guide_publish(guide_index, title=f"Fees {HOSTILE}", summary=f"Summary {HOSTILE}", slug="fees")
    for html in (main(client.get(INDEX)), main(client.get(guide_url(guide)))):
        assert "<script>" not in html
        assert "Fees &lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
        assert "Summary &lt;script&gt;" in html


# --- A guide ---------------------------------------------------------------------------------------------------------

def test_a_guide_shows_its_summary_blocks_numbered_sources_and_who_verified_it(client, guide_index):
    guide = guide_publish(guide_index, title="Fees in Hong Kong")
    html = main(client.get(guide_url(guide)))
    assert "<h1>Fees in Hong Kong</h1>" in html
    assert f'<p class="lead">{guide.summary}</p>' in html
    assert "<h2>Before you sign</h2>" in html  # rich text keeps its markup
    assert '<aside class="key-facts"' in html and "<li>Keep every receipt.</li>" in html
    assert '<ol class="steps"><li>Ask for a receipt.</li>' in html
    assert '<aside class="warning"><h3>Never hand over your passport</h3><p>Your employer may not keep it.</p>' in html
    assert '<a href="#source-1">Source 1</a>' in html
    assert re.search(r'<li id="source-1"><a href="https://www\.labour\.gov\.hk/[^"]+" rel="noopener noreferrer">'
                     r"Employment Ordinance, Part XII</a>, Labour Department", html)
    assert said("en", "Last verified on %(date)s by %(name)s", date=timezone.localdate(), name="Maria Santos") in html
    assert "For workers from Philippines in Hong Kong" in html and "Recruitment fees" in html
    assert 'href="/en/moderation/report-error/' in html  # "Is something wrong here?"
    for notice in ("Sample:", "Last checked on", "Translated from", "not yet in your language"):
        assert notice not in html


def test_a_sample_guide_says_it_is_not_advice(client, guide_index):
    guide = guide_publish(guide_index, title="Sample guide", is_sample=True)
    assert said("en", "Sample: this guide was written to demonstrate Lantern. It is not advice.") in main(
        client.get(guide_url(guide)))


def test_a_guide_past_its_review_date_says_it_may_be_out_of_date(client, guide_index):
    checked = timezone.localdate() - datetime.timedelta(days=200)
    guide = guide_publish(guide_index, title="Old guide", verified_on=checked)
    assert said("en", "Last checked on %(date)s; some details may have changed.", date=checked) in main(
        client.get(guide_url(guide)))


def test_the_stale_notice_appears_when_the_day_comes_though_the_page_is_cached(client, guide_index, monkeypatch):
    guide = guide_publish(guide_index, title="Fresh guide")
    notice = said("en", "Last checked on %(date)s; some details may have changed.", date=guide.last_verified_on)
    assert notice not in main(client.get(guide_url(guide)))
    assert client.get(guide_url(guide)).templates == []  # cached
    later = timezone.now() + datetime.timedelta(days=guide.review_interval_days + 1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert notice in main(client.get(guide_url(guide)))


# --- Languages -------------------------------------------------------------------------------------------------------

@pytest.fixture
def english_only(guide_index):
    """A guide in English only, and the guide index in Khmer."""
    page_translate(guide_index, "km")
    return guide_publish(guide_index, title="Fees in Hong Kong", summary="What the agency may charge.")


def test_a_guide_not_yet_in_khmer_is_listed_in_english_under_khmer(client, english_only):
    html = main(client.get("/km/know-your-rights/"))
    assert listed(html) == ["Fees in Hong Kong"]
    assert (f'<a href="/km/know-your-rights/{english_only.slug}/" lang="en" hreflang="en">Fees in Hong Kong</a> '
            f'<span class="badge badge-warn">{said("km", "In English")}</span>') in html
    assert '<p lang="en">What the agency may charge.</p>' in html


def test_a_guide_not_yet_in_khmer_is_read_in_english_with_a_notice_in_khmer(client, english_only):
    response = client.get(guide_url(english_only, "km"))
    html = response.content.decode()
    assert '<html lang="km"' in html
    page = main(response)
    assert said("km", "This guide is not yet in your language; here it is in English.") in page
    assert '<article class="prose guide" lang="en">' in page and "<h1>Fees in Hong Kong</h1>" in page
    assert said("km", "Last verified on %(date)s by %(name)s", date=timezone.localdate(), name="Maria Santos") in page
    assert 'href="/km/moderation/report-error/' in page


def test_the_language_switcher_on_a_guide_leads_to_the_guide_in_each_language(client, english_only):
    """Khmer has a guide index, so the switcher leads to the guide read there in English; Thai has none, so its home."""
    slug = english_only.slug
    for address in (f"/en/know-your-rights/{slug}/", f"/km/know-your-rights/{slug}/"):
        html = client.get(address).content.decode()
        assert f'<a href="/km/know-your-rights/{slug}/" hreflang="km"' in html
        assert f'<a href="/en/know-your-rights/{slug}/" hreflang="en"' in html
        assert '<a href="/th/" hreflang="th"' in html


def test_the_language_switcher_leads_to_a_live_translation_once_there_is_one(client, english_only):
    translation = page_verify(page_translate(english_only, "km"), title="ថ្លៃសេវា", by="Sok Dara")
    html = client.get(guide_url(english_only)).content.decode()
    assert f'<a href="{guide_url(translation, "km")}" hreflang="km"' in html


def test_a_khmer_translation_is_read_instead_and_says_when_it_was_translated(client, english_only):
    translation = page_translate(english_only, "km")
    translation = page_verify(translation, title="ថ្លៃសេវានៅហុងកុង", by="Sok Dara")
    html = main(client.get("/km/know-your-rights/"))
    assert listed(html) == ["ថ្លៃសេវានៅហុងកុង"] and said("km", "In English") not in html
    page = main(client.get(guide_url(translation, "km")))
    assert "<h1>ថ្លៃសេវានៅហុងកុង</h1>" in page and 'lang="en"' not in page
    assert said("km", "This guide is not yet in your language; here it is in English.") not in page
    assert said("km", "Translated from %(language)s on %(date)s", language=language_name("en", "km"),
                date=timezone.localdate()) in page
    assert said("km", "Last verified on %(date)s by %(name)s", date=timezone.localdate(), name="Sok Dara") in page


def test_a_translation_not_yet_fact_checked_leaves_the_english_guide_in_place(client, english_only):
    english_only.copy_for_translation(Locale.objects.get(language_code="km"))  # a draft, until it is fact-checked
    response = client.get(guide_url(english_only, "km"))
    assert said("km", "This guide is not yet in your language; here it is in English.") in main(response)
    assert listed(main(client.get("/km/know-your-rights/"))) == ["Fees in Hong Kong"]


def test_only_guides_of_the_english_index_are_read_under_another_language(client, english_only):
    assert client.get("/km/know-your-rights/no-such-guide/").status_code == 404
    assert client.get(f"/km/know-your-rights/{english_only.slug}/more/").status_code == 404
    assert client.get("/en/know-your-rights/no-such-guide/").status_code == 404


# --- The cache -------------------------------------------------------------------------------------------------------

def queries_and_templates(client, url, **extra):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **extra)
    assert response.status_code == 200
    return len(queries), [template.name for template in response.templates]


def test_an_anonymous_reader_is_served_from_the_cache_until_the_guide_is_published_again(client, guide_index):
    guide = guide_publish(guide_index, title="Cached guide", summary="First summary.")
    url = guide_url(guide)
    first_queries, first_templates = queries_and_templates(client, url)
    assert "content/guide_page.html" in first_templates
    queries, templates = queries_and_templates(client, url)
    assert templates == [] and queries < first_queries
    assert "First summary." in main(client.get(url))

    page_verify(guide, summary="Second summary.")
    html = main(client.get(url))
    assert "Second summary." in html and "First summary." not in html


def test_the_cached_page_holds_no_csrf_token_and_sets_no_cookie(client, guide_index):
    guide = guide_publish(guide_index, title="Cached guide")
    client.get(guide_url(guide))
    response = client.get(guide_url(guide))
    assert response.templates == []
    assert "csrfmiddlewaretoken" not in response.content.decode() and not response.cookies


def test_the_english_guide_under_khmer_is_cached_apart_from_the_english_page(client, english_only):
    english, khmer = guide_url(english_only), guide_url(english_only, "km")
    client.get(english)
    first = client.get(khmer)
    assert first.templates and "lang=\"en\"" in first.content.decode()
    again = client.get(khmer)
    assert again.templates == [] and again.content == first.content
    assert "not yet in your language" not in main(client.get(english))


def test_signed_in_editors_and_addresses_with_a_query_are_never_served_from_the_cache(client, guide_index):
    guide = guide_publish(guide_index, title="Previewed guide")
    editor = User.objects.create_user("editor", password="a-long-test-password-42")
    client.force_login(editor)
    for _time in range(2):
        assert "content/guide_page.html" in queries_and_templates(client, guide_url(guide))[1]
    client.logout()
    assert queries_and_templates(client, guide_url(guide))[1]  # the editor's visits were not kept
    for _time in range(2):
        assert queries_and_templates(client, guide_url(guide) + "?utm_source=partner")[1]


def test_pages_are_compressed_for_readers_whose_browser_accepts_it(client, guide_index):
    guide = guide_publish(guide_index, title="Compressed guide")
    response = client.get(guide_url(guide), HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    assert "<h1>Compressed guide</h1>" in gzip.decompress(response.content).decode()
