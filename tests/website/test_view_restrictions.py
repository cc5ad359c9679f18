"""Private pages stay private, for the page and everything below it,
aliases included: served through the router (website/routing.py), which
hands Wagtail the view restrictions it already read (compared with
Wagtail's own in test_contract_view_restrictions.py)."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import PageViewRestriction

from website.factories import StandardPageFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_page_for_logged_in_members_sends_readers_to_log_in(client, private_tree):
    response = client.get(private_tree["members"].url)
    assert response.status_code == 302
    assert "no-cache" in response["Cache-Control"]
    login = client.get(response["Location"])
    assert login.status_code == 200  # the site's own login page
    assert login.context["redirect_field_value"] == private_tree["members"].url
    client.force_login(UserFactory())
    response = client.get(private_tree["members"].url)
    assert response.status_code == 200
    assert (
        "private" in response["Cache-Control"]
        or "no-cache" in response["Cache-Control"]
    )


def test_a_page_below_a_private_one_is_private_too(client, private_tree):
    assert client.get(private_tree["minutes"].url).status_code == 302


def test_a_password_protected_page_asks_for_the_password(client, private_tree):
    client.force_login(UserFactory())
    minutes = private_tree["minutes"]
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


def test_a_page_for_a_group_is_shown_to_its_members_only(client, private_tree):
    outsider, board_member = UserFactory(), UserFactory()
    board_member.groups.add(Group.objects.get(name="Board"))
    client.force_login(outsider)
    assert client.get(private_tree["board"].url).status_code == 302
    client.force_login(board_member)
    assert client.get(private_tree["board"].url).status_code == 200


def test_an_alias_of_a_private_page_is_private(client, private_tree):
    assert client.get(private_tree["members-alias"].url).status_code == 302
    client.force_login(UserFactory())
    response = client.get(private_tree["minutes-alias"].url)
    assert "Secret minutes" not in response.text


def test_a_public_page_is_served_to_everyone(client, private_tree):
    response = client.get(private_tree["reading-list"].url)
    assert response.status_code == 200
    assert "Everyone's list" in response.text


def test_guesses_at_a_page_password_are_limited_per_address(
    client, private_tree, settings
):
    settings.PAGE_PASSWORD_RATE_LIMIT = (3, 600)
    minutes = private_tree["minutes"]
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


def test_a_private_page_is_never_stored_in_the_page_cache(
    client, private_tree, settings
):
    settings.PAGE_CACHE_SECONDS = 300
    handout = StandardPageFactory(
        parent=private_tree["open"], slug="handout", body="<p>The handout</p>"
    )
    PageViewRestriction.objects.create(
        page=handout, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    for _ in range(2):
        response = client.get(handout.url)
        assert response["X-Cache"] != "hit"
        assert "The handout" not in response.text
