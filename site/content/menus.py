"""The main menu and the language switcher's links, cached: they are on every page and change only when editors
publish, unpublish, move or delete a page, or edit a site or a locale, which bumps the pages' generation (see
content.apps). Both are kept per site, since a page's URL is relative on its own site and absolute on another."""

from django.core.cache import cache
from django.db import transaction
from django.utils.translation import get_language
from wagtail.models import Locale, Page, Site

from config.generations import generation, generation_bump

GENERATION = "pages"
MENU_SECONDS = 3600


def menu_generation_bump(**kwargs):
    """A signal receiver: every cached menu and language switcher is stale once the change is committed (bumped any
    earlier, a request in between would cache the old pages under the new generation)."""
    transaction.on_commit(lambda: generation_bump(GENERATION))


def main_menu_items(*, site, request):
    """[{pk, title, url}] of the live pages under the site's home page shown in menus, in the visitor's language
    where they are translated."""
    key = f"content:menu:{generation(GENERATION)}:{site.pk}:{get_language()}"
    items = cache.get(key)
    if items is None:
        children = list(site.root_page.get_children().live().in_menu())
        translated = Page.objects.live().filter(
            translation_key__in=[child.translation_key for child in children], locale=Locale.get_active()
        )
        by_key = {page.translation_key: page for page in translated}
        pages = [by_key.get(child.translation_key, child) for child in children]
        items = [{"pk": page.pk, "title": page.title, "url": page.get_url(request)} for page in pages]
        cache.set(key, items, MENU_SECONDS)
    return items


def page_translation_urls(*, page, request):
    """{language code: URL} of the page's live translations, itself included, as linked from the request's site."""
    site = Site.find_for_request(request)
    key = f"content:translations:{generation(GENERATION)}:{site.pk if site else ''}:{page.pk}"
    urls = cache.get(key)
    if urls is None:
        translations = page.get_translations(inclusive=True).live().select_related("locale")
        urls = {translation.locale.language_code: translation.get_url(request) for translation in translations}
        cache.set(key, urls, MENU_SECONDS)
    return urls
