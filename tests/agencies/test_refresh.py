"""refresh_agencies: a real crawl (Scrapy in its own process) of recorded registry pages, then the import."""

import json

import pytest
from django.core.management import CommandError, call_command

from agencies.models import Agency, AgencyStatus, LicenceEvent, RefreshRun
from tests.scrapers.support import recorded_text, serve_recording

pytestmark = pytest.mark.django_db
API = "/api/licensed-agencies"


@pytest.fixture(autouse=True)
def feeds_in_a_temporary_folder(settings, tmp_path):
    settings.FEEDS_DIR = tmp_path / "feeds"


def refresh(server, capsys):
    call_command("refresh_agencies", "ph_dmw", base_url=server.url, scrapy_setting=["DOWNLOAD_DELAY=0", "AUTOTHROTTLE_ENABLED=0"])
    return RefreshRun.objects.latest("started_at"), capsys.readouterr().out


def test_a_refresh_crawls_the_registry_and_imports_it(server, capsys):
    serve_recording(server, "ph_dmw")
    run, out = refresh(server, capsys)
    assert run.state == RefreshRun.State.APPLIED, run.reason
    assert run.added == Agency.objects.filter(country="PH").count() > 100
    assert "Crawl finished" in out and f"Run {run.pk}: Applied." in out
    assert not Agency.objects.filter(licence_key="").exists()


def test_a_registry_that_changed_its_layout_leaves_every_agency_as_it_was(server, capsys):
    serve_recording(server, "ph_dmw")
    refresh(server, capsys)
    before = (list(Agency.objects.order_by("pk").values()), list(LicenceEvent.objects.order_by("pk").values()))

    renamed = json.loads(recorded_text("ph_dmw", "page-2.json"))
    renamed["data"] = [{("licenseNumber" if key == "license_no" else key): value for key, value in row.items()}
                       for row in renamed["data"]]
    server.add(API, json.dumps(renamed).encode(), query={"page": "2"}, content_type="application/json")
    server.add(API, b"<html><body>Under maintenance</body></html>", query={"page": "3"}, content_type="text/html")
    run, out = refresh(server, capsys)

    assert run.state == RefreshRun.State.HELD
    assert "layout changed" in run.reason
    assert (list(Agency.objects.order_by("pk").values()), list(LicenceEvent.objects.order_by("pk").values())) == before
    assert not Agency.objects.filter(status=AgencyStatus.NOT_LISTED).exists()


def test_an_unknown_source_is_refused_before_crawling(server):
    with pytest.raises(CommandError, match="Known sources"):
        call_command("refresh_agencies", "xx_nowhere", base_url=server.url)
    assert server.requests == []
