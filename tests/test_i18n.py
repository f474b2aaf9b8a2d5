"""Eight languages: prefixed URLs, a switcher made of plain links, complete and compiled catalogs."""

import re

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.utils import translation

from tests.support import LANGUAGE_CODES, ROOT

pytestmark = pytest.mark.django_db
TRANSLATED = [code for code in LANGUAGE_CODES if code != settings.LANGUAGE_CODE]


def test_the_eight_languages_are_configured_for_django_and_wagtail():
    assert LANGUAGE_CODES == ["en", "fil", "id", "ne", "my", "km", "vi", "th"]
    assert [code for code, _ in settings.WAGTAIL_CONTENT_LANGUAGES] == LANGUAGE_CODES
    assert settings.WAGTAIL_I18N_ENABLED


def test_the_root_redirects_to_the_visitors_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="id,en;q=0.5")
    assert response.status_code == 302
    assert response["Location"] == "/id/"


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_every_language_serves_the_home_page_with_lang_and_dir(client, code):
    response = client.get(f"/{code}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{code}" dir="ltr">' in html


@pytest.mark.parametrize("code", TRANSLATED)
def test_base_template_strings_are_translated(client, code):
    html = client.get(f"/{code}/").content.decode()
    with translation.override(code):
        skip = translation.gettext("Skip to main content")
        footer = translation.gettext("We never show who wrote a review, and never share a reviewer's phone number or e-mail.")
    assert skip != "Skip to main content", f"no {code} translation compiled"
    assert skip in html
    assert footer.replace("'", "&#x27;") in html
    assert "Skip to main content" not in html


def test_the_switcher_links_this_page_in_every_language_each_named_in_itself(client, demo_site):
    html = client.get("/en/know-your-rights/").content.decode()
    links = dict(re.findall(r'<a href="([^"]+)" hreflang="([^"]+)"', html)[i][::-1] for i in range(8))
    assert links == {code: f"/{code}/know-your-rights/" for code in LANGUAGE_CODES}
    for name in ["English", "Filipino", "Bahasa Indonesia", "नेपाली", "မြန်မာ", "ខ្មែរ", "Tiếng Việt", "ไทย"]:
        assert f">{name}</a>" in html
    assert 'hreflang="en" lang="en" aria-current="true"' in html


def test_the_switcher_on_a_missing_page_leads_to_each_languages_home(client):
    html = client.get("/vi/no-such-page/").content.decode()
    assert '<a href="/th/" hreflang="th"' in html


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_catalog_is_complete_and_compiled_by_the_build(code):
    po_path = ROOT / "site" / "locale" / code / "LC_MESSAGES" / "django.po"
    with po_path.open("rb") as po_file:
        catalog = read_po(po_file)
    untranslated = [message.id for message in catalog if message.id and not message.string]
    fuzzy = [message.id for message in catalog if message.id and message.fuzzy]
    assert not untranslated and not fuzzy
    assert not catalog.fuzzy, "a fuzzy header stops the catalog from compiling"
    assert po_path.with_suffix(".mo").exists(), "run `make messages` (make test does it)"
