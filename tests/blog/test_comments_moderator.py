"""The demo's comment moderator (moderator@example.org, "Comment
moderators"): told of a held comment with a link to it, sees which post
each comment is on and why it waits, reads it in the moderation view and
decides there (approve, reject, mark as spam; delete asks first), and
reaches nothing outside the role.

The demo content is loaded once for the module (rolled back at its end);
each test's own changes are rolled back after it."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_comments.models import CommentFlag
from wagtail.models import Page, Site

from blog.models import BlogComment, CommentModerationSettings, DiscussionTopicPage
from program.models import RoundPage
from voting.models import ElectionPage
from website.factories import UserFactory
from website.models import OutboxMessage

from .comment_helpers import comment_anonymously, fresh_rate_limits  # noqa: F401

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/snippets/blog/blogcomment/"
VIEW_URL = "/admin/snippets/blog/blogcomment/inspect/{pk}/"
LOGIN = "/django-admin/login/"


@pytest.fixture(scope="module")
def demo(module_db):
    call_command("seed_demo", verbosity=0)


@pytest.fixture
def topic(demo):
    return DiscussionTopicPage.objects.get(
        title="Discussion topic: Getting to know you"
    )


@pytest.fixture
def moderator(demo, client):
    user = get_user_model().objects.get(email="moderator@example.org")
    client.force_login(user)
    return user


def held_demo_comment():
    """The demo thread's one held comment (two links)."""
    return BlogComment.objects.pending().get(user_email="pat.quinn@example.org")


def add(post, text, **fields):
    fields.setdefault("user_name", "Ama Owusu")
    fields.setdefault("user_email", "ama@example.org")
    return BlogComment.objects.create(
        content_object=post, site_id=1, comment=text, language="en", **fields
    )


def test_the_email_about_a_held_comment_links_to_the_comment_itself(
    client, topic, demo
):
    comment = comment_anonymously(client, topic, comment="Hello from Accra!")
    assert comment.hold_reason == BlogComment.HoldReason.FIRST_COMMENT
    message = OutboxMessage.objects.get(
        to="moderator@example.org", template="blog/email/comment_held"
    )
    assert f"http://testserver{VIEW_URL.format(pk=comment.pk)}" in message.body_text
    assert "Why it waits: First comment from this address." in message.body_text
    assert "Hello from Accra!" in message.body_text


def test_the_list_shows_the_post_of_each_comment_and_why_it_waits(
    client, moderator, topic
):
    held = held_demo_comment()
    html = client.get(LIST_URL, {"status": "pending"}).text
    assert f'<a href="{topic.url}">{topic.title}</a> (en)' in html
    assert "Two or more links" in html
    # The comment's title leads to its moderation view.
    assert f'href="{VIEW_URL.format(pk=held.pk)}"' in html


def test_the_list_reads_posts_and_reports_in_a_fixed_number_of_queries(
    client, moderator, topic
):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(LIST_URL).status_code == 200
        return len(captured)

    queries()  # the first request fills the caches (sites, content types)
    before = queries()
    spanish = topic.get_translations().get()
    reader = UserFactory()
    for number in range(12):
        comment = add(spanish if number % 2 else topic, f"More words {number}")
        CommentFlag.objects.create(
            comment=comment, user=reader, flag=CommentFlag.SUGGEST_REMOVAL
        )
    assert queries() == before


def test_the_moderation_view_shows_what_a_moderator_decides_on(
    client, moderator, topic
):
    held = held_demo_comment()
    response = client.get(VIEW_URL.format(pk=held.pk))
    assert response.status_code == 200
    html = response.text
    assert "Why it waits" in html and "Two or more links" in html
    assert topic.title in html and "(English)" in html
    assert "Pat Quinn" in html and "pat.quinn@example.org" in html
    assert "Great prompts!" in html
    assert "2 links in it" in html
    for url in (
        "https://smalllibraries.example.org/mentoring",
        "https://smalllibraries.example.org/peer-support",
    ):
        assert f'<li><a href="{url}" rel="nofollow noopener noreferrer">' in html
    # Not the model's form: decisions, not checkboxes.
    assert 'name="is_public"' not in html
    assert re.search(r'<button type="submit" name="decision" value="approve"', html)


def test_the_view_names_the_hold_list_entries_found(client, moderator, topic):
    CommentModerationSettings.objects.update_or_create(
        site=Site.objects.get(is_default_site=True),
        defaults={"hold_list": "casino\nlottery"},
    )
    held = add(
        topic,
        "Win the LOTTERY",
        is_public=False,
        hold_reason=BlogComment.HoldReason.HOLD_LIST,
    )
    html = client.get(VIEW_URL.format(pk=held.pk)).text
    assert "Matches the hold list" in html
    assert "<q>lottery</q>" in html and "<q>casino</q>" not in html


def test_the_view_explains_a_linkback_from_a_new_site(client, moderator, topic):
    held = add(
        topic,
        "[…] our round 3 […]",
        kind=BlogComment.Kind.PINGBACK,
        user_email="",
        source_url="https://newblog.example.org/round-3/",
        source_title="Round 3 at our library",
        is_public=False,
        hold_reason=BlogComment.HoldReason.NEW_SITE,
    )
    html = client.get(VIEW_URL.format(pk=held.pk)).text
    assert "First linkback from this site" in html
    assert 'href="https://newblog.example.org/round-3/"' in html
    assert "Round 3 at our library" in html


