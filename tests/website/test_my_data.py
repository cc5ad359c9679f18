"""The "My data" pages: a member downloads their data and deletes their
account; a reader without an account is sent a download link; nobody
reaches another person's data."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client

from subscriptions.models import Subscription
from website.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ama(translations):
    user = UserFactory(username="ama", email="ama@example.org")
    Subscription.objects.create(email="ama@example.org", user=user, languages=["en"])
    return user


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_a_member_downloads_their_data_as_json(ama):
    response = logged_in(ama).get("/en/accounts/my-data/download/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["accounts"][0]["username"] == "ama"
    assert data["subscriptions"]["subscriptions"][0]["email"] == "ama@example.org"


def test_a_reader_must_log_in_to_reach_my_data(translations):
    for path in ("/en/accounts/my-data/", "/en/accounts/my-data/download/"):
        response = Client().get(path)
        assert response.status_code == 302
        assert "/login/" in response["Location"]
    assert Client().post("/en/accounts/my-data/delete/").status_code == 302


def test_deleting_needs_the_confirmation_and_then_removes_the_account(ama):
    client = logged_in(ama)
    refused = client.post("/en/accounts/my-data/delete/", {"comments": "keep"})
    assert refused.status_code == 400
    assert get_user_model().objects.filter(pk=ama.pk).exists()
    done = client.post(
        "/en/accounts/my-data/delete/", {"comments": "remove", "confirm": "on"}
    )
    assert done.status_code == 302
    assert not get_user_model().objects.filter(pk=ama.pk).exists()
    assert not Subscription.objects.exists()
    assert "_auth_user_id" not in client.session


def test_a_reader_without_an_account_gets_a_download_link_by_email(
    translations, django_capture_on_commit_callbacks
):
    Subscription.objects.create(email="kofi@example.org", languages=["fr"])
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/my-data/", {"email": "kofi@example.org"})
    assert response.status_code == 200
    [message] = mail.outbox
    assert message.to == ["kofi@example.org"]
    link = next(word for word in message.body.split() if "/en/my-data/" in word)
    data = json.loads(client.get(link).content)
    assert data["subscriptions"]["subscriptions"][0]["languages"] == ["fr"]
    assert client.get("/en/my-data/forged-token/").status_code == 404
    assert client.post("/en/my-data/", {"email": "nope"}).status_code == 400
