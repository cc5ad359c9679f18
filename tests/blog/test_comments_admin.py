"""Moderating comments in the Wagtail admin: the queue, its filters, bulk
approve and remove, and the dashboard panel."""

import pytest

from blog.models import BlogComment
from website.factories import UserFactory
from website.models import OutboxMessage

from . import comment_helpers

pytestmark = pytest.mark.django_db

post = comment_helpers.post

LIST_URL = "/admin/snippets/blog/blogcomment/"


def add_comment(post, text, **fields):
    return BlogComment.objects.create(
        content_object=post,
        site_id=1,
        user_name="Ama",
        user_email="ama@example.org",
        comment=text,
        language="en",
        **fields,
    )


@pytest.fixture
def moderator(client):
    user = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(user)
    return user


def test_queue_lists_pending_comments_only_when_filtered(client, post, moderator):
    add_comment(post, "Published words")
    add_comment(post, "Held words", is_public=False)
    add_comment(post, "Removed words", is_removed=True)
    response = client.get(LIST_URL, {"status": "pending"})
    assert response.status_code == 200
    assert "Held words" in response.text
    assert "Published words" not in response.text
    assert "Removed words" not in response.text
    everything = client.get(LIST_URL).text
    assert "Published words" in everything and "Removed words" in everything


def test_queue_filters_by_kind_and_searches(client, post, moderator):
    add_comment(post, "A reader's comment")
    add_comment(post, "[…] the third round […]", kind="pingback")
    response = client.get(LIST_URL, {"kind": "pingback"})
    assert "the third round" in response.text
    assert "reader&#x27;s comment" not in response.text
    assert "third round" not in client.get(LIST_URL, {"q": "reader"}).text


def test_bulk_approve_and_remove(client, post, moderator):
    follower = add_comment(post, "Following", followup=True)
    follower.user_email = "follower@example.org"
    follower.save()
    held = [add_comment(post, f"Held {n}", is_public=False) for n in range(2)]
    query = "&".join(f"id={comment.pk}" for comment in held)
    url = f"/admin/bulk/blog/blogcomment/approve/?{query}"
    assert client.get(url).status_code == 200  # asks first
    response = client.post(url)
    assert response.status_code == 302
    assert BlogComment.objects.filter(is_public=True).count() == 3
    # the follower hears of both, once each
    assert OutboxMessage.objects.filter(to="follower@example.org").count() == 2
    url = f"/admin/bulk/blog/blogcomment/remove/?id={held[0].pk}"
    client.post(url)
    assert BlogComment.objects.get(pk=held[0].pk).is_removed


def test_nobody_adds_comments_in_the_admin(client, moderator):
    assert client.get(f"{LIST_URL}add/").status_code in (302, 403)


def test_dashboard_shows_the_number_of_pending_comments(client, post, moderator):
    add_comment(post, "Held", is_public=False)
    response = client.get("/admin/")
    assert "1 comment awaits moderation." in response.text


def test_members_without_permission_cannot_see_the_queue(client, post):
    client.force_login(UserFactory(is_staff=True))
    assert client.get(LIST_URL).status_code in (302, 403)


def test_reported_comments_surface_in_the_queue(client, post, moderator):
    reported = add_comment(post, "Rude words")
    add_comment(post, "Kind words")
    reader = UserFactory()
    client.force_login(reader)
    response = client.post(f"/comments/flag/{reported.pk}/")
    assert response.status_code == 302
    assert response["Location"] == f"{post.url}#c{reported.pk}"
    client.post(f"/comments/flag/{reported.pk}/")  # twice counts once
    assert reported.flags.count() == 1
    client.force_login(moderator)
    queue = client.get(LIST_URL, {"status": "flagged"}).text
    assert "Rude words" in queue
    assert "Kind words" not in queue


def test_reporting_needs_a_member_and_a_visible_comment(client, post):
    removed = add_comment(post, "Gone", is_removed=True)
    response = client.post(f"/comments/flag/{removed.pk}/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(UserFactory())
    assert client.post(f"/comments/flag/{removed.pk}/").status_code == 400


def test_editors_choose_the_comments_policy_in_the_post_settings(
    client, post, moderator
):
    response = client.get(f"/admin/pages/{post.pk}/edit/")
    assert response.status_code == 200
    assert 'name="comments_policy"' in response.text
    assert 'name="comments_close_after_days"' in response.text
