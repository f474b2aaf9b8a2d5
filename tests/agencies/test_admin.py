"""Agencies in the Wagtail admin: fact-checkers decide on held refresh runs; nothing is deleted there."""

import pytest
from django.contrib.auth.models import Group, User

from agencies.models import Agency, AgencyStatus, RefreshRun, Source

pytestmark = pytest.mark.django_db


def logged_in(client, group):
    user = User.objects.create_user(username=group.lower(), password="a-long-test-password")
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    return user


@pytest.fixture
def held_run(site):
    return RefreshRun.objects.get(state=RefreshRun.State.HELD)


def test_a_held_run_shows_what_would_change(client, held_run):
    logged_in(client, "Fact-checkers")
    html = client.get(f"/admin/agencies_refreshrun/inspect/{held_run.pk}/").content.decode()
    assert "far fewer than the 6 of the last applied run" in html
    assert "Sampaguita Overseas Recruitment (demo)" in html  # would go missing
    assert 'value="confirm"' in html and 'value="reject"' in html


def test_a_fact_checker_confirms_a_held_run(client, held_run):
    checker = logged_in(client, "Fact-checkers")
    response = client.post(f"/admin/agencies_refreshrun/decide/{held_run.pk}/", {"action": "confirm"})
    assert response.status_code == 302
    held_run.refresh_from_db()
    assert (held_run.state, held_run.decided_by) == (RefreshRun.State.APPLIED, checker)
    assert held_run.source.agencies.filter(status=AgencyStatus.NOT_LISTED).count() == 4


def test_a_fact_checker_rejects_a_held_run_with_a_note(client, held_run):
    logged_in(client, "Fact-checkers")
    client.post(f"/admin/agencies_refreshrun/decide/{held_run.pk}/", {"action": "reject", "note": "<b>site was down</b>"})
    held_run.refresh_from_db()
    assert held_run.state == RefreshRun.State.REJECTED
    assert not held_run.source.agencies.filter(status=AgencyStatus.NOT_LISTED).exists()


def test_an_editor_sees_runs_but_cannot_decide(client, held_run):
    logged_in(client, "Editors")
    html = client.get(f"/admin/agencies_refreshrun/inspect/{held_run.pk}/").content.decode()
    assert 'value="confirm"' not in html
    response = client.post(f"/admin/agencies_refreshrun/decide/{held_run.pk}/", {"action": "confirm"})
    assert response.status_code == 403
    held_run.refresh_from_db()
    assert held_run.state == RefreshRun.State.HELD


def test_the_registry_lists_in_the_admin(client, site):
    logged_in(client, "Editors")
    assert "Bright Horizon Manpower Services (demo)" in client.get("/admin/agencies_agency/").content.decode()
    assert "ph_dmw" in client.get("/admin/agencies_source/").content.decode()


def test_agencies_and_registry_sources_are_never_deleted_in_the_admin(client, site):
    client.force_login(User.objects.create_superuser("root", password="a-long-test-password"))
    agency, source = Agency.objects.first(), Source.objects.first()
    listing = client.get("/admin/agencies_agency/").content.decode()
    assert "/admin/agencies_agency/delete/" not in listing
    for path in (f"/admin/agencies_agency/delete/{agency.pk}/", f"/admin/agencies_source/delete/{source.pk}/"):
        assert client.post(path, follow=True).status_code == 404
    assert Agency.objects.filter(pk=agency.pk).exists() and Source.objects.filter(pk=source.pk).exists()
