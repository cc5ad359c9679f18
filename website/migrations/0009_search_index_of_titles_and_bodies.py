"""A GIN index on what Wagtail's PostgreSQL search backend matches.

The backend (modelsearch) filters `(title || body) @@ query`: the GIN
indexes Wagtail creates are on `title` and on `body` apart, which this
expression cannot use, so every search read and matched every entry of the
index. This index is on the expression itself (PostgreSQL only; other
databases have their own full-text index)."""

from django.db import migrations

INDEX = "website_search_title_body_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailsearch_indexentry "
        "USING gin ((title || body))"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("website", "0008_outbox_listed_by_creation"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
