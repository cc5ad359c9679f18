"""A member who deletes their account and keeps their comments: the
comments stay in their threads, signed "a former member" in each reader's
language. The words are not stored (in English or any language): the row
holds an empty name and a marker, and the thread, the comment feed, the
moderators' list, follow-up emails and fediverse replies put the marker
into words. Comments kept before the marker, with the English words
stored, are converted."""

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.utils import translation
from wagtail.models import Locale

from blog.comments import emails
from blog.factories import BlogPageFactory
from blog.models import BlogComment
from fediverse import replies
from fediverse.models import LocalActor
from website import privacy
from website.factories import UserFactory
from website.models import OutboxMessage

from .conftest import translate_page

pytestmark = pytest.mark.django_db

migration = importlib.import_module("blog.migrations.0010_comments_by_former_members")

# What the catalogues say for "a former member" (locale/pending/privacy.tsv).
LABELS = {"en": "a former member", "es": "un antiguo miembro", "ar": "عضو سابق"}


@pytest.fixture(scope="module")
def posts(make_post, homes, blog):
    """A live post in English, Spanish and Arabic."""
    arabic = Locale.objects.get_or_create(language_code="ar")[0]
    translate_page(homes["en"], arabic, title="شبكة أمناء المكتبات")
    blog_ar = translate_page(blog["en"], arabic)
    return {
        "en": make_post("en", title="Getting to know you"),
        "es": make_post("es", title="Conociéndonos"),
        "ar": BlogPageFactory(
            parent=blog_ar, title="لنتعارف", slug="getting-to-know-you-ar"
        ),
    }


def comment_as(user, post, text):
    return BlogComment.objects.create(
        content_object=post,
        site_id=1,
        user=user,
        user_name=user.username,
        user_email=user.email,
        comment=text,
        language=post.locale.language_code,
        is_public=True,
    )


@pytest.fixture
def erased_comments(posts):
    """Ama commented on each post in its language, then deleted her account
    and kept her comments."""
    ama = UserFactory(email="ama@example.org", username="ama")
    comments = {
        code: comment_as(ama, post, f"Comment {code}") for code, post in posts.items()
    }
    privacy.erase("ama@example.org", keep_comments=True)
    assert not get_user_model().objects.filter(pk=ama.pk).exists()
    return comments


def test_the_words_are_not_stored_in_any_language(erased_comments):
    for comment in erased_comments.values():
        comment.refresh_from_db()
        assert comment.former_member
        assert (comment.user_name, comment.user_email, comment.user_id) == (
            "",
            "",
            None,
        )
    assert not BlogComment.objects.filter(user_name__icontains="former").exists()


@pytest.mark.parametrize("language", ["en", "es", "ar"])
def test_the_thread_signs_the_comment_in_the_readers_language(
    client, posts, erased_comments, language
):
    html = client.get(posts[language].url).text
    assert f"Comment {language}" in html
    assert LABELS[language] in html
    if language != "en":
        assert LABELS["en"] not in html


@pytest.mark.parametrize("language", ["es", "ar"])
def test_the_name_is_put_into_words_when_it_is_read(erased_comments, language):
    comment = BlogComment.objects.get(pk=erased_comments[language].pk)
    with translation.override(language):
        assert comment.author_name == LABELS[language]
        assert str(comment).startswith(LABELS[language])


def test_the_comment_feed_signs_it_in_the_language_of_the_post(
    client, posts, erased_comments
):
    feed = client.get(f"{posts['es'].url}comments/feed/")
    assert feed.status_code == 200
    assert LABELS["es"] in feed.content.decode()


def test_a_fediverse_reply_is_signed_in_the_language_of_the_post(
    posts, erased_comments
):
    comment = BlogComment.objects.get(pk=erased_comments["es"].pk)
    remote = SimpleNamespace(
        username="alice",
        domain="mastodon.example",
        uri="https://mastodon.example/users/alice",
        profile_url="https://mastodon.example/@alice",
    )
    entry = SimpleNamespace(object_id="https://mastodon.example/notes/1", remote=remote)
    actor = LocalActor(language="es", username="blog-es")
    with translation.override("en"):  # a worker's language is not the post's
        note = replies.note(comment, posts["es"], actor, entry)
    assert LABELS["es"] in note["content"]


def test_comments_kept_with_the_english_words_are_converted(posts):
    kept = BlogComment.objects.create(
        content_object=posts["es"],
        site_id=1,
        user_name="a former member",
        user_email="",
        comment="Kept before the marker",
        language="es",
    )
    typed = BlogComment.objects.create(
        content_object=posts["es"],
        site_id=1,
        user_name="a former member",
        user_email="someone@example.org",  # typed it as their name
        comment="Still here",
        language="es",
    )
    migration.mark_former_members(apps, None)
    kept.refresh_from_db()
    typed.refresh_from_db()
    assert kept.former_member and kept.user_name == ""
    assert not typed.former_member and typed.user_name == "a former member"
    with translation.override("es"):
        assert kept.author_name == LABELS["es"]


def test_a_follow_up_email_signs_it_in_the_language_of_the_post(
    rf, posts, erased_comments
):
    BlogComment.objects.create(
        content_object=posts["es"],
        site_id=1,
        user_name="Bea",
        user_email="bea@example.org",
        comment="Sigo la conversación",
        language="es",
        is_public=True,
        followup=True,
    )
    comment = BlogComment.objects.get(pk=erased_comments["es"].pk)
    with translation.override("en"):  # a moderator's admin in English
        emails.notify_followers(rf.get("/"), comment, posts["es"])
    message = OutboxMessage.objects.get(to="bea@example.org")
    assert f"{LABELS['es']} " in message.body_text
    assert LABELS["en"] not in message.body_text
