"""The outgoing email listing at any size (issue #23): the same queries for
5 emails or 65, on every filter, ordered by the indexed creation time, and
without reading the bodies of the emails it lists."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from website.models import OutboxMessage

pytestmark = pytest.mark.django_db

LISTINGS = ["/admin/outbox/", "/admin/outbox/?status=pending", "/admin/outbox/?p=2"]


def add_messages(how_many, start=0):
    now = timezone.now()
    OutboxMessage.objects.bulk_create(
        OutboxMessage(
            key=f"scale:{number}",
            to=f"member{number}@example.org",
            subject=f"Your application {number}",
            body_text="Thank you for applying. " * 40,
            body_html="<p>Thank you for applying.</p>" * 40,
            status="sent" if number % 5 else "pending",
            next_attempt_at=now,
            created_at=now - datetime.timedelta(minutes=number),
        )
        for number in range(start, start + how_many)
    )


def listing(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return [query["sql"] for query in queries.captured_queries], response.text


@pytest.mark.parametrize("url", LISTINGS)
def test_the_listing_takes_the_same_queries_whatever_the_number_of_emails(
    admin_client, url
):
    add_messages(45)
    listing(admin_client, url)  # warm caches (site, locales, admin menus)
    few, _page = listing(admin_client, url)
    add_messages(200, start=45)
    many, page = listing(admin_client, url)
    assert len(many) == len(few)
    assert "Your application" in page
    rows = next(sql for sql in many if "ORDER BY" in sql and "outboxmessage" in sql)
    assert '"created_at" DESC' in rows
    assert "body_html" not in rows and "body_text" not in rows
