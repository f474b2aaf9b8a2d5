"""Moderators keep the abuse word lists and work the queue and appeals; editors and fact-checkers follow readers'
reports of errors in content pages to a resolution."""

from django.db import migrations

from config.permissions import ensure_permissions_exist, grant


def grant_moderation_permissions(apps, schema_editor):
    ensure_permissions_exist(apps)
    grant(apps, "Moderators", "moderation", [
        "view_queueitem", "view_appeal", "view_abuseterm", "add_abuseterm", "change_abuseterm", "delete_abuseterm",
    ])
    grant(apps, "Moderators", "reviews", ["view_notification"])
    for group in ("Editors", "Fact-checkers"):
        grant(apps, group, "moderation", ["view_contentreport", "change_contentreport"])


class Migration(migrations.Migration):
    dependencies = [("moderation", "0002_queue_appeals_content_reports"), ("reviews", "0006_redaction_bursts_notifications"),
                    ("content", "0003_roles")]
    operations = [migrations.RunPython(grant_moderation_permissions, migrations.RunPython.noop)]
