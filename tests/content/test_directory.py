"""The support directory ("Get help"): organisations filtered by country, topic, language and type with a plain GET form
that works without JavaScript; each shown as a contact card, which guides embed too; and the organisations' admin,
which refuses what is not a phone number, a web address or a code it knows. Hostile values in the address are left
out, never reflected, never a 500."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client

from config.countries import country_name
from content.blocks import GuideBodyBlock
from content.models import SupportOrganisation, Topic
from content.models.directory import DIRECTORY_PAGE_SIZE
from content.models.taxonomy import language_name
from tests.content.conftest import guide_publish, organisation_add, page_translate, said
from tests.conftest import SEARCH_BOX_SCRIPT

pytestmark = pytest.mark.django_db
URL = "/en/get-help/"
ADMIN = "/admin/snippets/content/supportorganisation/"
HOSTILE = [
    "<script>alert('x')</script>",
    "\"><img src=x onerror=alert('x')>",
    "x" * 5000,
    "ZZ",
    "hk",
    "%00",
    "' OR 1=1 --",
    ",HK,",
]


@pytest.fixture
def three(support_directory):
    """A Hong Kong NGO, a Qatar union and a Thai legal aid service, with different languages and topics."""
    return {
        "hk": organisation_add("Harbour Helpline", countries=["HK", "PH"], languages=["en", "fil"],
                               topics=["wages", "domestic-work"], kind="ngo"),
        "qa": organisation_add("Desert Builders' Union", countries=["QA", "NP"], languages=["ne", "en"],
                               topics=["recruitment-fees"], kind="union"),
        "th": organisation_add("Gulf Coast Legal Aid", countries=["TH", "MM"], languages=["my", "th"],
                               topics=["wages", "complaints"], kind="legal_aid"),
    }


def names(response):
    """The organisations the page lists, in order."""
    assert response.status_code == 200
    return re.findall(r'<article class="org-card licence-card"[^>]*>\s*<h3>(.*?)</h3>', response.content.decode())


@pytest.mark.parametrize(("query", "expected"), [
    ("", ["Desert Builders&#x27; Union", "Gulf Coast Legal Aid", "Harbour Helpline"]),
    ("?country=HK", ["Harbour Helpline"]),
    ("?country=PH", ["Harbour Helpline"]),  # a country of origin the organisation serves
    ("?topic=wages", ["Gulf Coast Legal Aid", "Harbour Helpline"]),
    ("?language=ne", ["Desert Builders&#x27; Union"]),
    ("?language=en", ["Desert Builders&#x27; Union", "Harbour Helpline"]),
    ("?kind=legal_aid", ["Gulf Coast Legal Aid"]),
    ("?topic=wages&language=my", ["Gulf Coast Legal Aid"]),
    ("?country=TH&topic=wages&language=th&kind=legal_aid", ["Gulf Coast Legal Aid"]),
    ("?country=HK&language=my", []),
    ("?country=&topic=&language=&kind=", ["Desert Builders&#x27; Union", "Gulf Coast Legal Aid", "Harbour Helpline"]),
])
def test_the_directory_filters_by_country_topic_language_and_type(client, three, query, expected):
    assert names(client.get(URL + query)) == expected


def test_the_page_counts_what_matches_and_says_when_nothing_does(client, three):
    assert "<h2>3 organisations</h2>" in client.get(URL).content.decode()
    assert "<h2>1 organisation</h2>" in client.get(URL + "?country=QA").content.decode()
    html = client.get(URL + "?country=HK&language=my").content.decode()
    assert "<h2>0 organisations</h2>" in html and said("en", "No organisation matches all these choices. Try fewer choices.") in html


def test_real_organisations_come_before_samples(client, support_directory):
    organisation_add("Aaa Sample Desk (invented)", is_sample=True)
    organisation_add("Zeta Workers' Centre")
    assert names(client.get(URL)) == ["Zeta Workers&#x27; Centre", "Aaa Sample Desk (invented)"]


def test_the_filters_are_a_plain_get_form_with_a_button_and_no_script(client, three):
    html = client.get(URL + "?country=QA&kind=union").content.decode()
    start = html.index('<form class="filter-form"')
    form = html[start:html.index("</form>", start)]
    assert 'method="get"' in form and f'action="{URL}"' in form and '<button class="button" type="submit">' in form
    assert all(f'name="{name}"' in form for name in ("country", "topic", "language", "kind"))
    assert '<option value="QA" selected>' in form and '<option value="union" selected>' in form
    assert re.findall(r"<script[^>]*>", html) == [SEARCH_BOX_SCRIPT]  # only the search box's name suggestions
    assert f'<a href="{URL}">' in form  # clear the choices


def test_the_choices_offer_the_countries_and_languages_of_the_listed_organisations(client, three):
    form = client.get(URL).content.decode()
    countries = re.findall(r'<option value="([A-Z]{2})"', form)
    assert sorted(countries) == ["HK", "MM", "NP", "PH", "QA", "TH"]
    assert countries == sorted(countries, key=lambda code: country_name(code, "en"))  # by name: Hong Kong, Myanmar...
    assert '<option value="fil">Filipino</option>' in form


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize("field", ["country", "topic", "language", "kind"])
def test_a_hostile_value_is_left_out_and_the_other_choices_kept(client, three, field, value):
    other = {"country": ("kind", "ngo"), "topic": ("country", "TH"), "language": ("topic", "recruitment-fees"),
             "kind": ("language", "fil")}[field]
    response = client.get(URL, {field: value, other[0]: other[1]})
    expected = {"kind": "Harbour Helpline", "country": "Gulf Coast Legal Aid", "topic": "Desert Builders&#x27; Union",
                "language": "Harbour Helpline"}[other[0]]
    assert names(response) == [expected]
    html = response.content.decode()
    assert "alert(" not in html and "onerror" not in html and "x" * 100 not in html  # not shown back, even escaped
    assert "page=" not in html  # one page: no pagination links


@pytest.fixture
def many(support_directory):
    """More organisations than a page shows: every one speaks English, every other one also Nepali."""
    for number in range(DIRECTORY_PAGE_SIZE + 5):
        organisation_add(f"Organisation {number:02}", languages=["en", "ne"] if number % 2 else ["en"])


@pytest.mark.parametrize(("page", "first"), [
    ("1", "Organisation 00"), ("2", "Organisation 20"), ("99999", "Organisation 20"), ("-1", "Organisation 20"),
    ("0", "Organisation 20"), ("abc", "Organisation 00"), ("", "Organisation 00"), ("1e9", "Organisation 00"),
    ("<script>alert('x')</script>", "Organisation 00"), ("9" * 400, "Organisation 20"),
])
def test_any_page_number_shows_a_page(client, many, page, first):
    response = client.get(URL, {"page": page})
    assert names(response)[0] == first
    assert "alert(" not in response.content.decode()


def test_the_pages_keep_the_choices_and_only_the_valid_ones(client, many):
    html = client.get(URL, {"language": "en", "country": "<b>XX</b>", "topic": ""}).content.decode()
    assert "<h2>25 organisations</h2>" in html and "Page 1 of 2" in html
    assert '<a href="?language=en&amp;page=2" rel="next">' in html
    html = client.get(URL, {"language": "en", "page": "2"}).content.decode()
    assert '<a href="?language=en&amp;page=1" rel="prev">' in html
    html = client.get(URL, {"language": "ne"}).content.decode()
    assert "<h2>12 organisations</h2>" in html and 'rel="next"' not in html


@pytest.fixture
def helpline(db):
    return organisation_add(
        "Harbour Helpline", kind="hotline", description="Answers questions about wages.\nIn four languages.",
        countries=["HK", "PH"], languages=["fil", "yue"], topics=["wages", "domestic-work"], phone="+85225550101",
        messaging="WhatsApp: +852 2555 0101", email="help@harbour.example.org", website="https://harbour.example.org/",
        address="1 Sample Street\nCentral", opening_hours="Sundays 10:00-18:00", verified_on=datetime.date(2026, 3, 12),
    )


def test_a_card_shows_how_to_reach_the_organisation(client, support_directory, helpline):
    html = client.get(URL).content.decode()
    card = html[html.index('<article class="org-card licence-card"'):html.index("</article>")]
    assert "<h3>Harbour Helpline</h3>" in card and "Government hotline" in card
    assert "Answers questions about wages.\nIn four languages." in card
    assert "<dd>Hong Kong, Philippines</dd>" in card and "<dd>Filipino, Cantonese</dd>" in card
    assert "<dd>Wages, Domestic work</dd>" in card
    assert '<a href="tel:+85225550101">+852 2555 0101</a>' in card  # stored in international form
    assert "WhatsApp: +852 2555 0101" in card
    assert '<a href="mailto:help@harbour.example.org">' in card
    assert '<a href="https://harbour.example.org/" rel="noopener noreferrer">' in card
    assert "1 Sample Street<br>Central" in card and "Sundays 10:00-18:00" in card
    assert "Contacts verified on 12 March 2026" in card
    assert "Sample organisation (invented)" not in card


def test_a_sample_organisation_says_it_is_invented(client, support_directory):
    organisation_add("Sample Desk (HK)", is_sample=True)
    assert "Sample organisation (invented)" in client.get(URL).content.decode()


def test_a_card_names_countries_and_languages_in_the_visitors_language(client, support_directory, helpline):
    page_translate(support_directory, "km")
    html = client.get("/km/get-help/").content.decode()
    card = html[html.index('<article class="org-card licence-card"'):html.index("</article>")]
    assert country_name("HK", "km") in card and country_name("HK", "km") != "Hong Kong"
    assert language_name("fil", "km") in card and "Filipino" not in card
    assert said("km", "Wages") in card


def test_a_card_without_contacts_shows_no_empty_lines(client, support_directory):
    organisation_add("Quiet Centre")
    card = client.get(URL).content.decode()
    assert "tel:" not in card and "mailto:" not in card and "<dt>Address</dt>" not in card


def test_markup_in_an_organisation_is_shown_as_text(client, support_directory):
    organisation_add("<b>Bold</b> & <script>alert('x')</script>", description="<img src=x onerror=alert('x')>")
    html = client.get(URL).content.decode()
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; &lt;script&gt;" in html and "&lt;img src=x" in html
    assert "<script>" not in html and "<img" not in html


def test_a_guide_embeds_an_organisations_contact_card(client, guide_index, helpline):
    guide = guide_publish(guide_index, title="Wages in Hong Kong", body=[
        ("text", "<p>If your employer does not pay you, ask for help.</p>"), ("contact", helpline),
    ])
    html = client.get(guide.url).content.decode()
    assert '<article class="org-card licence-card"' in html and "<h3>Harbour Helpline</h3>" in html
    assert '<a href="tel:+85225550101">' in html


def test_a_contact_block_whose_organisation_was_deleted_shows_nothing():
    assert GuideBodyBlock().child_blocks["contact"].render(None).strip() == ""


# --- The admin -----------------------------------------------------------------------------------------------------

@pytest.fixture
def editor(db):
    user = User.objects.create_user("editor", password="a-long-test-password-42")
    user.groups.add(Group.objects.get(name="Editors"))
    client = Client()
    client.force_login(user)
    return client


def form_data(**changes):
    data = {
        "name": "Harbour Helpline", "kind": "ngo", "description": "Answers questions about wages.",
        "countries": ["HK", "PH"], "languages": ["en", "fil"],
        "topics": [str(pk) for pk in Topic.objects.filter(slug="wages").values_list("pk", flat=True)],
        "phone": "+852 2555 0101", "messaging": "", "email": "help@harbour.example.org",
        "website": "https://harbour.example.org/", "address": "", "opening_hours": "", "verified_on": "2026-03-12",
    }
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


def test_an_editor_adds_an_organisation(editor):
    response = editor.post(f"{ADMIN}add/", form_data(phone="+85225550101"))
    assert response.status_code == 302
    organisation = SupportOrganisation.objects.get()
    assert (organisation.countries, organisation.languages) == (["HK", "PH"], ["en", "fil"])
    assert organisation.phone == "+852 2555 0101" and [str(topic) for topic in organisation.topics.all()] == ["Wages"]


@pytest.mark.parametrize("phone", ["", "1823"])  # none; a short hotline number of Hong Kong, a country it serves
def test_the_phone_may_be_blank_or_a_hotline_number(editor, phone):
    assert editor.post(f"{ADMIN}add/", form_data(phone=phone)).status_code == 302
    assert SupportOrganisation.objects.get().phone == phone


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"phone": "call us"}, "phone", "This is not a phone number we can call."),
    ({"phone": "+852 1234"}, "phone", "This is not a phone number we can call."),
    ({"phone": "+999 2555 0101"}, "phone", "This is not a phone number we can call."),
    ({"phone": "1823", "countries": ["QA"]}, "phone", "This is not a phone number we can call."),
    ({"phone": "<script>alert('x')</script>"}, "phone", "This is not a phone number we can call."),
    ({"phone": "１８２３"}, "phone", "This is not a phone number we can call."),
    ({"website": "javascript:alert('x')"}, "website", "Enter a valid URL."),
    ({"website": "https://exa mple.org/<script>"}, "website", "Enter a valid URL."),
    ({"email": "javascript:alert('x')"}, "email", "Enter a valid email address."),
    ({"name": "x" * 201}, "name", "Ensure this value has at most 200 characters (it has 201)."),
    ({"description": "x" * 601}, "description", "Ensure this value has at most 600 characters (it has 601)."),
    ({"address": "x" * 5000}, "address", "Ensure this value has at most 400 characters (it has 5000)."),
    ({"phone": "9" * 41}, "phone", "Ensure this value has at most 40 characters (it has 41)."),
    ({"name": ""}, "name", "This field is required."),
    ({"countries": None}, "countries", "This field is required."),
    ({"languages": None}, "languages", "This field is required."),
    ({"countries": ["XX"]}, "countries", "Select a valid choice. XX is not one of the available choices."),
    ({"languages": ["<b>"]}, "languages", "Select a valid choice. &lt;b&gt; is not one of the available choices."),
    ({"kind": "spy"}, "kind", "Select a valid choice. spy is not one of the available choices."),
    ({"verified_on": "yesterday"}, "verified_on", "Enter a valid date."),
])
def test_the_admin_refuses_what_is_not_right_and_stores_nothing(editor, changes, field, message):
    response = editor.post(f"{ADMIN}add/", form_data(**changes))
    assert response.status_code == 200
    html = response.content.decode()
    errors = response.context["form"].errors
    assert field in errors, errors
    assert said("en", message).replace("'", "&#x27;") in html
    assert "<script>alert" not in html
    assert not SupportOrganisation.objects.exists()


def test_markup_in_the_name_is_stored_as_text_and_escaped_in_the_admin(editor):
    name = "<b>Harbour</b> <script>alert('x')</script>"
    assert editor.post(f"{ADMIN}add/", form_data(name=name)).status_code == 302
    assert SupportOrganisation.objects.get().name == name
    listing = editor.get(ADMIN).content.decode()
    assert "&lt;b&gt;Harbour&lt;/b&gt;" in listing and "<script>alert" not in listing


def test_the_admin_lists_filters_and_searches_organisations(editor):
    organisation_add("Harbour Helpline", kind="hotline", is_sample=True)
    organisation_add("Desert Builders' Union", kind="union")
    listing = editor.get(ADMIN).content.decode()
    assert "Harbour Helpline" in listing and "Desert Builders" in listing
    assert re.search(r"<td[^>]*>\s*Government hotline\s*</td>", listing)  # the type column
    assert "Desert Builders" not in editor.get(ADMIN, {"kind": "hotline"}).content.decode()
    assert "Harbour Helpline" not in editor.get(ADMIN, {"is_sample": "false"}).content.decode()
    assert "Desert Builders" not in editor.get(ADMIN, {"q": "harbour"}).content.decode()
    assert "Support directory" in editor.get("/admin/").content.decode()  # the menu item


def test_a_cached_guide_shows_an_organisations_new_contacts_once_they_are_saved(
        client, guide_index, helpline, django_capture_on_commit_callbacks):
    guide = guide_publish(guide_index, title="Wages in Hong Kong", body=[("contact", helpline)])
    assert '<a href="tel:+85225550101">' in client.get(guide.url).content.decode()
    assert client.get(guide.url).templates == []  # served from the cache
    helpline.phone = "+852 2555 0199"
    with django_capture_on_commit_callbacks(execute=True):
        helpline.save()
    html = client.get(guide.url).content.decode()
    assert '<a href="tel:+85225550199">' in html and "tel:+85225550101" not in html
