"""Publishing a post delivers it to the followers of its language, once
per server (its shared inbox), signed; editing sends an Update,
unpublishing a Delete; failures are retried with backoff and given up
after a while, every state visible in the admin's rows."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from fediverse import delivery
from fediverse.models import Delivery, Follower, RemoteActor

from .conftest import our_actor
from .remote_server import FediverseServer, verify_our_signature

pytestmark = pytest.mark.django_db


def follows(server, name, language="en", *, shared=True):
    remote, _created = RemoteActor.objects.get_or_create(
        uri=server.actor(name),
        domain=server.domain,
        username=name,
        inbox=f"{server.actor(name)}/inbox",
        shared_inbox=f"{server.base}/inbox" if shared else "",
        key_id=f"{server.actor(name)}#main-key",
        public_key_pem="-",
    )
    return Follower.objects.create(
        actor=our_actor(language), remote=remote, follow_id=f"{remote.uri}#follow"
    )


@pytest.fixture
def second_server():
    with FediverseServer() as server:
        server.account("carol", shared_inbox=False)
        yield server


def publish_new(make_post, capture, language="en", **fields):
    with capture(execute=True):
        return make_post(language, **fields)


def test_a_new_post_reaches_each_server_once_signed_with_its_article(
    mastodon, second_server, make_post, django_capture_on_commit_callbacks
):
    for name in ("alice", "bob"):
        follows(mastodon, name)
    follows(second_server, "carol", shared=False)
    follows(mastodon, "alice", "es")  # another language's follower: not sent
    post = publish_new(
        make_post,
        django_capture_on_commit_callbacks,
        title="Webinars 2018: and the winners are…",
        excerpt="Four topics were chosen.",
        tags=["webinars", "library skills"],
    )
    # make_post publishes twice (tags are set after the first): the first
    # publication is a Create, the second an Update; each once per server.
    assert [a["type"] for a in mastodon.delivered()] == ["Create", "Update"]
    assert [a["type"] for a in second_server.delivered()] == ["Create", "Update"]
    shared = mastodon.inbox_requests()[0]
    personal = second_server.inbox_requests()[0]
    assert shared.path == "/inbox"
    assert personal.path == "/users/carol/inbox"
    for request in (shared, personal):
        verify_our_signature(request, our_actor().public_key_pem)
    create = json.loads(shared.body)
    assert create["type"] == "Create"
    article = create["object"]
    assert article["type"] == "Article"
    assert article["name"] == "Webinars 2018: and the winners are…"
    assert article["summary"] == "Four topics were chosen."
    assert article["url"] == post.get_full_url()
    assert article["id"] == f"http://testserver/fediverse/posts/{post.pk}/"
    assert sorted(tag["name"] for tag in article["tag"]) == [
        "#libraryskills",
        "#webinars",
    ]
    assert "https://www.w3.org/ns/activitystreams#Public" in create["to"]
    assert set(Delivery.objects.values_list("state", flat=True)) == {"sent"}


def test_editing_sends_an_update_and_unpublishing_a_delete(
    mastodon, make_post, django_capture_on_commit_callbacks
):
    follows(mastodon, "alice")
    post = publish_new(make_post, django_capture_on_commit_callbacks)
    post.refresh_from_db()
    post.title = "Corrected title"
    with django_capture_on_commit_callbacks(execute=True):
        post.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        post.unpublish()
    kinds = [activity["type"] for activity in mastodon.delivered()]
    assert kinds == ["Create", "Update", "Delete"]
    update, delete = mastodon.delivered()[1:]
    assert update["object"]["name"] == "Corrected title"
    assert delete["object"] == {
        "id": f"http://testserver/fediverse/posts/{post.pk}/",
        "type": "Tombstone",
    }


def test_a_post_with_no_followers_sends_nothing(
    mastodon, make_post, django_capture_on_commit_callbacks
):
    publish_new(make_post, django_capture_on_commit_callbacks)
    assert mastodon.inbox_requests() == []
    assert not Delivery.objects.exists()


def test_a_failing_server_is_retried_with_backoff_then_given_up(
    mastodon, make_post, django_capture_on_commit_callbacks, settings
):
    follows(mastodon, "alice")
    mastodon.http.route("/inbox", status=503)
    publish_new(make_post, django_capture_on_commit_callbacks)
    row = Delivery.objects.get()
    assert row.state == "retrying"
    assert row.attempts == 1
    assert row.response_status == 503
    assert (
        timedelta(seconds=50)
        < row.next_attempt_at - timezone.now()
        <= timedelta(minutes=1)
    )
    # Not due yet: the periodic job does not send it again.
    assert delivery.queue_due() == 0
    assert len(mastodon.inbox_requests()) == 1
    # Due: sent again, fails again, waits four times longer.
    Delivery.objects.update(next_attempt_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        delivery.queue_due()
    row.refresh_from_db()
    assert row.attempts == 2
    assert row.next_attempt_at - timezone.now() > timedelta(minutes=3)
    # Past the give-up window, the next failure gives it up.
    Delivery.objects.update(
        next_attempt_at=timezone.now(), created_at=timezone.now() - timedelta(days=4)
    )
    with django_capture_on_commit_callbacks(execute=True):
        delivery.queue_due()
    row.refresh_from_db()
    assert row.state == "given_up"
    assert "503" in row.last_error


def test_a_server_back_up_gets_it_once(
    mastodon, make_post, django_capture_on_commit_callbacks
):
    follows(mastodon, "alice")
    mastodon.http.route("/inbox", status=502)
    publish_new(make_post, django_capture_on_commit_callbacks)
    mastodon.http.route("/inbox", status=202)
    Delivery.objects.update(next_attempt_at=timezone.now())
    for _ in range(2):  # the periodic job running twice
        with django_capture_on_commit_callbacks(execute=True):
            delivery.queue_due()
    assert [request.path for request in mastodon.inbox_requests()] == ["/inbox"] * 2
    assert Delivery.objects.get().state == "sent"


def test_a_claimed_delivery_is_not_sent_by_a_second_worker(mastodon, post):
    follows(mastodon, "alice")
    actor = our_actor()
    delivery.queue(
        actor,
        {"id": "http://testserver/x#1", "type": "Create"},
        [f"{mastodon.base}/inbox"],
        page_id=None,
    )
    row = Delivery.objects.get()
    assert delivery.claim(row.pk) is not None
    assert delivery.claim(row.pk) is None  # another worker finds it taken


def test_deleting_a_post_sends_a_delete(
    mastodon, make_post, django_capture_on_commit_callbacks
):
    follows(mastodon, "alice")
    post = publish_new(make_post, django_capture_on_commit_callbacks)
    page_id = post.pk
    with django_capture_on_commit_callbacks(execute=True):
        post.delete()
    create, delete = mastodon.delivered()
    assert (create["type"], delete["type"]) == ("Create", "Delete")
    assert delete["object"]["id"] == f"http://testserver/fediverse/posts/{page_id}/"


def test_a_private_post_is_not_delivered(
    mastodon, make_post, django_capture_on_commit_callbacks
):
    from wagtail.models import PageViewRestriction

    follows(mastodon, "alice")
    post = make_post()
    PageViewRestriction.objects.create(
        page=post, restriction_type=PageViewRestriction.LOGIN
    )
    with django_capture_on_commit_callbacks(execute=True):
        post.save_revision().publish()
    assert mastodon.inbox_requests() == []
