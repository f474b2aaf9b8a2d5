"""The roles migration: each group has what it needs in the Wagtail admin, and no more."""

import pytest
from django.contrib.auth.models import Group, User
from wagtail.models import Page, Workflow

pytestmark = pytest.mark.django_db
ROLES = ["Editors", "Fact-checkers", "Moderators", "Agency representatives", "Partner caseworkers"]


def member_of(group_name):
    user = User.objects.create_user(username=group_name.lower().replace(" ", "-"), password="a-long-test-password")
    user.groups.add(Group.objects.get(name=group_name))
    return user


def test_the_roles_exist():
    assert set(ROLES) <= set(Group.objects.values_list("name", flat=True))


@pytest.mark.parametrize(
    ("role", "can_edit", "can_publish"),
    # No one but an administrator publishes directly: a page goes live when the fact-check approves it.
    [("Editors", True, False), ("Fact-checkers", True, False), ("Moderators", False, False)],
)
def test_page_permissions_follow_the_fact_check(role, can_edit, can_publish):
    home = Page.objects.get(depth=2).specific
    permissions = home.permissions_for_user(member_of(role))
    assert permissions.can_edit() is can_edit
    assert permissions.can_publish() is can_publish


@pytest.mark.parametrize(("role", "admin"), [("Editors", 200), ("Fact-checkers", 200), ("Moderators", 200),
                                             ("Agency representatives", 302), ("Partner caseworkers", 200)])
def test_only_staff_roles_enter_the_admin(client, role, admin):
    client.force_login(member_of(role))
    assert client.get("/admin/").status_code == admin


def test_pages_go_live_through_a_fact_check_by_fact_checkers():
    workflow = Workflow.objects.get(name="Fact-check")
    task = workflow.workflow_tasks.get().task.specific
    assert list(task.groups.values_list("name", flat=True)) == ["Fact-checkers"]
