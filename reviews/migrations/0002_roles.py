"""Moderators publish or reject reviews and replies and verify agencies' representatives; editors record fee caps."""

from django.db import migrations

from config.permissions import ensure_permissions_exist, grant


def grant_review_permissions(apps, schema_editor):
    ensure_permissions_exist(apps)
    grant(apps, "Moderators", "reviews", [
        "moderate_review", "view_review", "view_reply", "view_reviewer",
        "view_representative", "add_representative", "change_representative", "delete_representative",
    ])
    grant(apps, "Moderators", "moderation", ["view_report", "change_report", "view_auditentry"])
    grant(apps, "Moderators", "wagtailadmin", ["access_admin"])
    grant(apps, "Editors", "reviews", ["view_feecap", "add_feecap", "change_feecap", "delete_feecap"])


class Migration(migrations.Migration):
    dependencies = [("reviews", "0001_initial"), ("moderation", "0001_initial"), ("content", "0003_roles")]
    operations = [migrations.RunPython(grant_review_permissions, migrations.RunPython.noop)]
