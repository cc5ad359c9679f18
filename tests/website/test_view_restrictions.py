"""Private pages stay private: the router hands Wagtail the view
restrictions it already read (website/routing.py), and they must be the
ones Wagtail would have looked up itself, for the page and everything
below it, aliases included."""

import pytest
from django.contrib.auth.models import Group
from django.test import RequestFactory
from django.urls import reverse
from wagtail.models import Page, PageViewRestriction

from website.factories import StandardPageFactory, UserFactory
from website.routing import find_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(home):
    """Home > members (login) > minutes (password); home > board (group);
    home > open > reading-list; open > members-alias (an alias of
    members); home > open > minutes-alias (an alias of minutes)."""
    pages = {"home": home}
    pages["members"] = StandardPageFactory(parent=home, slug="members", title="M")
    pages["minutes"] = StandardPageFactory(
        parent=pages["members"], slug="minutes", body="<p>Secret minutes</p>"
    )
    pages["board"] = StandardPageFactory(parent=home, slug="board")
    pages["open"] = StandardPageFactory(parent=home, slug="open")
    pages["reading-list"] = StandardPageFactory(
        parent=pages["open"], slug="reading-list", body="<p>Everyone's list</p>"
    )
    pages["members-alias"] = pages["members"].create_alias(
        parent=pages["open"], update_slug="members-alias"
    )
    pages["minutes-alias"] = pages["minutes"].create_alias(
        parent=pages["open"], update_slug="minutes-alias"
    )
    PageViewRestriction.objects.create(
        page=pages["members"], restriction_type=PageViewRestriction.LOGIN
    )
    PageViewRestriction.objects.create(
        page=pages["minutes"],
        restriction_type=PageViewRestriction.PASSWORD,
        password="shelf-mark",
    )
    board = PageViewRestriction.objects.create(
        page=pages["board"], restriction_type=PageViewRestriction.GROUPS
    )
    board.groups.add(Group.objects.create(name="Board"))
    return pages


PATHS = [
    "",
    "members/",
    "members/minutes/",
    "board/",
    "open/",
    "open/reading-list/",
    "open/members-alias/",
    "open/minutes-alias/",
]


@pytest.mark.parametrize("path", PATHS)
def test_the_router_hands_over_the_restrictions_wagtail_would_find(tree, path):
    result = find_page(RequestFactory().get("/" + path), path)
    fresh = Page.objects.get(pk=result.page.pk)
    expected = {restriction.pk for restriction in fresh.get_view_restrictions()}
    given = {restriction.pk for restriction in result.page.get_view_restrictions()}
    assert given == expected
    if "alias" in path:
        # An alias (or a page below one) is left to Wagtail's own lookup.
        assert result.page.known_view_restrictions is None
    else:
        assert result.page.known_view_restrictions is not None


def test_a_page_for_logged_in_members_sends_readers_to_log_in(client, tree):
    response = client.get(tree["members"].url)
    assert response.status_code == 302
    assert "no-cache" in response["Cache-Control"]
    login = client.get(response["Location"])
    assert login.status_code == 200  # the site's own login page
    assert login.context["redirect_field_value"] == tree["members"].url
    client.force_login(UserFactory())
    response = client.get(tree["members"].url)
    assert response.status_code == 200
    assert (
        "private" in response["Cache-Control"]
        or "no-cache" in response["Cache-Control"]
    )


def test_a_page_below_a_private_one_is_private_too(client, tree):
    assert client.get(tree["minutes"].url).status_code == 302


def test_a_password_protected_page_asks_for_the_password(client, tree):
    client.force_login(UserFactory())
    minutes = tree["minutes"]
    response = client.get(minutes.url)
    assert "Secret minutes" not in response.text
    assert 'type="password"' in response.text
    assert "main-nav" in response.text  # in the site's layout
    restriction = PageViewRestriction.objects.get(page=minutes)
    action = reverse(
        "wagtailcore_authenticate_with_password", args=[restriction.pk, minutes.pk]
    )
    assert f'action="{action}"' in response.text
    wrong = client.post(action, {"password": "shelf", "return_url": minutes.url})
    assert wrong.status_code == 400
    assert "not correct" in wrong.text
    assert "Secret minutes" not in client.get(minutes.url).text
    right = client.post(action, {"password": "shelf-mark", "return_url": minutes.url})
    assert right["Location"] == minutes.url
    assert "Secret minutes" in client.get(minutes.url).text


def test_a_page_for_a_group_is_shown_to_its_members_only(client, tree):
    outsider, board_member = UserFactory(), UserFactory()
    board_member.groups.add(Group.objects.get(name="Board"))
    client.force_login(outsider)
    assert client.get(tree["board"].url).status_code == 302
    client.force_login(board_member)
    assert client.get(tree["board"].url).status_code == 200


def test_an_alias_of_a_private_page_is_private(client, tree):
    assert client.get(tree["members-alias"].url).status_code == 302
    client.force_login(UserFactory())
    response = client.get(tree["minutes-alias"].url)
    assert "Secret minutes" not in response.text


def test_a_public_page_is_served_to_everyone(client, tree):
    response = client.get(tree["reading-list"].url)
    assert response.status_code == 200
    assert "Everyone's list" in response.text


def test_guesses_at_a_page_password_are_limited_per_address(client, tree, settings):
    settings.PAGE_PASSWORD_RATE_LIMIT = (3, 600)
    minutes = tree["minutes"]
    restriction = PageViewRestriction.objects.get(page=minutes)
    action = reverse(
        "wagtailcore_authenticate_with_password", args=[restriction.pk, minutes.pk]
    )
    guesses = [
        client.post(action, {"password": guess, "return_url": minutes.url})
        for guess in ("a", "b", "c", "shelf-mark")
    ]
    assert [guess.status_code for guess in guesses] == [400, 400, 400, 429]
    assert "Secret minutes" not in client.get(minutes.url).text


def test_a_private_page_is_never_stored_in_the_page_cache(client, tree, settings):
    settings.PAGE_CACHE_SECONDS = 300
    handout = StandardPageFactory(
        parent=tree["open"], slug="handout", body="<p>The handout</p>"
    )
    PageViewRestriction.objects.create(
        page=handout, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    for _ in range(2):
        response = client.get(handout.url)
        assert response["X-Cache"] != "hit"
        assert "The handout" not in response.text
