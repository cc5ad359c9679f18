"""The titles of drafts and private pages are not shown to readers who may
not see those pages: not by the form of a page behind a password (whose
address names a restriction and a page, both guessable ids), and not by the
"comment sent" page (whose address names a post)."""

import pytest
from django.urls import reverse
from wagtail.models import PageViewRestriction

from blog.factories import BlogIndexPageFactory, BlogPageFactory
from website.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(home):
    """home > handouts (password) > notes; home > board (members only) >
    agenda; home > handouts > merger (a draft); home > reading (public)."""
    handouts = StandardPageFactory(parent=home, slug="handouts", title="Handouts")
    notes = StandardPageFactory(parent=handouts, slug="notes", title="Shelf notes")
    board = StandardPageFactory(parent=home, slug="board", title="Board room")
    agenda = StandardPageFactory(
        parent=board, slug="agenda", title="Closing the east branch"
    )
    merger = StandardPageFactory(
        parent=handouts, slug="merger", title="Merger with the county library"
    )
    merger.unpublish()
    reading = StandardPageFactory(parent=home, slug="reading", title="Reading list")
    password = PageViewRestriction.objects.create(
        page=handouts, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    login = PageViewRestriction.objects.create(
        page=board, restriction_type=PageViewRestriction.LOGIN
    )
    return {
        "handouts": handouts,
        "notes": notes,
        "board": board,
        "agenda": agenda,
        "merger": merger,
        "password": password,
        "login": login,
        "reading": reading,
    }


def password_form(client, restriction, page):
    url = reverse("wagtailcore_authenticate_with_password", args=[restriction, page])
    return client.get(url)


@pytest.mark.parametrize("name", ["board", "agenda", "reading"])
def test_the_password_form_does_not_name_a_page_outside_its_restriction(
    client, pages, name
):
    page = pages[name]
    response = password_form(client, pages["password"].pk, page.pk)
    assert response.status_code == 404
    assert page.title not in response.text


def test_the_password_form_does_not_name_a_draft(client, pages):
    response = password_form(client, pages["password"].pk, pages["merger"].pk)
    assert response.status_code == 404
    assert "Merger" not in response.text


def test_a_login_restriction_has_no_password_form(client, pages):
    response = password_form(client, pages["login"].pk, pages["agenda"].pk)
    assert response.status_code == 404
    assert "east branch" not in response.text


def test_the_password_form_names_the_pages_it_protects(client, pages):
    for name in ("handouts", "notes"):
        response = password_form(client, pages["password"].pk, pages[name].pk)
        assert response.status_code == 200
        assert pages[name].title in response.text


@pytest.fixture
def posts(home):
    blog = BlogIndexPageFactory(parent=home)
    members_only = BlogPageFactory(parent=blog, title="Members-only budget notes")
    PageViewRestriction.objects.create(
        page=members_only, restriction_type=PageViewRestriction.LOGIN
    )
    draft = BlogPageFactory(parent=blog, title="Unannounced director")
    draft.unpublish()
    public = BlogPageFactory(parent=blog, title="Getting to know you")
    return {"members_only": members_only, "draft": draft, "public": public}


def comment_sent(client, post):
    return client.get(reverse("comments-sent"), {"post": post.pk, "s": "held"})


@pytest.mark.parametrize("name", ["members_only", "draft"])
def test_the_comment_sent_page_does_not_name_a_private_or_draft_post(
    client, posts, name
):
    response = comment_sent(client, posts[name])
    assert response.status_code == 400  # as for a post that does not exist
    assert posts[name].title not in response.text


def test_the_comment_sent_page_names_a_public_post(client, posts):
    response = comment_sent(client, posts["public"])
    assert response.status_code == 200
    assert "Getting to know you" in response.text
