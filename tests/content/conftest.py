"""Fixtures for Lantern's content."""

import datetime
import itertools

import pytest
from django.utils import timezone, translation
from django.utils.text import slugify
from wagtail.models import Locale, Site

from content.models import GuideIndexPage, GuidePage, GuideSource, SupportDirectoryPage, SupportOrganisation, Topic
from content.models.checked import review_due
from content.templatetags.site_tags import long_date

# --- Rights guides: an index under the English home page, guides published as the fact-check leaves them -----------

_guide_numbers = itertools.count(1)
GUIDE_BODY = [
    ("text", "<h2>Before you sign</h2><p>Read the whole contract. Ask for a copy in your language.</p>"),
    ("key_facts", ["The agency may charge at most one month's wage.", "Keep every receipt."]),
    ("steps", ["Ask for a receipt.", "Photograph your contract."]),
    ("warning", {"heading": "Never hand over your passport", "text": "<p>Your employer may not keep it.</p>"}),
    ("citation", {"source": 1, "passage": "No fee shall be charged beyond one month's wage."}),
]


def home_page():
    return Site.objects.get(is_default_site=True).root_page.specific


@pytest.fixture
def guide_index(db):
    """"Know your rights", the guide index under the English home page, live."""
    index = GuideIndexPage(title="Know your rights", slug="know-your-rights",
                           intro="Plain guides, checked by a second person.")
    home_page().add_child(instance=index)
    index.save_revision().publish()
    return index


def page_translate(page, code):
    """The page's translation into the language `code`, its parents translated first where they are not yet; each
    published, as the translation app leaves it (fact-checked pages marked "translated", their verification cleared)."""
    locale = Locale.objects.get(language_code=code)
    parent = page.get_parent().specific
    if parent.depth > 1 and not parent.has_translation(locale):
        page_translate(parent, code)
    copy = page.copy_for_translation(locale)
    translation = type(page).objects.get(pk=copy.pk)  # as translation_mark left it
    translation.save_revision().publish()
    return translation


def page_verify(page, *, on=None, by="Maria Santos", **changes):
    """Publishes a fact-checked page (a guide, a provider page) with `changes` as the fact-check's approval does:
    verified on `on` (today) by `by`."""
    on = on or timezone.localdate()
    for name, value in changes.items():
        setattr(page, name, value)
    page.last_verified_on, page.last_verified_by_name = on, by
    page.review_due_on = review_due(on, page.review_interval_days)
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


def guide_publish(index, *, title=None, summary="What the agency may charge, and what to do if it asks for more.",
                  origin="PH", destination="HK", topics=("recruitment-fees",), body=GUIDE_BODY, verified_on=None,
                  **fields):
    """A guide under `index`, with one source, published and verified on `verified_on` (today)."""
    title = title or f"Recruitment fees, guide {next(_guide_numbers)}"
    guide = GuidePage(title=title, slug=fields.pop("slug", slugify(title)[:50] or f"guide-{next(_guide_numbers)}"),
                      summary=summary, origin_country=origin, destination_country=destination, body=body, **fields)
    guide.topics = list(Topic.objects.filter(slug__in=topics))
    guide.sources = [GuideSource(title="Employment Ordinance, Part XII", publisher="Labour Department",
                                 url="https://www.labour.gov.hk/eng/legislat/content2.htm",
                                 accessed_on=datetime.date(2026, 1, 15))]
    index.add_child(instance=guide)
    return page_verify(guide, on=verified_on)


def said(code, message, **params):
    """`message` (a msgid, with %(name)s for `params`) as a page in the language `code` says it; a date among the
    params is written as the page writes it."""
    with translation.override(code):
        values = {name: long_date(value) if isinstance(value, datetime.date) else value for name, value in params.items()}
        return translation.gettext(message) % values


# --- The support directory: its page under the English home page, and organisations saved as the admin checks them --

@pytest.fixture
def support_directory(db):
    """"Get help", the support directory under the English home page, live."""
    page = SupportDirectoryPage(title="Get help", slug="get-help", intro="Organisations that help migrant workers.")
    home_page().add_child(instance=page)
    page.save_revision().publish()
    return page


def organisation_add(name, *, topics=("complaints",), **fields):
    """A support organisation, checked as the admin form checks it and saved, with its topics given by slug."""
    values = {"kind": "ngo", "countries": ["HK"], "languages": ["en"], "verified_on": datetime.date(2026, 1, 15),
              **fields}
    organisation = SupportOrganisation(name=name, topics=list(Topic.objects.filter(slug__in=topics)), **values)
    organisation.full_clean()
    organisation.save()
    return organisation


# --- People in the admin's roles -------------------------------------------------------------------------------------

def staff_member(username, *groups, email=True, **fields):
    """A user in the named groups ("Editors", "Fact-checkers", "Moderators"), called "<Username> Test", with the
    address <username>@example.org unless email=False."""
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user(username, email=f"{username}@example.org" if email else "",
                                    first_name=username.title(), last_name="Test", **fields)
    user.groups.add(*Group.objects.filter(name__in=groups))
    return user
