"""Editors and fact-checkers see the registry in the admin; fact-checkers decide on held refresh runs."""

from django.db import migrations

from config.permissions import ensure_permissions_exist, grant

VIEW = ["view_agency", "view_source", "view_refreshrun"]


def grant_registry_permissions(apps, schema_editor):
    ensure_permissions_exist(apps)
    grant(apps, "Editors", "agencies", VIEW)
    grant(apps, "Fact-checkers", "agencies", [*VIEW, "decide_refreshrun"])


class Migration(migrations.Migration):
    dependencies = [("agencies", "0002_sources"), ("content", "0003_roles")]
    operations = [migrations.RunPython(grant_registry_permissions, migrations.RunPython.noop)]
