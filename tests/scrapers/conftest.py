import pytest

from tests.http_server import LoopbackServer


@pytest.fixture
def server():
    """A loopback HTTP server, stopped after the test; every unrouted path (robots.txt too) is a 404."""
    with LoopbackServer() as running:
        yield running
