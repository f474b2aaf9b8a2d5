"""The Atom feed of new and updated guides, one per language, as partners' sites and messaging channels read it."""

import html
import xml.etree.ElementTree as ElementTree

import pytest

from tests.content.conftest import guide_publish, page_verify, page_translate

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def feed(client, code):
    response = client.get(f"/{code}/know-your-rights/feed/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    root = ElementTree.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    return root


def entries(root):
    return [{
        "title": entry.findtext(f"{ATOM}title"), "link": entry.find(f"{ATOM}link").get("href"),
        "id": entry.findtext(f"{ATOM}id"), "updated": entry.findtext(f"{ATOM}updated"),
        "summary": entry.find(f"{ATOM}summary"),
        "topics": [category.get("term") for category in entry.findall(f"{ATOM}category")],
    } for entry in root.findall(f"{ATOM}entry")]


@pytest.fixture
def guides(guide_index):
    """Two guides in English, one of them translated into Khmer and fact-checked."""
    page_translate(guide_index, "km")
    fees = guide_publish(guide_index, title="Fees in Hong Kong", topics=("recruitment-fees", "domestic-work"))
    wages = guide_publish(guide_index, title="Wages in Qatar", origin="NP", destination="QA", topics=("wages",))
    khmer = page_verify(page_translate(fees, "km"), title="ថ្លៃសេវានៅហុងកុង")
    return fees, wages, khmer


@pytest.mark.parametrize("code, titles", [
    ("en", ["Wages in Qatar", "Fees in Hong Kong"]),
    ("km", ["ថ្លៃសេវានៅហុងកុង"]),  # the feed of a language carries its own guides, not the English ones
])
def test_each_language_has_a_valid_atom_feed_of_its_guides(client, guides, code, titles):
    root = feed(client, code)
    assert root.get(XML_LANG) == code
    assert root.findtext(f"{ATOM}title") and root.findtext(f"{ATOM}id") and root.findtext(f"{ATOM}updated")
    assert root.find(f"{ATOM}author").findtext(f"{ATOM}name") == "Lantern"
    assert root.find(f"{ATOM}link[@rel='self']").get("href") == f"http://testserver/{code}/know-your-rights/feed/"
    found = entries(root)
    assert [entry["title"] for entry in found] == titles
    for entry in found:
        assert entry["link"].startswith(f"http://localhost/{code}/know-your-rights/")
        assert entry["id"].startswith("tag:localhost,") and entry["updated"]
        assert entry["summary"].get("type") == "html" and entry["summary"].text
    assert len({entry["id"] for entry in found}) == len(found)


def test_an_entry_names_its_topics_and_when_it_was_last_published(client, guides):
    fees = guides[0]
    entry = next(entry for entry in entries(feed(client, "en")) if entry["title"] == "Fees in Hong Kong")
    assert entry["topics"] == ["recruitment-fees", "domestic-work"]
    assert entry["updated"] == fees.last_published_at.isoformat()


def test_an_updated_guide_comes_first_with_its_new_date_and_the_same_id(client, guides):
    fees = guides[0]
    before = {entry["title"]: entry for entry in entries(feed(client, "en"))}["Fees in Hong Kong"]
    fees = page_verify(fees, summary="What the agency may charge, from this year.")
    after = entries(feed(client, "en"))[0]
    assert after["title"] == "Fees in Hong Kong" and after["id"] == before["id"]
    assert after["updated"] == fees.last_published_at.isoformat() > before["updated"]
    assert after["summary"].text == "What the agency may charge, from this year."


def test_an_unpublished_guide_leaves_the_feed(client, guides):
    guides[1].unpublish()
    assert [entry["title"] for entry in entries(feed(client, "en"))] == ["Fees in Hong Kong"]


def test_markup_in_a_title_or_summary_reaches_partners_as_text(client, guide_index):
    hostile = "<script>alert('x')</script> & <b>bold</b>"
    guide_publish(guide_index, title=f"Fees {hostile}", summary=f"Summary {hostile}")
    response = client.get("/en/know-your-rights/feed/")
    assert b"<script>" not in response.content
    entry = entries(feed(client, "en"))[0]
    assert entry["title"] == f"Fees {hostile}"  # a text construct: shown as written
    # The summary is HTML in Atom: once a reader has unescaped the XML, the markup is still escaped text.
    assert entry["summary"].text == html.escape(f"Summary {hostile}")


def test_a_language_without_guides_has_an_empty_valid_feed(client, guide_index):
    page_translate(guide_index, "th")
    assert entries(feed(client, "th")) == []
