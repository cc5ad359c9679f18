"""Webmention in: the receiver's answers, then verification of the source
against real local servers, through to the entry on the post's page."""

import pytest
from django.utils.html import escape

from blog.models import BlogComment, CommentModerationSettings
from linkbacks.models import ReceivedLinkback
from tests.httpservers import endless
from website.factories import UserFactory
from website.models import OutboxMessage

from .conftest import entries, known_site, page_linking_to

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def post(make_post):
    return make_post(title="Discussion topic: Getting to know you", topic=True)


@pytest.fixture(scope="module")
def closed_post(make_post):
    return make_post(title="No linkbacks here", allow_linkbacks=False)


def send(client, capture, source, target):
    """POST a webmention and run the verification task it queues."""
    with capture(execute=True):
        return client.post("/webmention/", {"source": source, "target": target})


def linkback(source):
    return ReceivedLinkback.objects.get(source=source)


def test_a_valid_webmention_is_accepted_verified_and_shown_on_the_post(
    client, django_capture_on_commit_callbacks, post, other_site
):
    known_site(post, other_site)
    source = other_site.html("/kumasi", page_linking_to(post.get_full_url()))

    response = send(
        client, django_capture_on_commit_callbacks, source, post.get_full_url()
    )

    assert response.status_code == 202
    assert "Location" not in response
    assert other_site.paths_requested() == ["/kumasi"]
    entry = linkback(source).comment
    assert entry.kind == BlogComment.Kind.WEBMENTION and entry.is_public
    assert entry.source_title == "Libraries in Kumasi"
    assert entry.source_site_name == "127.0.0.1"  # no og:site_name: the host
    page = client.get(post.url).content.decode()
    assert "Libraries in Kumasi" in page
    assert (
        "— […] the short-loan shelf that a partner library suggested has changed "
        "how students find textbooks. As the third round of the mentoring "
        "programme kicked off with getting-to-know-you questions, we wrote down "
        "what a normal day looks like for us. […]" in page
    )


def test_the_target_may_omit_the_trailing_slash(
    client, django_capture_on_commit_callbacks, post, other_site
):
    target = post.get_full_url().rstrip("/")
    source = other_site.html("/no-slash", page_linking_to(target))

    response = send(client, django_capture_on_commit_callbacks, source, target)

    assert response.status_code == 202
    assert linkback(source).status == ReceivedLinkback.Status.HELD


def test_a_first_linkback_from_an_unknown_site_waits_for_a_moderator(
    client, django_capture_on_commit_callbacks, post, other_site
):
    source = other_site.html("/first", page_linking_to(post.get_full_url()))

    send(client, django_capture_on_commit_callbacks, source, post.get_full_url())

    assert linkback(source).status == ReceivedLinkback.Status.HELD
    assert not linkback(source).comment.is_public
    assert linkback(source).comment.hold_reason == "new_site"
    assert "Libraries in Kumasi" not in client.get(post.url).content.decode()


def test_moderators_are_emailed_once_about_a_held_linkback(
    client, django_capture_on_commit_callbacks, post, other_site
):
    moderator = UserFactory(is_superuser=True, is_staff=True)
    source = other_site.html("/held", page_linking_to(post.get_full_url()))

    send(client, django_capture_on_commit_callbacks, source, post.get_full_url())
    # The same site notifies again (an edited post): no second email.
    send(client, django_capture_on_commit_callbacks, source, post.get_full_url())

    message = OutboxMessage.objects.get(to=moderator.email)
    assert message.subject == (f"A linkback to “{post.title}” awaits moderation")
    assert "127.0.0.1 linked to" in message.body_text
    assert "http://testserver/admin/" in message.body_text


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"target": "TARGET"}, "Send both source and target"),
        ({"source": "https://elsewhere.example/p"}, "Send both source and target"),
        (
            {"source": "ftp://elsewhere.example/p", "target": "TARGET"},
            "The source must be an http or https address.",
        ),
        (
            {"source": "https://elsewhere.example/p", "target": "javascript:alert(1)"},
            "The target must be the http or https address of a post on this site.",
        ),
        (
            {
                "source": "https://elsewhere.example/p",
                "target": "https://elsewhere.example/q",
            },
            "The target is not a published post of this site.",
        ),
        (
            {"source": "TARGET", "target": "TARGET"},
            "The source and the target must be different pages.",
        ),
        (
            {"source": "https://elsewhere.example/p", "target": "CLOSED"},
            "This post does not accept linkbacks.",
        ),
    ],
)
def test_bad_webmentions_get_a_400_with_a_plain_message_and_store_nothing(
    client, post, closed_post, form, message
):
    targets = {"TARGET": post.get_full_url(), "CLOSED": closed_post.get_full_url()}
    form = {name: targets.get(value, value) for name, value in form.items()}

    response = client.post("/webmention/", form)

    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    assert message in response.content.decode()
    assert not ReceivedLinkback.objects.exists()


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/x-www-form-urlencoded; charset=bogus", b"source=a&target=b"),
        ("multipart/form-data", b"no boundary"),
        ("multipart/form-data; boundary=", b"--\r\n"),
    ],
)
def test_undecodable_bodies_get_a_400_with_a_plain_message(client, content_type, body):
    response = client.generic("POST", "/webmention/", body, content_type)

    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"


