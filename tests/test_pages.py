"""The home page, standard pages and the friendly error pages, as a visitor sees them."""

import re

import pytest
from django.test import override_settings
from django.utils import translation

from tests.support import LANGUAGE_CODES

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_the_home_page_offers_the_four_ways_in_in_every_language(client, demo_site, code):
    html = client.get(f"/{code}/").content.decode()
    ways = re.findall(r'<li class="way-in"><a href="([^"]+)">', html)
    assert ways == [
        f"/{code}/check-an-agency/",
        f"/{code}/compare-money-transfers/",
        f"/{code}/know-your-rights/",
        f"/{code}/get-help/",
    ]
    for url in ways:
        page = client.get(url)
        assert page.status_code == 200
        assert f'<html lang="{code}"' in page.content.decode()


def test_the_home_page_speaks_the_visitors_language(client, demo_site):
    html = client.get("/th/").content.decode()
    assert "ตรวจสอบบริษัทจัดหางาน" in html  # "Check an agency"
    assert "Check an agency" not in html


def test_the_menu_lists_the_pages_chosen_for_menus_and_marks_the_current_one(client, demo_site):
    html = client.get("/id/get-help/").content.decode()
    menu = html[html.index('<nav class="main-menu"') : html.index("</nav>")]
    assert re.findall(r">([^<>]+)</a>", menu) == ["Periksa agen", "Bandingkan kirim uang", "Ketahui hak Anda", "Cari bantuan"]
    assert '<a href="/id/get-help/" aria-current="page">' in menu


def test_sample_pages_say_they_are_samples(client, demo_site):
    html = client.get("/en/know-your-rights/").content.decode()
    assert "Sample content for the demonstration site" in html


def assert_friendly_error_page(response, status, code, message):
    assert response.status_code == status
    html = response.content.decode()
    with translation.override(code):
        assert translation.gettext(message) in html
    assert f'<html lang="{code}"' in html
    assert f'<a class="button" href="/{code}/">' in html
    assert "Traceback" not in html


@pytest.mark.parametrize("code", ["en", "ne", "km"])
def test_a_missing_page_gets_a_friendly_404_in_the_visitors_language(client, code):
    response = client.get(f"/{code}/no-such-page/")
    assert_friendly_error_page(response, 404, code, "We could not find that page")


@override_settings(ROOT_URLCONF="tests.urls_failing")
@pytest.mark.parametrize("code", ["en", "my"])
def test_a_server_error_gets_a_friendly_500_in_the_visitors_language(client, code):
    client.raise_request_exception = False
    response = client.get(f"/{code}/fail/")
    assert_friendly_error_page(response, 500, code, "Something went wrong on our side")


def test_pages_have_landmarks_a_skip_link_and_a_labelled_menu(client, demo_site):
    html = client.get("/en/").content.decode()
    assert html.index('<a class="skip-link" href="#main">') < html.index("<header")
    for landmark in ('<header class="site-header">', '<main id="main"', '<footer class="site-footer">', 'aria-label="Main menu"'):
        assert landmark in html
    assert html.count("<h1>") == 1
