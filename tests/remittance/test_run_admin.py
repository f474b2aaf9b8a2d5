"""Price import runs in the Wagtail admin: everyone with the view permission sees what a run found,
fact-checkers confirm or reject a held run, and nobody adds, edits or deletes a run there."""

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client

from remittance.models import PriceRun, Quote
from remittance.services import rpw_import
from tests.remittance.rpw_workbook import rpw_row, write_workbook

pytestmark = pytest.mark.django_db

HOSTILE = "<script>alert('x')</script>"


def logged_in(client, group):
    user = User.objects.create_user(username=group.lower(), password="a-long-test-password")
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    return user


def url(view, run):
    return f"/admin/remittance_pricerun/{view}/{run.pk}/"


def final_status(client, path, data):
    """The status a browser ends on: Django's LocaleMiddleware sends every 404 outside the language prefixes
    on to /en/... first (Wagtail's page catch-all makes any path look valid there), where it is a 404 again."""
    return client.post(path, data, follow=True).status_code


@pytest.fixture
def applied_run(tmp_path):
    run = rpw_import(path=write_workbook(tmp_path / "ten.xlsx", [rpw_row(number) for number in range(1, 11)]))
    assert run.state == PriceRun.State.APPLIED, run.reason
    return run


@pytest.fixture
def held_run(tmp_path, applied_run):
    """Far fewer rows than the applied run, one of them rejected for a fee that is markup."""
    rows = [rpw_row(1), rpw_row(11), rpw_row(12), rpw_row(13, **{"cc1 lcu fee": HOSTILE})]
    run = rpw_import(path=write_workbook(tmp_path / "four.xlsx", rows))
    assert run.state == PriceRun.State.HELD, run.reason
    return run


def test_the_runs_are_listed_with_their_counts_and_filtered_by_state_and_source(client, applied_run, held_run):
    logged_in(client, "Editors")
    html = client.get("/admin/remittance_pricerun/").content.decode()
    assert url("inspect", applied_run) in html and url("inspect", held_run) in html
    assert "Held for a person" in html and "Applied" in html
    held_only = client.get("/admin/remittance_pricerun/?state=held").content.decode()
    assert url("inspect", held_run) in held_only and url("inspect", applied_run) not in held_only
    assert url("inspect", held_run) in client.get("/admin/remittance_pricerun/?source=rpw").content.decode()


def test_a_held_run_shows_its_reason_and_what_it_would_change(client, held_run):
    logged_in(client, "Fact-checkers")
    html = client.get(url("inspect", held_run)).content.decode()
    assert "far fewer than the 10 of the last applied run" in html
    assert "What this run would change" in html and "Remit Firm 11" in html
    assert 'value="confirm"' in html and 'value="reject"' in html


def test_preview_rows_and_reasons_are_escaped(client, held_run):
    logged_in(client, "Fact-checkers")
    assert any(HOSTILE in entry.get("reason", "") for entry in held_run.preview)  # the raw cell, kept as text
    html = client.get(url("inspect", held_run)).content.decode()
    assert "&lt;script&gt;alert(" in html
    assert "<script>alert(" not in html


def test_a_fact_checker_confirms_a_held_run(client, held_run):
    checker = logged_in(client, "Fact-checkers")
    response = client.post(url("decide", held_run), {"action": "confirm"})
    assert (response.status_code, response["Location"]) == (302, url("inspect", held_run))
    held_run.refresh_from_db()
    assert (held_run.state, held_run.decided_by, held_run.added) == (PriceRun.State.APPLIED, checker, 5)
    assert Quote.objects.count() == 25 and not held_run.feed
    html = client.get(response["Location"]).content.decode()
    assert "The run was applied: 5 quotes added, 2 already stored, 1 rejected." in html
    assert 'value="confirm"' not in html  # decided once


def test_a_fact_checker_rejects_a_held_run_with_a_note(client, held_run):
    checker = logged_in(client, "Fact-checkers")
    response = client.post(url("decide", held_run), {"action": "reject", "note": "A partial download"}, follow=True)
    assert "The run was rejected; nothing from it was applied." in response.content.decode()
    held_run.refresh_from_db()
    assert (held_run.state, held_run.decided_by) == (PriceRun.State.REJECTED, checker)
    assert held_run.reason.endswith("Rejected by a person: A partial download") and not held_run.feed
    assert Quote.objects.count() == 20


