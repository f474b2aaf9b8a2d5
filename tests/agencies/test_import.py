"""Importing a registry feed: every rule of the import, with hostile feeds."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agencies.models import Agency, AgencyStatus, LicenceEvent, RefreshRun
from agencies.services import agency_feed_import, refresh_run_confirm, refresh_run_reject
from tests.agencies.factories import feed_row, philippines, write_feed

pytestmark = pytest.mark.django_db


def import_rows(tmp_path, rows, name="feed.jsonl", **kwargs):
    return agency_feed_import(source=philippines(), feed_path=write_feed(tmp_path / name, rows), **kwargs)


def registry_state():
    """Everything a refresh may touch, to show that a refused run changed nothing."""
    return (
        list(Agency.objects.order_by("pk").values()),
        list(LicenceEvent.objects.order_by("pk").values()),
    )


@pytest.fixture
def ten_agencies(tmp_path):
    run = import_rows(tmp_path, [feed_row(number) for number in range(1, 11)], name="first.jsonl")
    assert run.state == RefreshRun.State.APPLIED
    return run


def test_a_first_feed_adds_every_agency_with_provenance_and_history(ten_agencies):
    assert (ten_agencies.added, ten_agencies.rows) == (10, 10)
    agency = Agency.objects.get(licence_number="POEA-001-LB-010125-R")
    assert agency.status == AgencyStatus.VALID
    assert agency.normalised_name == "agency number 1 manpower"
    assert agency.source.key == "ph_dmw" and agency.source_url == "https://dmw.gov.ph/licensed"
    assert agency.fetched_at.isoformat() == "2026-11-20T03:00:00+00:00"
    assert list(agency.events.values_list("kind", "status_after", "run")) == [("added", "valid", ten_agencies.pk)]


def test_an_unchanged_feed_writes_nothing_but_its_run(tmp_path, ten_agencies):
    before = registry_state()
    with CaptureQueriesContext(connection) as queries:
        run = import_rows(tmp_path, [feed_row(number) for number in range(1, 11)], name="again.jsonl")
    writes = [query["sql"] for query in queries if query["sql"].split()[0] in ("INSERT", "UPDATE", "DELETE")]
    assert all("agencies_refreshrun" in sql for sql in writes), [sql[:80] for sql in writes]
    assert (run.state, run.unchanged, run.changed, run.added) == (RefreshRun.State.APPLIED, 10, 0, 0)
    assert registry_state() == before


def test_a_change_is_recorded_in_the_licence_history(tmp_path, ten_agencies):
    rows = [feed_row(number) for number in range(1, 11)]
    rows[0] = feed_row(1, status="suspended", status_raw="Suspended", status_date="2026-11-18")
    run = import_rows(tmp_path, rows, name="changed.jsonl")
    assert (run.state, run.changed, run.unchanged) == (RefreshRun.State.APPLIED, 1, 9)
    agency = Agency.objects.get(licence_number="POEA-001-LB-010125-R")
    assert (agency.status, str(agency.status_changed_on)) == ("suspended", "2026-11-18")
    event = agency.events.get(kind="changed")
    assert (event.status_before, event.status_after, event.run_id) == ("valid", "suspended", run.pk)
    assert event.changes == {"status": ["valid", "suspended"]}


def test_an_agency_missing_from_the_feed_is_kept_as_not_in_the_latest_list(tmp_path, ten_agencies):
    run = import_rows(tmp_path, [feed_row(number) for number in range(1, 10)], name="nine.jsonl")
    assert (run.state, run.missing) == (RefreshRun.State.APPLIED, 1)
    gone = Agency.objects.get(licence_number="POEA-010-LB-010125-R")
    assert gone.status == AgencyStatus.NOT_LISTED and str(gone.status_changed_on) == "2026-11-20"
    assert gone.events.filter(kind="missing").exists()
    assert Agency.objects.count() == 10, "a refresh never deletes"


def test_licence_numbers_match_without_case_or_spaces(tmp_path, ten_agencies):
    rows = [feed_row(number) for number in range(1, 11)]
    rows[0]["licence_number"] = " poea-001-lb-010125-r "
    run = import_rows(tmp_path, rows, name="case.jsonl")
    assert (run.added, run.missing) == (0, 0)


def test_a_renumbered_licence_is_matched_by_its_name(tmp_path, ten_agencies):
    rows = [feed_row(number) for number in range(1, 11)]
    rows[0]["licence_number"] = "DMW-001-LB-11202026-R"
    run = import_rows(tmp_path, rows, name="renumbered.jsonl")
    assert (run.added, run.changed, run.missing) == (0, 1, 0)
    agency = Agency.objects.get(normalised_name="agency number 1 manpower")
    assert agency.licence_number == "DMW-001-LB-11202026-R"


def test_a_run_that_would_change_too_many_agencies_is_held_and_changes_nothing(tmp_path, ten_agencies):
    before = registry_state()
    rows = [feed_row(number, status="cancelled", status_raw="Cancelled") for number in range(1, 11)]
    run = import_rows(tmp_path, rows, name="mass.jsonl")
    assert run.state == RefreshRun.State.HELD
    assert "100% of the 10 agencies" in run.reason
    assert registry_state() == before
    assert run.preview[0]["changes"] == {"status": ["valid", "cancelled"]}


def test_a_run_with_far_fewer_rows_is_held(tmp_path, ten_agencies):
    source = philippines()
    source.max_change_share = 1
    source.save()
    run = import_rows(tmp_path, [feed_row(1), feed_row(2)], name="two.jsonl")
    assert run.state == RefreshRun.State.HELD
    assert "far fewer than the 10" in run.reason


def test_an_unknown_status_holds_the_run_instead_of_guessing(tmp_path, ten_agencies):
    rows = [feed_row(number) for number in range(1, 11)]
    rows[3] = feed_row(4, status=None, status_raw="Under Review")
    before = registry_state()
    run = import_rows(tmp_path, rows, name="unknown.jsonl")
    assert run.state == RefreshRun.State.HELD and "'Under Review'" in run.reason
    assert registry_state() == before


def test_an_incomplete_crawl_is_held(tmp_path, ten_agencies):
    report = {"complete": False, "errors": ["HTTP 500 at https://dmw.gov.ph/api?page=3"], "rejected": 0}
    run = import_rows(tmp_path, [feed_row(number) for number in range(1, 6)], name="partial.jsonl", report=report)
    assert run.state == RefreshRun.State.HELD
    assert "HTTP 500 at https://dmw.gov.ph/api?page=3" in run.reason
    assert not Agency.objects.filter(status=AgencyStatus.NOT_LISTED).exists()


def test_a_person_confirms_a_held_run(tmp_path, ten_agencies, admin_user):
    run = import_rows(tmp_path, [feed_row(number) for number in range(1, 4)], name="three.jsonl")
    assert run.state == RefreshRun.State.HELD and run.feed
    refresh_run_confirm(run=run, user=admin_user)
    run.refresh_from_db()
    assert (run.state, run.decided_by, run.missing) == (RefreshRun.State.APPLIED, admin_user, 7)
    assert Agency.objects.filter(status=AgencyStatus.NOT_LISTED).count() == 7
    assert not run.feed


def test_a_person_rejects_a_held_run_and_nothing_changes(tmp_path, ten_agencies, admin_user):
    run = import_rows(tmp_path, [feed_row(number) for number in range(1, 4)], name="three.jsonl")
    before = registry_state()
    refresh_run_reject(run=run, user=admin_user, note="The registry was down")
    run.refresh_from_db()
    assert run.state == RefreshRun.State.REJECTED and "The registry was down" in run.reason
    assert registry_state() == before
    with pytest.raises(ValueError):
        refresh_run_confirm(run=run, user=admin_user)


class TestHostileFeeds:
    def test_a_latin1_feed_is_rejected_with_a_clear_reason(self, tmp_path, ten_agencies):
        before = registry_state()
        rows = [feed_row(number) for number in range(1, 11)]
        rows[4]["name"] = "Agencia Peñafrancia"
        path = write_feed(tmp_path / "latin1.jsonl", rows, encoding="latin-1")
        run = agency_feed_import(source=philippines(), feed_path=path)
        assert run.state == RefreshRun.State.REJECTED
        assert "line 5 is not UTF-8" in run.reason and "Nothing was changed" in run.reason
        assert registry_state() == before

    def test_a_feed_with_a_byte_order_mark_is_read(self, tmp_path, db):
        path = write_feed(tmp_path / "bom.jsonl", [b"\xef\xbb\xbf", feed_row(1), feed_row(2)])
        run = agency_feed_import(source=philippines(), feed_path=path)
        assert (run.state, run.added) == (RefreshRun.State.APPLIED, 2)

    def test_markup_in_names_is_stripped(self, tmp_path, db):
        run = import_rows(tmp_path, [feed_row(1, name='<b>Bold</b> Agency <script>alert("x")</script>&amp; Sons')])
        assert run.added == 1
        assert Agency.objects.get().name == 'Bold Agency alert("x")& Sons'

    def test_a_huge_row_is_rejected_and_its_agency_not_marked_missing(self, tmp_path, ten_agencies):
        rows = [feed_row(number) for number in range(1, 11)]
        rows[2]["address"] = "x" * 1_000_000
        run = import_rows(tmp_path, rows, name="huge.jsonl")
        assert (run.state, run.rejected, run.missing) == (RefreshRun.State.APPLIED, 1, 0)
        assert "larger than 64 KB" in run.reason

    def test_an_empty_feed_is_refused(self, tmp_path, db):
        run = import_rows(tmp_path, [], name="empty.jsonl")
        assert run.state == RefreshRun.State.REJECTED and "no usable rows" in run.reason
        assert not Agency.objects.exists()

    def test_an_empty_feed_after_a_good_run_is_held(self, tmp_path, ten_agencies):
        before = registry_state()
        run = import_rows(tmp_path, [], name="empty.jsonl")
        assert run.state == RefreshRun.State.HELD
        assert registry_state() == before

    def test_a_truncated_feed_is_rejected(self, tmp_path, ten_agencies):
        before = registry_state()
        rows = [feed_row(number) for number in range(1, 11)]
        truncated = '{"source": "ph_dmw", "country": "PH", "licence_num'
        run = import_rows(tmp_path, [*rows[:5], truncated], name="truncated.jsonl")
        assert run.state == RefreshRun.State.REJECTED and "damaged or truncated" in run.reason
        assert registry_state() == before

    def test_duplicate_licence_numbers_keep_the_first(self, tmp_path, db):
        run = import_rows(tmp_path, [feed_row(1), feed_row(1, name="Impostor Manpower"), feed_row(2)])
        assert (run.added, run.rejected) == (2, 1)
        assert "duplicate licence number" in run.reason
        assert Agency.objects.get(licence_number="POEA-001-LB-010125-R").name == "Agency Number 1 Manpower"

    @pytest.mark.parametrize(
        ("fields", "reason"),
        [
            ({"country": "ID"}, "this registry's is 'PH'"),
            ({"licence_number": ""}, "licence_number is missing"),
            ({"name": "   "}, "name is missing"),
            ({"valid_until": "31/12/2027"}, "valid_until is not a date"),
            ({"status": "sort of valid"}, "is not one of"),
            ({"source_url": "javascript:alert(1)"}, "source_url is not a web address"),
            ({"name": "Bad \x00 byte"}, "control or replacement characters"),
            ({"name": 42}, "name is not text"),
        ],
    )
    def test_a_bad_row_is_rejected_with_its_reason(self, tmp_path, db, fields, reason):
        run = import_rows(tmp_path, [feed_row(1), feed_row(2, **fields)])
        assert (run.added, run.rejected) == (1, 1)
        assert reason in run.reason

    def test_a_row_that_is_not_an_object_is_rejected(self, tmp_path, db):
        run = import_rows(tmp_path, [feed_row(1), "[1, 2, 3]\n"])
        assert (run.added, run.rejected) == (1, 1)
