"""Editors and partner caseworkers upload prices; fact-checkers decide on held price imports."""

from django.db import migrations

from config.permissions import ensure_permissions_exist, grant

VIEW = ["view_provider", "view_corridor", "view_product", "view_quote", "view_referencerate", "view_pricerun"]


def grant_price_permissions(apps, schema_editor):
    ensure_permissions_exist(apps)
    grant(apps, "Editors", "remittance", [*VIEW, "add_quote", "change_provider"])
    grant(apps, "Fact-checkers", "remittance", [*VIEW, "decide_pricerun"])
    grant(apps, "Partner caseworkers", "remittance", ["add_quote"])
    grant(apps, "Partner caseworkers", "wagtailadmin", ["access_admin"])


class Migration(migrations.Migration):
    dependencies = [("remittance", "0005_price_run"), ("content", "0003_roles")]
    operations = [migrations.RunPython(grant_price_permissions, migrations.RunPython.noop)]
