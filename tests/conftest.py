import pytest

from content.demo import demo_content_load


@pytest.fixture
def demo_site(db):
    demo_content_load()
