"""Security headers on every response, and pages that load nothing inline and nothing from another host."""

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from tests.support import LANGUAGE_CODES

pytestmark = pytest.mark.django_db


def public_urls():
    pages = [f"/{code}/" for code in LANGUAGE_CODES]
    pages += [f"/en/{slug}/" for slug in ("check-an-agency", "compare-money-transfers", "know-your-rights", "get-help")]
    return pages + ["/en/no-such-page/"]


class ResourceCollector(HTMLParser):
    """Collects what a browser would load (src, stylesheet and icon links) and any inline script or style."""

    def __init__(self):
        super().__init__()
        self.resources, self.inline = [], []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "style" in attributes or any(name.startswith("on") for name in attributes):
            self.inline.append(f"<{tag}> with inline style or handler")
        if tag == "style" or (tag == "script" and "src" not in attributes):
            self.inline.append(f"inline <{tag}>")
        for name in ("src", "srcset", "poster", "data"):
            if attributes.get(name):
                self.resources.append(attributes[name])
        if tag == "link" and attributes.get("href"):
            self.resources.append(attributes["href"])
        if tag == "form" and attributes.get("action"):
            self.resources.append(attributes["action"])


def test_public_pages_send_the_security_headers(client, demo_site):
    for url in public_urls():
        response = client.get(url)
        policy = response["Content-Security-Policy"]
        assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["X-Frame-Options"] == "DENY"
        assert "geolocation=()" in response["Permissions-Policy"]


def test_the_admin_allows_only_what_wagtail_needs(client):
    policy = client.get("/admin/login/")["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "http" not in policy
    assert "frame-ancestors 'self'" in policy


def test_pages_load_nothing_inline_and_nothing_from_another_host(client, demo_site):
    for url in public_urls():
        collector = ResourceCollector()
        collector.feed(client.get(url).content.decode())
        assert collector.inline == [], url
        assert collector.resources, url
        for resource in collector.resources:
            assert not urlsplit(resource).netloc and not resource.startswith("//"), f"{url} loads {resource}"


def test_the_stylesheet_is_one_small_file_with_fonts_named_for_every_script(client):
    from django.contrib.staticfiles import finders

    stylesheet = finders.find("css/lantern.css")
    css = open(stylesheet, encoding="utf-8").read()
    assert len(css.encode()) <= 10 * 1024
    assert not re.search(r"@import|@font-face|url\(", css), "no web fonts, no other files"
    for font in ("Noto Sans Myanmar", "Noto Sans Khmer", "Noto Sans Thai", "system-ui"):
        assert font in css
    for code in ("my", "km", "th"):
        assert f":lang({code})" in css
