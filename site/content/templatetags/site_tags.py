"""Template tags for every page: the language switcher, the main menu, dates and country names."""

from babel.dates import format_date
from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.models import Page, Site

from config.countries import country_name
from config.locales import babel_locale
from content.menus import main_menu_items, page_translation_urls

register = template.Library()


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context, to_home=False):
    """Links to this page in every language, or to that language's home page when there is no such page.

    A page may say where each language reads it (`language_urls(request)`), as a guide read in English does.

    Plain links work without JavaScript and can be cached; each names its language in that language.
    Error pages pass to_home, since the address that failed would fail in every language.
    """
    request = context["request"]
    current = get_language()
    page = context.get("page")
    translations = {}
    if isinstance(page, Page):
        translations = (page.language_urls(request) if hasattr(page, "language_urls")
                        else page_translation_urls(page=page, request=request))
    languages = []
    for code, name in settings.LANGUAGES:
        if to_home:
            url = f"/{code}/"
        elif code in translations:
            url = translations[code]
        elif page is None:
            url = translate_url(request.path, code)
            if url == request.path and code != current:
                url = f"/{code}/"
        else:
            url = f"/{code}/"
        languages.append({"code": code, "name": name, "url": url, "current": code == current})
    return {"languages": languages}


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    """The live pages under the site's home page that editors chose to show in menus, in the visitor's language where translated."""
    request = context["request"]
    site = Site.find_for_request(request)
    page = context.get("page")
    return {"items": main_menu_items(site=site, request=request) if site else [], "current": getattr(page, "pk", None)}


@register.filter
def long_date(value):
    """A date as the visitor's language writes it in full: "12 March 2027", "12 Maret 2027", "12 มีนาคม 2027"."""
    if not value:
        return ""
    return format_date(value, format="long", locale=babel_locale())


@register.filter
def country(code):
    """An ISO 3166 code as the country's name in the visitor's language."""
    return country_name(code)