def test_the_endpoint_answers_only_post(client):
    response = client.get("/webmention/")
    assert response.status_code == 405
    assert response["Allow"] == "POST"


def test_a_source_without_the_link_is_rejected(
    client, django_capture_on_commit_callbacks, post, other_site
):
    source = other_site.html("/unrelated", page_linking_to("https://example.org/"))

    send(client, django_capture_on_commit_callbacks, source, post.get_full_url())

    assert linkback(source).status == ReceivedLinkback.Status.REJECTED
    assert entries(post) == []


def test_a_link_in_an_html_comment_or_in_text_does_not_count(
    client, django_capture_on_commit_callbacks, post, other_site
):
    target = post.get_full_url()
    source = other_site.html(
        "/hidden",
        f'<p><!-- <a href="{target}">x</a> --> {target} '
        f"&lt;a href=&quot;{target}&quot;&gt;</p>",
    )

    send(client, django_capture_on_commit_callbacks, source, target)

    assert linkback(source).status == ReceivedLinkback.Status.REJECTED


@pytest.mark.parametrize(
    "private", ["http://10.0.0.1/", "http://169.254.169.254/latest/meta-data/"]
)
def test_a_source_redirecting_to_a_private_address_is_not_followed(
    client, django_capture_on_commit_callbacks, post, other_site, private
):
    source = other_site.redirect("/moved", private)

    response = send(
        client, django_capture_on_commit_callbacks, source, post.get_full_url()
    )

    assert response.status_code == 202  # the sender learns nothing
    record = linkback(source)
    assert record.status == ReceivedLinkback.Status.FAILED
    assert "is not public" in record.detail
    assert entries(post) == []


def test_a_huge_source_is_abandoned_at_the_size_cap(
    client, django_capture_on_commit_callbacks, post, other_site
):
    source = other_site.route("/huge", body=endless(b"<p>" + b"x" * 65536))

    send(client, django_capture_on_commit_callbacks, source, post.get_full_url())

    record = linkback(source)
    assert record.status == ReceivedLinkback.Status.FAILED
    assert "TooLarge" in record.detail


def test_a_slow_source_is_abandoned_at_the_deadline(
    client, django_capture_on_commit_callbacks, post, other_site, settings
):
    settings.SAFE_HTTP_TIMEOUT = 0.5
    source = other_site.route(
        "/slow", body=page_linking_to(post.get_full_url()).encode(), delay=3
    )

    send(client, django_capture_on_commit_callbacks, source, post.get_full_url())

    record = linkback(source)
    assert record.status == ReceivedLinkback.Status.FAILED
    assert "TooSlow" in record.detail


def test_a_new_notification_updates_the_entry(
    client, django_capture_on_commit_callbacks, post, other_site
):
    known_site(post, other_site)
    target = post.get_full_url()
    source = other_site.html("/draft", page_linking_to(target, title="First title"))
    send(client, django_capture_on_commit_callbacks, source, target)
    other_site.html("/draft", page_linking_to(target, title="Better title"))

    response = send(client, django_capture_on_commit_callbacks, source, target)

    assert response.status_code == 202
    assert [entry.source_title for entry in entries(post)[1:]] == ["Better title"]
    page = client.get(post.url).content.decode()
    assert "Better title" in page and "First title" not in page


def test_a_source_that_is_gone_loses_its_entry(
    client, django_capture_on_commit_callbacks, post, other_site
):
    known_site(post, other_site)
    target = post.get_full_url()
    source = other_site.html("/gone", page_linking_to(target, title="Soon gone"))
    send(client, django_capture_on_commit_callbacks, source, target)
    assert "Soon gone" in client.get(post.url).content.decode()
    other_site.route("/gone", status=410, body=b"Gone")

    send(client, django_capture_on_commit_callbacks, source, target)

    assert linkback(source).status == ReceivedLinkback.Status.REMOVED
    assert "Soon gone" not in client.get(post.url).content.decode()


