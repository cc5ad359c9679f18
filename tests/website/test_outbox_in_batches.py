"""process_outbox enqueues due messages in batches: one task (one INSERT)
per DELIVERY_BATCH rows, so its queries grow with the batches, not the
rows; every due message is delivered once by the batch tasks."""

import math
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from website import outbox
from website.models import OutboxMessage

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_queue(settings):
    """Tasks are rows run by workers, as in production."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def due_messages(how_many, start=0):
    """Rows whose first enqueue was lost: due now, never tried."""
    OutboxMessage.objects.bulk_create(
        OutboxMessage(
            key=f"test:{start + number}",
            to=f"reader{start + number}@example.org",
            subject="Hello",
            body_text="Hello again",
            next_attempt_at=timezone.now() - timedelta(minutes=1),
        )
        for number in range(how_many)
    )


def test_the_queries_of_process_outbox_grow_with_batches_not_rows(
    database_queue, django_assert_max_num_queries
):
    due_messages(3)
    with CaptureQueriesContext(connection) as queries:
        call_command("process_outbox", verbosity=0)
    little = len(queries.captured_queries)
    assert DBTaskResult.objects.count() == 1
    OutboxMessage.objects.all().delete()
    DBTaskResult.objects.all().delete()
    many = 2 * outbox.DELIVERY_BATCH + 31
    due_messages(many, start=10)
    batches = math.ceil(many / outbox.DELIVERY_BATCH)
    with django_assert_max_num_queries(little + batches - 1):
        call_command("process_outbox", verbosity=0)
    tasks = DBTaskResult.objects.all()
    assert tasks.count() == batches
    enqueued = sorted(pk for task in tasks for pk in task.args_kwargs["args"][0])
    assert enqueued == sorted(OutboxMessage.objects.values_list("pk", flat=True))


def test_every_due_message_is_delivered_once_by_the_batches():
    due_messages(outbox.DELIVERY_BATCH + 5)
    call_command("process_outbox", verbosity=0)
    call_command("process_outbox", verbosity=0)  # nothing is due any more
    assert len(mail.outbox) == outbox.DELIVERY_BATCH + 5
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        OutboxMessage.objects.values_list("to", flat=True)
    )
    assert not OutboxMessage.objects.exclude(status=OutboxMessage.Status.SENT)
