"""The licence check, the directory and the agency page, as a worker sees them, with any input."""

import re

import pytest

from agencies.models import Agency

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


@pytest.mark.parametrize("params", [{"page": "999"}, {"page": "-1"}, {"page": "abc"}, {"status": "<b>"}])
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