def test_a_source_that_no_longer_links_loses_its_entry_and_gets_it_back(
    client, django_capture_on_commit_callbacks, post, other_site
):
    known_site(post, other_site)
    target = post.get_full_url()
    source = other_site.html("/edited", page_linking_to(target, title="Edited"))
    send(client, django_capture_on_commit_callbacks, source, target)
    other_site.html("/edited", page_linking_to("https://example.org/"))

    send(client, django_capture_on_commit_callbacks, source, target)
    assert "Edited" not in client.get(post.url).content.decode()

    other_site.html("/edited", page_linking_to(target, title="Edited"))
    send(client, django_capture_on_commit_callbacks, source, target)
    assert "Edited" in client.get(post.url).content.decode()
    assert len(entries(post)) == 2  # the earlier post and this one, once


def test_a_repost_becomes_a_reblog_with_the_rebloggers_commentary(
    client, django_capture_on_commit_callbacks, post, other_site
):
    known_site(post, other_site)
    target = post.get_full_url()
    source = other_site.html(
        "/repost",
        '<html><head><meta property="og:site_name" content="Diario de una '
        'documentalista"></head><body><article class="h-entry">'
        '<a class="u-author h-card" href="/">Lucía Pérez</a>'
        '<div class="e-content">Very useful questions for our own mentoring '
        "circle.</div>"
        f'<a class="u-repost-of" href="{target}">Getting to know you</a>'
        "</article></body></html>",
    )

    send(client, django_capture_on_commit_callbacks, source, target)

    entry = linkback(source).comment
    assert entry.kind == BlogComment.Kind.REBLOG
    assert entry.source_site_name == "Diario de una documentalista"
    assert entry.user_name == "Lucía Pérez"
    page = client.get(post.url).content.decode()
    assert (
        escape("Reblogged this on Diario de una documentalista and commented:") in page
    )
    assert "Very useful questions for our own mentoring circle." in page


def test_a_wordpress_reblog_keeps_the_commentary(
    client, django_capture_on_commit_callbacks, post, other_site
):
    target = post.get_full_url()
    source = other_site.html(
        "/wp-reblog",
        "<html><body><div class='reblogger-note'>Reblogged this on Biblioteca "
        "Alcaraz and commented: <p>We start our own circle in May.</p></div>"
        f"<div class='reblog-post'><a href='{target}'>Getting to know you</a>"
        "<p>The third round…</p></div></body></html>",
    )

    send(client, django_capture_on_commit_callbacks, source, target)

    entry = linkback(source).comment
    assert entry.kind == BlogComment.Kind.REBLOG
    assert entry.source_site_name == "Biblioteca Alcaraz"
    assert entry.comment == "We start our own circle in May."


def test_an_h_entry_gives_the_title_and_author(
    client, django_capture_on_commit_callbacks, post, other_site
):
    target = post.get_full_url()
    source = other_site.html(
        "/reply",
        "<html><head><title>Site title | Blog</title></head><body>"
        '<article class="h-entry"><h1 class="p-name">Our answers to round 3</h1>'
        '<p class="p-author h-card">Kofi Mensah</p><div class="e-content">'
        f'<a class="u-in-reply-to" href="{target}">Topic</a>: we answered every '
        "prompt.</div></article></body></html>",
    )

    send(client, django_capture_on_commit_callbacks, source, target)

    entry = linkback(source).comment
    assert (entry.source_title, entry.user_name) == (
        "Our answers to round 3",
        "Kofi Mensah",
    )
    assert "we answered every prompt" in entry.comment


@pytest.mark.parametrize(
    ("list_name", "status"),
    [
        ("block_list", ReceivedLinkback.Status.DISCARDED),
        ("hold_list", ReceivedLinkback.Status.HELD),
    ],
)
def test_linkbacks_follow_the_hold_and_block_lists(
    client, django_capture_on_commit_callbacks, post, other_site, list_name, status
):
    known_site(post, other_site)
    settings_row = CommentModerationSettings.for_site(post.get_site())
    setattr(settings_row, list_name, "casino")
    settings_row.save()
    target = post.get_full_url()
    source = other_site.html("/spam", page_linking_to(target, title="Casino deals"))

    send(client, django_capture_on_commit_callbacks, source, target)

    assert linkback(source).status == status
    assert "Casino deals" not in client.get(post.url).content.decode()
    if status == ReceivedLinkback.Status.HELD:
        assert linkback(source).comment.hold_reason == "hold_list"


def test_linkbacks_are_rate_limited_per_address(client, post, settings):
    settings.LINKBACKS_RATE_LIMIT = (2, 60)
    form = {"source": "https://elsewhere.example/p", "target": post.get_full_url()}

    statuses = [client.post("/webmention/", form).status_code for _ in range(3)]

    assert statuses == [202, 202, 429]
