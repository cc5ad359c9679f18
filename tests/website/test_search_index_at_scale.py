"""The site's search on PostgreSQL can use a GIN index whatever the number
of pages (issue #23): Wagtail's database backend filters
`(title || body) @@ query`, which its own GIN indexes on `title` and on
`body` cannot serve; migration website/0009 indexes the expression."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from website.factories import StandardPageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def test_the_search_query_can_use_the_gin_index(client, translations):
    for number in range(5):
        StandardPageFactory(parent=translations["en"], title=f"Branch {number}")
    StandardPageFactory(parent=translations["en"], title="Bookmobile timetable")
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/en/search/?q=bookmobile")
    assert response.status_code == 200
    assert "Bookmobile timetable" in response.text
    searches = [q["sql"] for q in captured.captured_queries if "@@" in q["sql"]]
    assert len(searches) == 2  # the count and the page of results
    expression = (
        '("wagtailsearch_indexentry"."title" || "wagtailsearch_indexentry"."body") @@'
    )
    assert all(expression in sql for sql in searches)
    with connection.cursor() as cursor:
        # A table this small is read whole; without that choice, the
        # planner must be able to answer the backend's condition from the
        # index.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            "EXPLAIN SELECT object_id FROM wagtailsearch_indexentry "
            "WHERE (title || body) @@ to_tsquery('bookmobile')"
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Bitmap Index Scan on website_search_title_body_gin" in plan, plan
