"""Fact-checked pages beside the guides: a money transfer provider's page, and the guides an agency's page links to."""

import datetime
import re

import pytest
from django.utils import timezone

from agencies.demo import demo_agencies_load
from agencies.models import Agency, AgencyIndexPage
from remittance.models import Provider
from remittance.pages import CompareTransfersPage, ProviderPage, ProviderPageSource
from tests.content.conftest import guide_publish, page_verify, page_translate, said
from tests.support import section_page

pytestmark = pytest.mark.django_db
PROVIDER_URL = "/en/compare-money-transfers/sample-remit/"


def provider_page(*, verified_on, **fields):
    comparison = section_page(CompareTransfersPage(title="Compare money transfers", slug="compare-money-transfers"),
                              translated_into="fil")
    provider = Provider.objects.create(name="Sample Remit", slug="sample-remit", type=Provider.Type.MONEY_TRANSFER_OPERATOR,
                                       licence="Money Service Operator licence 12-345, Customs and Excise")
    page = ProviderPage(title="Sample Remit", slug="sample-remit", provider=provider, intro="An invented provider.",
                        **fields)
    page.sources = [ProviderPageSource(title="Register of money service operators", publisher="Customs and Excise",
                                       url="https://eservices.customs.gov.hk/MSOS/", accessed_on=datetime.date(2026, 2, 1))]
    comparison.add_child(instance=page)
    return page_verify(page, on=verified_on, by="Ana Reyes")


def main(client, url):
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200, html[:2000]
    return html[html.index("<main"):html.index("</main>")]


def test_a_provider_page_shows_what_to_check_its_sources_and_who_verified_it(client, db):
    provider_page(verified_on=timezone.localdate(), what_to_check=[
        ("key_facts", ["Ask for the exchange rate before you pay."]),
        ("warning", {"heading": "Keep the receipt", "text": "<p>You need it to complain.</p>"}),
        ("citation", {"source": 1, "passage": "Every operator must be licensed."}),
    ])
    html = main(client, PROVIDER_URL)
    assert "<h1>Sample Remit</h1>" in html and "Money Service Operator licence 12-345" in html  # as before
    assert said("en", "What to check") in html and "<li>Ask for the exchange rate before you pay.</li>" in html
    assert "<h3>Keep the receipt</h3><p>You need it to complain.</p>" in html
    assert '<a href="#source-1">Source 1</a>' in html
    assert re.search(r'<li id="source-1"><a href="https://eservices\.customs\.gov\.hk/MSOS/"[^>]*>'
                     r"Register of money service operators</a>, Customs and Excise", html)
    assert said("en", "Last verified on %(date)s by %(name)s", date=timezone.localdate(), name="Ana Reyes") in html
    assert 'href="/en/moderation/report-error/' in html
    assert "Last checked on" not in html


def test_a_provider_page_past_its_review_date_says_it_may_be_out_of_date(client, db):
    checked = timezone.localdate() - datetime.timedelta(days=400)
    provider_page(verified_on=checked)
    assert said("en", "Last checked on %(date)s; some details may have changed.", date=checked) in main(
        client, PROVIDER_URL)


# --- Guides linked from an agency's page, by country -----------------------------------------------------------------

@pytest.fixture
def agency(guide_index):
    """A Philippine agency; the licence check and the guide index in English and Khmer."""
    section_page(AgencyIndexPage(title="Check an agency", slug="check-an-agency"), translated_into="km")
    page_translate(guide_index, "km")
    demo_agencies_load()
    return Agency.objects.get(licence_number="POEA-901-LB-010125-R")


def guides_section(client, agency, code):
    html = main(client, f"/{code}/check-an-agency/ph/{agency.slug}/")
    if 'id="guides-heading"' not in html:
        return None
    return html[html.index('id="guides-heading"'):html.index("</section>", html.index('id="guides-heading"'))]


def test_an_agency_page_links_the_guides_for_workers_from_or_going_to_its_country(client, agency, guide_index):
    guide_publish(guide_index, title="Fees in Hong Kong", origin="PH", destination="HK")
    guide_publish(guide_index, title="Coming home to the Philippines", origin="", destination="PH",
                  verified_on=timezone.localdate() - datetime.timedelta(days=3))
    guide_publish(guide_index, title="Wages in Qatar", origin="NP", destination="QA")
    section = guides_section(client, agency, "en")
    assert said("en", "Rights guides for workers from or going to %(country)s", country="Philippines") in section
    assert re.findall(r'<a href="([^"]+)">([^<]+)</a>', section) == [
        ("/en/know-your-rights/fees-in-hong-kong/", "Fees in Hong Kong"),
        ("/en/know-your-rights/coming-home-to-the-philippines/", "Coming home to the Philippines"),
    ]


def test_an_agency_page_in_khmer_links_guides_not_yet_translated_under_khmer_marked_in_english(client, agency,
                                                                                               guide_index):
    fees = guide_publish(guide_index, title="Fees in Hong Kong", origin="PH", destination="HK")
    section = guides_section(client, agency, "km")
    assert (f'<a href="/km/know-your-rights/{fees.slug}/" lang="en" hreflang="en">Fees in Hong Kong</a> '
            f'<span class="badge badge-warn">{said("km", "In English")}</span>') in section
    assert client.get(f"/km/know-your-rights/{fees.slug}/").status_code == 200

    khmer = page_verify(page_translate(fees, "km"), title="ថ្លៃសេវានៅហុងកុង")
    section = guides_section(client, agency, "km")
    assert f'<a href="/km/know-your-rights/{khmer.slug}/">ថ្លៃសេវានៅហុងកុង</a>' in section
    assert "Fees in Hong Kong" not in section


def test_an_agency_page_without_guides_for_its_country_has_no_guides_section(client, agency, guide_index):
    guide_publish(guide_index, title="Wages in Qatar", origin="NP", destination="QA")
    assert guides_section(client, agency, "en") is None
