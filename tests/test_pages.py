"""The home page, standard pages and the friendly error pages, as a visitor sees them."""

import re

import pytest
from django.test import Client, override_settings
from django.utils import translation
from wagtail.models import Page, Site

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


@override_settings(DATA_UPLOAD_MAX_NUMBER_FIELDS=2)
def test_a_request_too_large_for_django_gets_a_friendly_400_in_the_visitors_language():
    client = Client(enforce_csrf_checks=True)  # the CSRF check reads the form, and Django refuses it there
    client.cookies["csrftoken"] = "a" * 32
    response = client.post("/km/", {f"field{number}": "x" for number in range(5)})
    assert_friendly_error_page(response, 400, "km", "This could not be sent")


def test_a_form_without_its_token_gets_a_friendly_403_in_the_visitors_language():
    response = Client(enforce_csrf_checks=True).post("/th/", {"q": "x"})
    assert_friendly_error_page(response, 403, "th", "This form has expired")


def test_pages_have_landmarks_a_skip_link_and_a_labelled_menu(client, demo_site):
    html = client.get("/en/").content.decode()
    assert html.index('<a class="skip-link" href="#main">') < html.index("<header")
    for landmark in ('<header class="site-header">', '<main id="main"', '<footer class="site-footer">', 'aria-label="Main menu"'):
        assert landmark in html
    assert html.count("<h1>") == 1


def menu_titles(client, url, **headers):
    """The titles in the page's main menu, in order ([] when the page has no menu)."""
    html = client.get(url, **headers).content.decode()
    if '<nav class="main-menu"' not in html:
        return []
    menu = html[html.index('<nav class="main-menu"') : html.index("</nav>")]
    return re.findall(r">([^<>]+)</a>", menu)


def switcher_link(client, url, code, **headers):
    html = client.get(url, **headers).content.decode()
    return re.search(rf'<a href="([^"]+)" hreflang="{code}"', html)[1]


def test_the_cached_menu_and_switcher_follow_what_editors_publish(client, demo_site, django_capture_on_commit_callbacks):
    assert menu_titles(client, "/en/")[-1] == "Get help"  # now cached
    assert switcher_link(client, "/id/get-help/", "en") == "/en/get-help/"
    page = Page.objects.get(locale__language_code="en", slug="get-help").specific

    page.title, page.slug = "Find help", "find-help"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert menu_titles(client, "/en/")[-1] == "Find help"
    assert switcher_link(client, "/id/get-help/", "en") == "/en/find-help/"

    page.show_in_menus = False
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert "Find help" not in menu_titles(client, "/en/")

    page.show_in_menus = True
    page.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert "Find help" not in menu_titles(client, "/en/")
    assert switcher_link(client, "/id/get-help/", "en") == "/en/"


def test_the_cached_menu_follows_a_change_of_the_sites_home_page(client, demo_site, django_capture_on_commit_callbacks):
    assert menu_titles(client, "/en/")  # now cached
    site = Site.objects.get(is_default_site=True)
    site.root_page = Page.objects.get(locale__language_code="en", slug="get-help")
    with django_capture_on_commit_callbacks(execute=True):
        site.save()
    assert menu_titles(client, "/en/") == []  # the new home page has no pages under it


def test_the_switcher_links_are_kept_per_site(client, demo_site, settings):
    """A page can belong to two sites (one inside the other): its links are relative to the site that serves it."""
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "help.example"]
    Site.objects.create(hostname="help.example", port=80, root_page=Page.objects.get(locale__language_code="en", slug="get-help"))
    assert switcher_link(client, "/en/get-help/", "id") == "/id/get-help/"  # on the main site; now cached
    assert switcher_link(client, "/en/", "id", HTTP_HOST="help.example") == "/id/"  # the same page, as help.example's home
