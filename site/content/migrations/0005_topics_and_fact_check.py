"""The topics' rows; the fact-check task that no author can approve; and the roles' permissions for guides,
support organisations and translations.

Publishing goes only through the fact-check: the workflow's last approval publishes (content.services), so
Fact-checkers no longer need a "publish" permission of their own, and without it no one but an administrator can
put a page live without a second person's check.
"""

from django.db import migrations

from config.permissions import ensure_permissions_exist, grant

TOPICS = ["recruitment-fees", "contracts", "documents", "wages", "hours-rest", "health", "domestic-work",
          "complaints", "leaving-employer", "returning-home"]
ORGANISATION_PERMISSIONS = ["add_supportorganisation", "change_supportorganisation", "delete_supportorganisation",
                            "view_supportorganisation"]


def forwards(apps, schema_editor):
    Topic = apps.get_model("content", "Topic")
    for slug in TOPICS:
        Topic.objects.get_or_create(slug=slug)

    ensure_permissions_exist(apps)
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupPagePermission.objects.filter(group__name="Fact-checkers", permission__codename="publish_page").delete()
    grant(apps, "Editors", "content", ORGANISATION_PERMISSIONS)
    grant(apps, "Fact-checkers", "content", ["view_supportorganisation", "change_supportorganisation"])
    for group in ("Editors", "Fact-checkers"):
        grant(apps, group, "simple_translation", ["submit_translation"])

    # The "Fact-check" workflow's group approval becomes a fact-check task for the same groups.
    ContentType = apps.get_model("contenttypes", "ContentType")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    FactCheckTask = apps.get_model("content", "FactCheckTask")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    task_type, _ = ContentType.objects.get_or_create(app_label="content", model="factchecktask")
    fact_checkers = Group.objects.get(name="Fact-checkers")
    for old in GroupApprovalTask.objects.filter(groups=fact_checkers):
        new = FactCheckTask.objects.create(name=old.name, content_type=task_type, active=True)
        new.groups.set(old.groups.all())
        WorkflowTask.objects.filter(task=old).update(task=new)
        old.active = False
        old.save(update_fields=["active"])


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0004_guides_directory_fact_check"),
        ("simple_translation", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
