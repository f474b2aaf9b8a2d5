import pytest
from django.core.cache import cache

from content.demo import demo_content_load
from tests.http_server import LoopbackServer

# The one script of public pages: the search box suggests agency names (the page works without it).
SEARCH_BOX_SCRIPT = '<script src="/static/js/suggest.js" defer>'


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache (local memory, or Redis on the PostgreSQL leg)."""
    cache.clear()


@pytest.fixture(autouse=True)
def media_in_a_temporary_folder(settings, tmp_path):
    """Uploaded and held files go to a folder of the test's own, never to var/."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def demo_site(db):
    demo_content_load()


@pytest.fixture
def server():
    """A loopback HTTP server, stopped after the test; every unrouted path (robots.txt too) is a 404."""
    with LoopbackServer() as running:
        yield running
