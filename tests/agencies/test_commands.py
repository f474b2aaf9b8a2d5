"""import_agencies: a feed made elsewhere, with progress and a summary."""

import json

import pytest
from django.core.management import CommandError, call_command

from agencies.models import Agency, RefreshRun
from tests.agencies.factories import feed_row, write_feed

pytestmark = pytest.mark.django_db


def test_import_agencies_shows_progress_and_a_summary(tmp_path, capsys):
    feed = write_feed(tmp_path / "dmw.jsonl", [feed_row(number) for number in range(1, 1201)])
    call_command("import_agencies", str(feed), source="ph_dmw")
    out = capsys.readouterr().out
    assert "planning: 1000 rows read" in out and "applying: 1000 rows read" in out
    assert "1200 rows: 1200 added, 0 changed, 0 unchanged, 0 missing from the list, 0 rejected." in out
    assert Agency.objects.count() == 1200


def test_import_agencies_reads_the_crawl_report_beside_the_feed(tmp_path, capsys):
    feed = write_feed(tmp_path / "dmw.jsonl", [feed_row(1)])
    (tmp_path / "dmw.report.json").write_text(json.dumps({"complete": False, "errors": ["HTTP 500 at page 2"]}))
    call_command("import_agencies", str(feed), source="ph_dmw")
    assert "held" in capsys.readouterr().out.lower()
    assert RefreshRun.objects.get().state == RefreshRun.State.HELD


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["no-such-feed.jsonl", "--source", "ph_dmw"], "No feed at"),
        (["{feed}", "--source", "xx_nowhere"], "Known sources: "),
    ],
)
def test_import_agencies_refuses_bad_arguments_clearly(tmp_path, arguments, message):
    feed = write_feed(tmp_path / "dmw.jsonl", [feed_row(1)])
    with pytest.raises(CommandError, match=message):
        call_command("import_agencies", *[argument.format(feed=feed) for argument in arguments])
    assert not Agency.objects.exists()


def test_a_damaged_crawl_report_is_refused(tmp_path):
    feed = write_feed(tmp_path / "dmw.jsonl", [feed_row(1)])
    (tmp_path / "dmw.report.json").write_bytes(b"\xff\xfe not json")
    with pytest.raises(CommandError, match="cannot be read"):
        call_command("import_agencies", str(feed), source="ph_dmw")
    assert not Agency.objects.exists()