def test_approving_in_the_view_publishes_it_and_tells_followers(
    client, moderator, topic
):
    add(topic, "Following along", user_email="follow@example.org", followup=True)
    held = held_demo_comment()
    assert "Great prompts!" not in client.get(topic.url).text
    response = client.post(VIEW_URL.format(pk=held.pk), {"decision": "approve"})
    assert response.status_code == 302
    assert response["Location"] == f"{LIST_URL}?status=pending"
    listing = client.get(response["Location"]).text
    assert "Comment approved" in listing
    held.refresh_from_db()
    assert held.is_public and not held.is_removed and not held.is_spam
    assert "Great prompts!" in client.get(topic.url).text
    assert OutboxMessage.objects.filter(to="follow@example.org").count() == 1


@pytest.mark.parametrize(
    ("decision", "state"),
    [("spam", "is_spam"), ("remove", "is_removed")],
)
def test_spam_and_reject_hide_it_and_can_be_undone(
    client, moderator, topic, decision, state
):
    comment = add(topic, "Visible words")
    url = VIEW_URL.format(pk=comment.pk)
    client.post(url, {"decision": decision, "next": f"{LIST_URL}?status=published"})
    comment.refresh_from_db()
    assert getattr(comment, state)
    assert not BlogComment.objects.visible().filter(pk=comment.pk).exists()
    assert "Visible words" not in client.get(topic.url).text
    client.post(url, {"decision": "approve"})
    assert "Visible words" in client.get(topic.url).text


def test_a_decision_returns_to_where_the_moderator_came_from(client, moderator, topic):
    comment = add(topic, "Words")
    back = f"{LIST_URL}?status=published&kind=comment"
    response = client.post(
        VIEW_URL.format(pk=comment.pk), {"decision": "spam", "next": back}
    )
    assert response["Location"] == back
    elsewhere = client.post(
        VIEW_URL.format(pk=comment.pk),
        {"decision": "approve", "next": "https://evil.example/"},
    )
    assert elsewhere["Location"] == f"{LIST_URL}?status=pending"


def test_an_unknown_decision_changes_nothing(client, moderator, topic):
    held = held_demo_comment()
    response = client.post(VIEW_URL.format(pk=held.pk), {"decision": "publish"})
    assert response.status_code == 302
    held.refresh_from_db()
    assert not held.is_public


def test_delete_asks_first(client, moderator, topic):
    comment = add(topic, "Delete me")
    url = f"{LIST_URL}delete/{comment.pk}/"
    assert client.get(url).status_code == 200
    assert BlogComment.objects.filter(pk=comment.pk).exists()
    client.post(url)
    assert not BlogComment.objects.filter(pk=comment.pk).exists()


def test_the_edit_form_is_for_the_text_only(client, moderator, topic):
    comment = add(topic, "Words with a typo")
    html = client.get(f"{LIST_URL}edit/{comment.pk}/").text
    assert 'name="comment"' in html
    assert 'name="is_public"' not in html and 'name="is_spam"' not in html


def test_a_reported_comment_shows_its_reports(client, moderator, topic):
    comment = add(topic, "Rude words")
    reader = get_user_model().objects.get(email="member@example.org")
    CommentFlag.objects.create(
        comment=comment, user=reader, flag=CommentFlag.SUGGEST_REMOVAL
    )
    listing = client.get(LIST_URL, {"status": "flagged"}).text
    assert "Rude words" in listing and "Reported by 1 reader" in listing
    view = client.get(VIEW_URL.format(pk=comment.pk)).text
    assert "Reported by 1 reader" in view and "Amaka Obi" in view


def test_who_may_only_read_comments_cannot_decide(client, topic, demo):
    reader = UserFactory(is_staff=True)
    reader.user_permissions.add(
        *Permission.objects.filter(codename__in=["access_admin", "view_blogcomment"])
    )
    client.force_login(reader)
    held = held_demo_comment()
    url = VIEW_URL.format(pk=held.pk)
    assert client.get(url).status_code == 200
    assert 'name="decision"' not in client.get(url).text
    refused = client.post(url, {"decision": "approve"})
    # Wagtail's admin answers a PermissionDenied with its dashboard and a
    # "you do not have permission" message.
    assert refused.status_code == 302 and refused["Location"] == "/admin/"
    held.refresh_from_db()
    assert not held.is_public


def doors():
    """Admin pages outside a comment moderator's role."""
    post = Page.objects.get(title="2018: a blank book")
    election = ElectionPage.objects.live().first()
    round_page = RoundPage.objects.first()
    return [
        f"/admin/pages/{post.pk}/edit/",
        f"/admin/pages/{post.get_parent().pk}/add_subpage/",
        f"/admin/elections/{election.pk}/",
        "/admin/program/matching/",
        f"/admin/program/matching/{round_page.pk}/",
        "/admin/users/",
        "/admin/groups/",
        "/admin/sites/",
        "/admin/locales/",
        "/admin/outbox/",
        "/admin/social_login/",
        "/admin/snippets/blog/author/",
        "/django-admin/",
    ]


def test_the_moderator_reaches_no_door_outside_the_role(client, moderator):
    for url in doors():
        response = client.get(url)
        assert response.status_code in (302, 403), url
        if response.status_code == 302:  # to the dashboard or a login page
            assert response["Location"].split("?")[0] in ("/admin/", LOGIN), url


def test_the_moderator_keeps_the_hold_and_block_lists(client, moderator):
    site = Site.objects.get(is_default_site=True)
    url = f"/admin/settings/blog/commentmoderationsettings/{site.pk}/"
    assert client.get(url).status_code == 200
