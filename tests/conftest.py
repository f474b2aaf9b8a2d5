import pytest

from content.demo import demo_content_load


@pytest.fixture(autouse=True)
def media_in_a_temporary_folder(settings, tmp_path):
    """Uploaded and held files go to a folder of the test's own, never to var/."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def demo_site(db):
    demo_content_load()
