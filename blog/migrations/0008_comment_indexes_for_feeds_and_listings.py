# An index on django_comments (django-comments' own table, which the blog's
# comments extend) for what the blog asks of it at scale: one post's
# newest comments (the comment feed, the thread) without walking the whole
# submit_date index past other posts' comments.

from django.db import migrations

OBJECT_DATE = "blog_comments_object_date"


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0007_tag_names"),
        ("django_comments", "0004_add_object_pk_is_removed_index"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {OBJECT_DATE} ON django_comments "
            "(object_pk, content_type_id, submit_date)",
            f"DROP INDEX IF EXISTS {OBJECT_DATE}",
        ),
    ]