def test_a_hostile_note_is_stored_as_plain_text_and_cut(client, held_run):
    logged_in(client, "Fact-checkers")
    reason = held_run.reason
    note = HOSTILE + "<b>site was down</b> " + "x" * 100_000
    response = client.post(url("decide", held_run), {"action": "reject", "note": note})
    assert response.status_code == 302
    held_run.refresh_from_db()
    assert held_run.state == PriceRun.State.REJECTED
    stored = held_run.reason.removeprefix(reason + "\nRejected by a person: ")
    assert stored.startswith("alert('x')site was down xxx") and len(stored) == 1000
    html = client.get(url("inspect", held_run)).content.decode()
    assert "<script>alert(" not in html and "<b>site" not in html


def test_a_note_with_control_characters_is_refused_and_the_run_stays_held(client, held_run):
    logged_in(client, "Fact-checkers")
    response = client.post(url("decide", held_run), {"action": "reject", "note": "down\x07"}, follow=True)
    assert "control characters" in response.content.decode()
    held_run.refresh_from_db()
    assert held_run.state == PriceRun.State.HELD


def test_a_decision_must_be_confirm_or_reject(client, held_run):
    logged_in(client, "Fact-checkers")
    response = client.post(url("decide", held_run), {"action": "delete"}, follow=True)
    assert "Choose to confirm or to reject the run." in response.content.decode()
    held_run.refresh_from_db()
    assert held_run.state == PriceRun.State.HELD


def test_an_editor_sees_a_held_run_but_cannot_decide(client, held_run):
    logged_in(client, "Editors")
    html = client.get(url("inspect", held_run)).content.decode()
    assert "Remit Firm 11" in html and 'value="confirm"' not in html
    for action in ("confirm", "reject"):
        assert client.post(url("decide", held_run), {"action": action, "note": "no"}).status_code == 403
    held_run.refresh_from_db()
    assert (held_run.state, held_run.decided_by) == (PriceRun.State.HELD, None) and held_run.feed
    assert Quote.objects.count() == 20


def test_a_visitor_is_sent_to_the_login(client, held_run):
    response = client.post(url("decide", held_run), {"action": "confirm"})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    held_run.refresh_from_db()
    assert held_run.state == PriceRun.State.HELD


def test_the_decision_is_post_only(client, held_run):
    logged_in(client, "Fact-checkers")
    assert client.get(url("decide", held_run), {"action": "confirm"}).status_code == 405
    held_run.refresh_from_db()
    assert held_run.state == PriceRun.State.HELD


def test_the_decision_needs_the_csrf_token(held_run):
    client = Client(enforce_csrf_checks=True)
    logged_in(client, "Fact-checkers")
    assert client.post(url("decide", held_run), {"action": "confirm"}).status_code == 403
    held_run.refresh_from_db()
    assert held_run.state == PriceRun.State.HELD


def test_a_run_that_is_not_held_answers_404(client, applied_run):
    logged_in(client, "Fact-checkers")
    for action in ("confirm", "reject"):
        assert final_status(client, url("decide", applied_run), {"action": action}) == 404
    assert final_status(client, "/admin/remittance_pricerun/decide/999999/", {"action": "confirm"}) == 404
    applied_run.refresh_from_db()
    assert (applied_run.state, applied_run.decided_by) == (PriceRun.State.APPLIED, None)


def test_a_missing_held_file_is_said_and_the_run_stays_held(client, held_run):
    logged_in(client, "Fact-checkers")
    held_run.feed.storage.delete(held_run.feed.name)
    response = client.post(url("decide", held_run), {"action": "confirm"}, follow=True)
    assert "held input is missing" in response.content.decode()
    held_run.refresh_from_db()
    assert (held_run.state, held_run.decided_by) == (PriceRun.State.HELD, None)
    assert Quote.objects.count() == 20


def test_runs_are_never_added_edited_or_deleted_in_the_admin(admin_client, applied_run, held_run):
    before = list(PriceRun.objects.order_by("pk").values())
    listing = admin_client.get("/admin/remittance_pricerun/").content.decode()
    inspect = admin_client.get(url("inspect", held_run)).content.decode()
    for html in (listing, inspect):
        assert "/admin/remittance_pricerun/new/" not in html
        assert "/admin/remittance_pricerun/edit/" not in html and "/admin/remittance_pricerun/delete/" not in html
    for path in ["/admin/remittance_pricerun/new/", url("edit", held_run), url("delete", held_run),
                 url("copy", held_run), url("usage", held_run), url("history", held_run)]:
        assert final_status(admin_client, path, {"source": "x", "state": "applied"}) == 404, path
    assert list(PriceRun.objects.order_by("pk").values()) == before
