import pytest

from agencies.demo import demo_agencies_load
from agencies.models import AgencyIndexPage
from tests.support import section_page


@pytest.fixture
def site(db):
    """The licence check page in English and Indonesian, and the demo registry."""
    page = section_page(AgencyIndexPage(title="Check an agency", slug="check-an-agency"), translated_into="id")
    demo_agencies_load()
    return page
