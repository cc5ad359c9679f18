"""Moderators mark comments as spam, reject them, and filter the queue by
post: spam is its own list, hidden from readers and from the queue."""

import pytest

from blog.comments import moderation
from blog.models import BlogComment
from website.factories import UserFactory

from . import comment_helpers

pytestmark = pytest.mark.django_db

post = comment_helpers.post

LIST_URL = "/admin/snippets/blog/blogcomment/"
BULK_URL = "/admin/bulk/blog/blogcomment/{action}/?{query}"


def add_comment(post, text, **fields):
    fields.setdefault("user_email", "ama@example.org")
    return BlogComment.objects.create(
        content_object=post,
        site_id=1,
        user_name="Ama",
        comment=text,
        language="en",
        **fields,
    )


def bulk(client, action, *comments):
    query = "&".join(f"id={comment.pk}" for comment in comments)
    return client.post(BULK_URL.format(action=action, query=query))


@pytest.fixture
def moderator(client):
    user = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(user)
    return user


def test_spam_is_its_own_list_in_the_queue(client, post, moderator):
    add_comment(post, "Published words")
    add_comment(post, "Held words", is_public=False)
    add_comment(post, "Cheap pills", is_public=False, is_spam=True)
    add_comment(post, "Removed words", is_removed=True)
    spam = client.get(LIST_URL, {"status": "spam"}).text
    assert "Cheap pills" in spam
    assert "Held words" not in spam and "Published words" not in spam
    assert "Removed words" not in spam
    pending = client.get(LIST_URL, {"status": "pending"}).text
    assert "Held words" in pending and "Cheap pills" not in pending
    removed = client.get(LIST_URL, {"status": "removed"}).text
    assert "Removed words" in removed and "Cheap pills" not in removed


def test_bulk_mark_as_spam_hides_the_comments_from_readers(client, post, moderator):
    spam = [add_comment(post, f"Cheap pills {n}") for n in range(2)]
    kept = add_comment(post, "Kind words")
    assert "Cheap pills 0" in client.get(post.url).text
    url = BULK_URL.format(action="spam", query=f"id={spam[0].pk}")
    assert client.get(url).status_code == 200  # asks first
    response = bulk(client, "spam", *spam)
    assert response.status_code == 302
    assert set(BlogComment.objects.spam()) == set(spam)
    assert all(not comment.is_public for comment in BlogComment.objects.spam())
    assert list(BlogComment.objects.visible()) == [kept]
    html = client.get(post.url).text
    assert "Cheap pills" not in html and "Kind words" in html


def test_spam_leaves_the_pending_count(client, post, moderator):
    held = add_comment(post, "Held words", is_public=False)
    assert BlogComment.objects.pending().count() == 1
    bulk(client, "spam", held)
    assert BlogComment.objects.pending().count() == 0
    assert "0 comments await moderation." in client.get("/admin/").text


def test_reject_removes_the_comments(client, post, moderator):
    held = add_comment(post, "Held words", is_public=False)
    assert bulk(client, "reject", held).status_code == 302
    held.refresh_from_db()
    assert held.is_removed and not held.is_spam
    assert held.status_label == "Removed"


def test_approving_spam_publishes_it(client, post, moderator):
    mistaken = add_comment(post, "Not spam after all", is_public=False, is_spam=True)
    bulk(client, "approve", mistaken)
    mistaken.refresh_from_db()
    assert mistaken.is_public and not mistaken.is_spam
    assert "Not spam after all" in client.get(post.url).text


def test_an_address_marked_as_spam_is_not_known(post):
    add_comment(post, "Cheap pills", user_email="spam@example.org", is_spam=True)
    assert not moderation.is_known_address("spam@example.org")


def test_each_row_has_approve_spam_and_remove_items(client, post, moderator):
    comment = add_comment(post, "Held words", is_public=False)
    html = client.get(LIST_URL).text
    for action in ("approve", "spam", "remove"):
        assert f"/admin/bulk/blog/blogcomment/{action}/?id={comment.pk}" in html
    assert "Mark as spam" in html


def test_a_row_action_asks_then_returns_to_the_listing(client, post, moderator):
    comment = add_comment(post, "Held words", is_public=False)
    url = f"/admin/bulk/blog/blogcomment/spam/?id={comment.pk}&next={LIST_URL}"
    assert "Held words" in client.get(url).text
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == LIST_URL
    assert BlogComment.objects.get(pk=comment.pk).is_spam


def test_queue_filters_by_post(client, post, make_post, moderator):
    other = make_post(title="Another post")
    add_comment(post, "On the first post")
    add_comment(other, "On the other post")
    # The post is picked with Wagtail's page chooser (loaded on demand), not
    # from a <select> of every commented post (test_comments_admin_at_scale.py).
    filtered = client.get(LIST_URL, {"post": other.pk}).text
    assert "On the other post" in filtered
    assert "On the first post" not in filtered


def test_members_who_cannot_moderate_cannot_mark_spam(client, post):
    comment = add_comment(post, "Kind words")
    client.force_login(UserFactory(is_staff=True))
    bulk(client, "spam", comment)
    assert not BlogComment.objects.get(pk=comment.pk).is_spam
