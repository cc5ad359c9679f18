"""Tasks left RUNNING by a worker that died: `manage.py requeue_stuck_tasks`
runs them again once they have been stuck for TASKS_STUCK_AFTER_SECONDS,
and marks failed those already tried TASKS_MAX_ATTEMPTS times.

The first test kills a real `db_worker` while a task is half done: sending
the linkbacks of a post, held by the second of three blogs it links to.
(The matching desk's task is tested in tests/program/test_matching_runs.py.)
"""

import logging
import os
import signal
from datetime import timedelta
from urllib.parse import parse_qs

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from blog.factories import BlogIndexPageFactory, BlogPageFactory
from linkbacks.models import SentLinkback
from linkbacks.send import send_linkbacks
from tests.httpservers import HTML, LocalHTTPServer, wait_until
from tests.workers import (
    left_running,
    run_worker_batch,
    start_worker,
    worker_environment,
)
from website.outbox import deliver_message

DATABASE_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def database_queue(settings):
    """Tasks are rows run by workers, as in production."""
    settings.TASKS = DATABASE_BACKEND


def blog_with_an_endpoint(server, name):
    """A post on `server` whose Webmention endpoint accepts everything;
    returns the post's URL."""
    server.route(f"/{name}/wm", status=202, body=b"Accepted")
    return server.route(
        f"/{name}/post",
        headers={"Content-Type": HTML, "Link": f'</{name}/wm>; rel="webmention"'},
        body=b"<html><body>A post</body></html>",
    )


def webmentions(server, name):
    return [
        parse_qs(request.body.decode())["target"]
        for request in server.requests
        if request.path == f"/{name}/wm"
    ]


@pytest.mark.postgres
@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_task_whose_worker_was_killed_runs_again_once_on_a_fresh_worker(
    home, database_queue
):
    with LocalHTTPServer() as blogs:
        links = [blog_with_an_endpoint(blogs, name) for name in ("a", "b", "c")]
        blogs.route("/b/post", respond=False)  # b holds the worker's request
        body = " and ".join(f'<a href="{link}">this post</a>' for link in links)
        post = BlogPageFactory(
            parent=BlogIndexPageFactory(parent=home),
            body=[("paragraph", f"<p>We enjoyed {body}.</p>")],
        )
        sending = DBTaskResult.objects.filter(pk=send_linkbacks.enqueue(post.pk).id)
        # The development settings: production's refuse to fetch loopback.
        env = worker_environment(
            DJANGO_SETTINGS_MODULE="website.settings.dev",
            TASKS_BACKEND="django_tasks_db.DatabaseBackend",
            SAFE_HTTP_ALLOW_LOOPBACK="1",
        )

        worker = start_worker(env)
        try:
            held = wait_until(lambda: "/b/post" in blogs.paths_requested(), 60)
            assert held, worker.stderr.read1().decode()
            os.kill(worker.pid, signal.SIGKILL)
            worker.wait(10)
        finally:
            if worker.poll() is None:
                worker.kill()

        # a was notified; the task stays RUNNING and nothing picks it up.
        assert sending.get().status == "RUNNING"
        assert webmentions(blogs, "a") == [[links[0]]]
        assert list(SentLinkback.objects.values_list("target", flat=True)) == [links[0]]

        # b answers again; the periodic job finds the task an hour later.
        blog_with_an_endpoint(blogs, "b")
        sending.update(started_at=timezone.now() - timedelta(hours=1))
        call_command("requeue_stuck_tasks")
        assert sending.get().status == "READY"
        run_worker_batch(env)

    result = sending.get()
    assert result.status == "SUCCESSFUL"
    assert len(result.worker_ids) == 2
    # Each blog was notified once: a not again, b and c by the fresh worker.
    for name, link in zip("abc", links, strict=True):
        assert webmentions(blogs, name) == [[link]]
    sent = SentLinkback.objects.order_by("target")
    assert [(s.target, s.status, s.attempts) for s in sent] == [
        (link, "sent", 1) for link in links
    ]


@pytest.mark.django_db
def test_a_task_running_within_the_time_limit_is_left_alone(database_queue):
    result = DBTaskResult.objects.get(pk=deliver_message.enqueue(1).id)
    left_running(result, started_ago=timedelta(minutes=14))

    call_command("requeue_stuck_tasks")

    result.refresh_from_db()
    assert result.status == "RUNNING"
    assert result.worker_ids == ["dead-worker-1"]


@pytest.mark.django_db
def test_a_stuck_task_with_attempts_left_is_queued_again(database_queue, caplog):
    result = DBTaskResult.objects.get(pk=deliver_message.enqueue(1).id)
    left_running(result, attempts=2, started_ago=timedelta(minutes=16))

    call_command("requeue_stuck_tasks")

    result.refresh_from_db()
    assert result.status == "READY"
    assert result.worker_ids == ["dead-worker-1", "dead-worker-2"]
    assert f"Re-queued task {result.pk}" in caplog.text
    assert "attempt 2 of 3" in caplog.text


@pytest.mark.django_db
def test_a_task_stuck_on_its_last_attempt_is_marked_failed(
    database_queue, settings, caplog
):
    settings.TASKS_MAX_ATTEMPTS = 2
    result = DBTaskResult.objects.get(pk=deliver_message.enqueue(1).id)
    left_running(result, attempts=2)

    call_command("requeue_stuck_tasks")

    result.refresh_from_db()
    assert result.status == "FAILED"
    assert result.finished_at is not None
    assert result.exception_class_path == "website.stuck_tasks.WorkerLost"
    assert "without finishing on each of 2 attempts" in result.traceback
    (record,) = [r for r in caplog.records if r.name == "website.stuck_tasks"]
    assert record.levelno == logging.ERROR
    assert record.getMessage() == (
        f"Gave up on task {result.pk} (website.outbox.deliver_message): its "
        "worker stopped without finishing on each of 2 attempts; marked failed."
    )
    # Failed for good: the next runs leave it alone.
    call_command("requeue_stuck_tasks")
    result.refresh_from_db()
    assert result.status == "FAILED"
