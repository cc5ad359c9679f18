"""A member's own page: "Your activity" on the profile shows what the site
holds about them, each app in its own section (`website.activity`): their
comments and the state of each, the posts they like, their applications
and their state, their partners and check-ins. Only the member sees it
(another member sees their own, a reader is sent to log in), and the page
is never cached."""

import re
from html import unescape

import pytest
from django.core.cache import cache

from blog.factories import BlogIndexPageFactory, BlogPageFactory
from blog.models import BlogComment, PostLike
from program.factories import ApplicationFactory, ProgramPageFactory, RoundPageFactory
from program.models import Application
from program.release import release_matches
from program.storage import create_match
from website import activity
from website.factories import UserFactory

pytestmark = pytest.mark.django_db

PROFILE = "/en/accounts/profile/"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()


@pytest.fixture
def ama(translations):
    return UserFactory(
        username="ama", email="ama@example.org", profile__display_name="Ama Owusu"
    )


@pytest.fixture
def post(translations):
    blog = BlogIndexPageFactory(parent=translations["en"], title="Blog")
    return BlogPageFactory(parent=blog, title="Getting to know you")


def comment(post, text, *, user=None, email="", public=True, removed=False):
    return BlogComment.objects.create(
        content_object=post,
        site_id=1,
        comment=text,
        user=user,
        user_name="" if user else "Ama",
        user_email=email,
        is_public=public,
        is_removed=removed,
    )


@pytest.fixture
def round_page(translations):
    program = ProgramPageFactory(parent=translations["en"])
    return RoundPageFactory(parent=program, number=3, title="Round 3")


def activity_text(client):
    response = client.get(PROFILE)
    assert response.status_code == 200
    html = response.text
    section = html.split('<section class="activity"', 1)[1].split("</main>", 1)[0]
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", section)).split()), html


def test_the_blog_and_the_program_contribute_their_sections():
    keys = [section.key for section in activity.sections()]

    assert keys[:4] == [
        "blog-comments",
        "blog-likes",
        "program-applications",
        "program-partners",
    ]


def test_a_member_sees_their_comments_and_the_state_of_each(client, ama, post):
    comment(post, "Thank you for the prompts!", user=ama)
    comment(post, "A second thought, still waiting", user=ama, public=False)
    # Before they had an account: same (verified) address, no account.
    comment(post, "My first comment, long ago", email="ama@example.org")
    comment(post, "Taken down", user=ama, removed=True)
    comment(post, "Someone else's words", user=UserFactory())
    client.force_login(ama)

    text, html = activity_text(client)

    assert "Thank you for the prompts! Published" in text
    assert "A second thought, still waiting Awaiting moderation" in text
    assert "My first comment, long ago Published" in text
    assert "Taken down Not published" in text
    assert "Someone else's words" not in text
    assert f'href="{post.url}#c' in html


def test_a_member_sees_the_posts_they_like(client, ama, post):
    PostLike.objects.create(page=post, user=ama)
    other = BlogPageFactory(parent=post.get_parent(), title="Not liked")
    PostLike.objects.create(page=other, user=UserFactory())
    client.force_login(ama)

    text, html = activity_text(client)

    assert "Getting to know you" in text
    assert f'href="{post.url}"' in html
    assert "Not liked" not in text


def test_a_member_sees_their_applications_and_their_state(client, ama, round_page):
    ApplicationFactory(round=round_page, user=ama, email=ama.email, name="Ama")
    second = RoundPageFactory(parent=round_page.get_parent(), number=4, title="Round 4")
    # Applied without logging in, with the same (verified) address.
    ApplicationFactory(
        round=second,
        email="Ama@Example.org",
        name="Ama",
        status=Application.Status.WITHDRAWN,
    )
    ApplicationFactory(round=second, email="someone@example.org", name="Someone")
    client.force_login(ama)

    text, _html = activity_text(client)

    assert "Round 3 · Submitted" in text
    assert "Round 4 · Withdrawn" in text
    assert "Someone" not in text


def test_a_member_sees_their_partner_and_their_check_in(
    client, ama, round_page, django_capture_on_commit_callbacks
):
    mine = ApplicationFactory(round=round_page, user=ama, email=ama.email, name="Ama")
    partner = ApplicationFactory(
        round=round_page, name="Chen Novak", email="chen@example.org", country="MX"
    )
    create_match(round_page, [mine.pk, partner.pk])
    client.force_login(ama)

    text, _html = activity_text(client)
    assert "Chen Novak" not in text  # proposed, not released: not theirs yet

    with django_capture_on_commit_callbacks(execute=True):
        release_matches(round_page)
    text, html = activity_text(client)

    assert "Chen Novak" in text and "Mexico" in text
    assert "chen@example.org" in text
    assert "No answer yet" in text
    check_in = re.search(r'href="([^"]*/check-in/[^"]+/)"', html).group(1)
    assert client.get(check_in).status_code == 200


def test_another_member_sees_none_of_it(client, ama, post, round_page):
    comment(post, "Thank you for the prompts!", user=ama)
    PostLike.objects.create(page=post, user=ama)
    ApplicationFactory(round=round_page, user=ama, email=ama.email, name="Ama Owusu")
    client.force_login(UserFactory(username="kofi", email="kofi@example.org"))

    text, html = activity_text(client)

    assert "Thank you for the prompts!" not in html
    assert "Getting to know you" not in html
    assert "Round 3" not in html
    assert "ama@example.org" not in html


def test_an_unverified_address_shows_nothing_that_was_sent_from_it(client, ama, post):
    """Adding someone else's address to one's account (unverified) does not
    show their comments."""
    from allauth.account.models import EmailAddress

    comment(post, "Written by the owner of the address", email="owner@example.org")
    EmailAddress.objects.create(user=ama, email="owner@example.org", verified=False)
    client.force_login(ama)

    _text, html = activity_text(client)

    assert "Written by the owner of the address" not in html


def test_readers_must_log_in_and_the_page_is_never_cached(client, ama):
    response = client.get(PROFILE)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]

    client.force_login(ama)
    response = client.get(PROFILE)
    assert "no-cache" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
