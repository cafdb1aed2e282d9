import django.contrib.postgres.search
from django.db import migrations, models


def create_full_text(apps, schema_editor):
    """FTS5 on SQLite, a GIN index on PostgreSQL; nothing elsewhere."""
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(
            "CREATE VIRTUAL TABLE search_fts USING fts5(title, body, tokenize='unicode61')"
        )
    elif vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX search_document_vector_gin ON search_searchdocument USING GIN (vector)"
        )


def drop_full_text(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS search_fts")
    elif vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_document_vector_gin")


class Migration(migrations.Migration):
    initial = True

    dependencies: list[tuple[str, str]] = []

    operations = [
        migrations.CreateModel(
            name="SearchDocument",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True,
                                           serialize=False, verbose_name="ID")),
                ("kind", models.CharField(choices=[("partnership", "partnership"),
                                                   ("measure", "measure"),
                                                   ("event", "event"),
                                                   ("municipality", "municipality")],
                                          max_length=20)),
                ("object_id", models.PositiveBigIntegerField()),
                ("partnership_id", models.PositiveBigIntegerField(db_index=True)),
                ("title", models.TextField(blank=True)),
                ("body", models.TextField(blank=True)),
                ("vector", django.contrib.postgres.search.SearchVectorField(editable=False,
                                                                            null=True)),
            ],
            options={
                "constraints": [models.UniqueConstraint(
                    fields=("kind", "object_id", "partnership_id"),
                    name="search_document_once")],
            },
        ),
        migrations.RunPython(create_full_text, drop_full_text, elidable=False),
    ]
