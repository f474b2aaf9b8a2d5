"""The text indexes of the database engine, which Django's fields do not describe: an FTS5 table (and its vocabulary,
for how many rows hold a word) on SQLite; pg_trgm (word similarity ranks the names) and a tsvector of the words on PostgreSQL."""

from django.db import migrations

SQLITE = [
    ("CREATE VIRTUAL TABLE search_entry_fts USING fts5("
     "words, keys, tokenize = \"unicode61 remove_diacritics 2 categories 'L* N* M* Co'\")",
     "DROP TABLE search_entry_fts"),
    ("CREATE VIRTUAL TABLE search_entry_fts_vocab USING fts5vocab(search_entry_fts, 'row')",
     "DROP TABLE search_entry_fts_vocab"),
]
POSTGRESQL = [
    ("CREATE EXTENSION IF NOT EXISTS pg_trgm", ""),
    ("ALTER TABLE search_entry ADD COLUMN words tsvector", "ALTER TABLE search_entry DROP COLUMN words"),
    ("CREATE INDEX search_entry_words ON search_entry USING gin (words)", "DROP INDEX search_entry_words"),
]


def _statements(schema_editor):
    return {"sqlite": SQLITE, "postgresql": POSTGRESQL}.get(schema_editor.connection.vendor, [])


def forwards(apps, schema_editor):
    for create, _drop in _statements(schema_editor):
        schema_editor.execute(create)


def backwards(apps, schema_editor):
    for _create, drop in reversed(_statements(schema_editor)):
        if drop:
            schema_editor.execute(drop)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
