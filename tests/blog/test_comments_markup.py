"""The thread's markup is specified: blog/comments/rendering.py, which
writes the thread's HTML with f-strings for speed, writes exactly what the
readable template tests/templates/tests/comments/thread_spec.html writes
for the same entries (whitespace between tags apart), for an anonymous
reader and for a member answering a comment, with hostile linkback fields.

A change to the renderer that changes the markup fails here until the
specification says the same."""

import datetime
import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import timezone, translation

from blog.models import BlogComment
from blog.templatetags.comment_tags import comment_entries, comment_thread
from website.factories import UserFactory

pytestmark = pytest.mark.django_db

# What other sites put in the fields of a linkback (and a commenter in
# theirs): all of it must reach the page as text.
XSS = {
    "title": '</a><script>alert("title")</script>',
    "site": "<img src=x onerror=alert('site')>",
    "excerpt": '"><svg onload=alert(1)> & more',
    "author": "<b onmouseover=alert('author')>Mallory</b>",
    "url": 'https://evil.example.org/?q="><script>alert(1)</script>',
    "script_url": "javascript:alert('url')",
    "comment": "<script>alert('comment')</script> see www.example.org/a?b=1&c=2",
}


def add(post, when, **fields):
    entry = BlogComment(
        content_object=post,
        site_id=1,
        language="en",
        user_email="reader@example.org",
        submit_date=when,
        **fields,
    )
    entry.parent_id = fields.get("parent_id", 0)
    entry.save()
    return entry


@pytest.fixture
def thread(make_post):
    """A post with one entry of every kind and level, and entries the
    thread must not show (held, removed, spam)."""
    post = make_post(title="A post with every kind of entry")
    start = datetime.datetime(2026, 11, 22, 15, 30, tzinfo=datetime.UTC)

    def at(minutes):
        return start + datetime.timedelta(minutes=minutes)

    member = UserFactory(first_name="Bea", last_name="Lind")
    entries = {}
    entries["comment"] = add(
        post,
        at(0),
        user_name=XSS["author"],
        user_url="https://ama.example.org/",
        comment="First paragraph, with https://example.org/a link.\n\n"
        + XSS["comment"],
    )
    entries["reply"] = add(
        post,
        at(1),
        user=member,
        comment="A member's reply.\nOn two lines.",
        parent_id=entries["comment"].pk,
    )
    entries["reply2"] = add(
        post,
        at(2),
        user_name="Chidi",
        user_url="javascript:alert(1)",  # never a link
        comment="A reply to the reply.",
        parent_id=entries["reply"].pk,
    )
    entries["pingback"] = add(
        post,
        at(3),
        kind=BlogComment.Kind.PINGBACK,
        user_name=XSS["author"],
        source_url=XSS["url"],
        source_title=XSS["title"],
        source_site_name=XSS["site"],
        source_excerpt=XSS["excerpt"],
    )
    entries["webmention"] = add(
        post,
        at(4),
        kind=BlogComment.Kind.WEBMENTION,
        user_name=XSS["author"],
        source_url=XSS["script_url"],
    )
    entries["reblog"] = add(
        post,
        at(5),
        kind=BlogComment.Kind.REBLOG,
        user_name="Dana",
        source_url="https://reblogs.example.org/2026/11/ours/",
        source_site_name=XSS["site"],
        comment=XSS["comment"],
    )
    add(post, at(6), user_name="Held", comment="HELD ENTRY", is_public=False)
    add(post, at(7), user_name="Removed", comment="REMOVED ENTRY", is_removed=True)
    add(post, at(8), user_name="Spam", comment="SPAM ENTRY", is_spam=True)
    return post, member, entries


WHITESPACE_BETWEEN_TAGS = re.compile(r">\s+<")
WHITESPACE = re.compile(r"\s+")
# The one value that differs between two renderings of the same form: the
# CSRF token is masked afresh each time it is written.
CSRF = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*"')


def normalised(html):
    html = CSRF.sub(r'\1…"', str(html))
    return WHITESPACE.sub(" ", WHITESPACE_BETWEEN_TAGS.sub("><", html)).strip()


def render_both(post, user, reply_parent=None):
    """The renderer's thread (as `blog/comments/section.html` gets it) and
    the specification's, for the same request and entries."""
    request = RequestFactory().get(post.url)
    request.user = user
    request.session = {}
    context = {"request": request, "reply_parent": reply_parent}
    data = comment_thread(context, post)
    ours = comment_entries(context, data, post)
    entries = {
        name: BlogComment.objects.get(pk=entry.pk)
        for name, entry in post_entries(post).items()
    }
    spec = render_to_string(
        "tests/comments/thread_spec.html",
        {
            **entries,
            "member": user.is_authenticated,
            "comments_open": data["comments_open"],
            "reply_to": data["reply_to"],
            "form": data["form"],
            "post": post,
        },
        request=request,
    )
    return ours, spec


def post_entries(post):
    visible = BlogComment.objects.for_page(post).visible().thread_order()
    names = ["comment", "reply", "reply2", "pingback", "webmention", "reblog"]
    return dict(zip(names, visible, strict=True))


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("zone", ["UTC", "Asia/Hong_Kong"])
def test_an_anonymous_reader_gets_the_specified_markup(thread, language, zone):
    post, _, _ = thread
    with translation.override(language), timezone.override(zone):
        ours, spec = render_both(post, AnonymousUser())
    assert normalised(ours) == normalised(spec)


def test_a_member_answering_a_comment_gets_the_specified_markup(thread):
    post, member, entries = thread
    with translation.override("en"):
        ours, spec = render_both(post, member, reply_parent=entries["comment"])
    assert 'id="reply-form"' in ours and "Report" in ours
    assert normalised(ours) == normalised(spec)


def test_hostile_fields_reach_the_thread_as_text(thread):
    post, member, _ = thread
    with translation.override("en"):
        ours, _ = render_both(post, member)
    assert "<script" not in ours
    assert "<img" not in ours and "<svg" not in ours and "<b " not in ours
    assert "javascript:" not in ours
    assert "&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt;" in ours
    assert "&lt;img src=x onerror=alert(&#x27;site&#x27;)&gt;" in ours
    assert "&quot;&gt;&lt;svg onload=alert(1)&gt; &amp; more" in ours
    assert "&lt;b onmouseover=alert(&#x27;author&#x27;)&gt;Mallory&lt;/b&gt;" in ours
    assert 'href="https://evil.example.org/?q=&quot;&gt;&lt;script&gt;' in ours
    for hidden in ("HELD ENTRY", "REMOVED ENTRY", "SPAM ENTRY"):
        assert hidden not in ours
