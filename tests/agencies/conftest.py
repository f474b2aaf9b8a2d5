import pytest
from wagtail.models import Locale, Site

from agencies.demo import demo_agencies_load
from agencies.models import AgencyIndexPage


@pytest.fixture
def site(db):
    """The licence check page in English and Indonesian, and the demo registry."""
    home = Site.objects.get(is_default_site=True).root_page.specific
    page = home.add_child(instance=AgencyIndexPage(title="Check an agency", slug="check-an-agency"))
    indonesian = Locale.objects.get(language_code="id")
    for original in (home, page):
        original.copy_for_translation(indonesian).save_revision().publish()
    demo_agencies_load()
    return page
