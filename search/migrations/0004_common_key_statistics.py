"""PostgreSQL keeps statistics of the 1,000 most common name keys (instead of 100), which the database engine reads
rather than counting them at each search (search.engines.database._common_keys)."""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE search_entrykey ALTER COLUMN key SET STATISTICS 1000")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE search_entrykey ALTER COLUMN key SET STATISTICS -1")


class Migration(migrations.Migration):
    dependencies = [("search", "0003_entry_keys")]
    operations = [migrations.RunPython(forwards, backwards)]
