"""Subscribing, confirming, changing the choices and unsubscribing, through
the views."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client

from subscriptions import tokens
from subscriptions.models import Subscription

pytestmark = pytest.mark.django_db


def link_in(message, path):
    return re.search(rf"https?://[^\s]+{path}[^\s]+/", message.body).group(0)


def follow(client, email, languages=("en",), **extra):
    return client.post(
        "/en/subscriptions/follow/",
        {"email": email, "languages": list(languages), "frequency": "instant", **extra},
    )


def test_a_reader_subscribes_and_nothing_is_active_until_confirmed(
    client, homes, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = follow(client, "Ana@Example.org", ["en", "es"])
    assert response.status_code == 200
    assert "Check your inbox" in response.text
    subscription = Subscription.objects.get()
    assert subscription.email == "ana@example.org"
    assert subscription.languages == ["en", "es"]
    assert not subscription.confirmed
    [message] = mail.outbox
    url = link_in(message, "/en/subscriptions/confirm/")
    assert client.get(url).status_code == 200  # a page with a button
    assert not Subscription.objects.get().confirmed  # a GET changes nothing
    response = client.post(url, follow=True)
    assert response.status_code == 200
    assert Subscription.objects.get().confirmed


def test_subscribing_a_confirmed_address_again_changes_nothing_and_says_nothing(
    client, homes, subscribe, django_capture_on_commit_callbacks
):
    subscribe("ana@example.org", ["en"])
    with django_capture_on_commit_callbacks(execute=True):
        response = follow(client, "ana@example.org", ["fr"])
    assert "Check your inbox" in response.text  # as for a new address
    assert Subscription.objects.get().languages == ["en"]
    [message] = mail.outbox  # the owner is sent their own link instead
    assert "/en/subscriptions/manage/" in message.body


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"email": "not an address", "languages": ["en"]}, "valid email"),
        ({"email": "ana@example.org"}, "Choose at least one language"),
        ({"email": "ana@example.org", "languages": ["xx"]}, "valid choice"),
        ({"email": "ana@example.org", "languages": ["en"], "frequency": "daily"}, ""),
    ],
)
def test_bad_input_is_a_400_with_a_message_and_stores_nothing(
    client, homes, data, error
):
    response = client.post("/en/subscriptions/follow/", data)
    assert response.status_code == 400
    assert error in response.text
    assert not Subscription.objects.exists()
    assert mail.outbox == []


def test_a_member_subscribes_in_one_click_with_their_verified_address(homes):
    user = get_user_model().objects.create_user("ama", "ama@example.org", "pw")
    EmailAddress.objects.create(user=user, email=user.email, verified=True)
    client = Client()
    client.force_login(user)
    response = client.post(
        "/en/subscriptions/follow/",
        {"languages": ["en"], "frequency": "weekly"},
    )
    assert response.status_code == 302
    subscription = Subscription.objects.get()
    assert (subscription.email, subscription.user) == ("ama@example.org", user)
    assert subscription.confirmed and subscription.frequency == "weekly"
    assert mail.outbox == []
    profile = client.get("/en/accounts/profile/")
    assert "Your email subscription" in profile.text


def test_the_manage_link_changes_the_choices(client, homes, subscribe):
    subscription = subscribe("ana@example.org", ["en"])
    url = f"/en/subscriptions/manage/{tokens.manage_token(subscription)}/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"languages": ["es", "fr"], "frequency": "weekly"})
    assert response.status_code == 302
    subscription.refresh_from_db()
    assert subscription.languages == ["es", "fr"]
    assert subscription.frequency == "weekly"
    assert client.get("/en/subscriptions/manage/forged:token/").status_code == 404


def test_one_click_unsubscribe_works_without_cookies_or_csrf_token(homes, subscribe):
    subscription = subscribe("ana@example.org", ["en"])
    token = tokens.manage_token(subscription)
    client = Client(enforce_csrf_checks=True)  # and no cookie at all
    response = client.post(
        f"/subscriptions/unsubscribe/{token}/",
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert not Subscription.objects.exists()
    # Again (a mail provider retrying): still fine, still gone.
    assert client.post(f"/subscriptions/unsubscribe/{token}/").status_code == 200


def test_a_forged_unsubscribe_token_is_refused(homes, subscribe):
    subscription = subscribe("ana@example.org", ["en"])
    forged = f"{subscription.key}:not-the-signature"
    response = Client().post(f"/subscriptions/unsubscribe/{forged}/")
    assert response.status_code == 400
    assert Subscription.objects.exists()


def test_opening_the_unsubscribe_link_asks_before_unsubscribing(homes, subscribe):
    subscription = subscribe("ana@example.org", ["es"])
    response = Client().get(
        f"/subscriptions/unsubscribe/{tokens.manage_token(subscription)}/"
    )
    assert response.status_code == 200
    assert 'method="post"' in response.text
    assert Subscription.objects.exists()


def test_blog_pages_and_the_footer_offer_follow_by_email(client, make_post):
    post = make_post("en", title="Where to follow")
    html = client.get(post.url).text
    assert (
        html.count('action="/en/subscriptions/follow/"') == 3
    )  # post, comments, footer
    assert "Notify me of new posts by email" in html
    assert "Comments on this post (RSS)" in html
