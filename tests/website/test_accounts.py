import re

import pytest
from allauth.socialaccount.models import SocialApp
from django.contrib.auth import get_user_model
from django.core import mail

from website.factories import UserFactory
from website.models import OutboxMessage

User = get_user_model()


def link_in(email, pattern):
    match = re.search(pattern, email.body)
    assert match, email.body
    return match.group(0).replace("http://testserver", "")


@pytest.mark.django_db(transaction=True)
def test_sign_up_sends_a_confirmation_through_the_outbox_and_then_logs_in(client, home):
    response = client.post(
        "/es/accounts/signup/",
        {
            "email": "nkechi@example.org",
            "password1": "a-long-library-passphrase",
            "password2": "a-long-library-passphrase",
            "display_name": "Nkechi Eze",
            "country": "NG",
            "library": "Enugu State Library",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="nkechi@example.org")
    assert user.profile.display_name == "Nkechi Eze"
    assert user.profile.country.code == "NG"
    assert user.profile.language == "es"

    message = OutboxMessage.objects.get(to="nkechi@example.org")
    assert message.status == OutboxMessage.Status.SENT
    [email] = mail.outbox
    confirm_url = link_in(email, r"http://testserver/es/accounts/confirm-email/\S+/")

    # Unverified: logging in is refused until the link is followed.
    client.logout()
    client.post(
        "/en/accounts/login/",
        {"login": "nkechi@example.org", "password": "a-long-library-passphrase"},
    )
    assert "_auth_user_id" not in client.session

    assert client.post(confirm_url).status_code == 302
    response = client.post(
        "/en/accounts/login/",
        {"login": "nkechi@example.org", "password": "a-long-library-passphrase"},
    )
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk


@pytest.mark.django_db(transaction=True)
def test_password_reset_mail_goes_through_the_outbox(client, home):
    UserFactory(username="ngozi", email="ngozi@example.org")
    response = client.post(
        "/en/accounts/password/reset/", {"email": "ngozi@example.org"}
    )
    assert response.status_code == 302
    assert OutboxMessage.objects.filter(to="ngozi@example.org").exists()
    [email] = mail.outbox
    reset_url = link_in(email, r"http://testserver/en/accounts/password/reset/key/\S+/")
    response = client.get(reset_url, follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else reset_url
    response = client.post(
        form_url,
        {"password1": "new-library-passphrase", "password2": "new-library-passphrase"},
    )
    assert response.status_code == 302
    assert User.objects.get(email="ngozi@example.org").check_password(
        "new-library-passphrase"
    )


@pytest.mark.django_db
def test_member_edits_their_profile(client, home):
    user = UserFactory(username="ama", email="ama@example.org")
    client.force_login(user)
    response = client.post(
        "/en/accounts/profile/",
        {
            "display_name": "Ama Owusu",
            "country": "GH",
            "library": "Accra Central Library",
            "bio": "Cataloguer and storyteller.",
            "language": "fr",
        },
    )
    assert response.status_code == 302
    user.profile.refresh_from_db()
    assert user.profile.name == "Ama Owusu"
    assert user.profile.initials == "AO"
    assert user.profile.country.code == "GH"
    assert user.profile.language == "fr"


@pytest.mark.django_db
def test_bad_profile_input_is_refused_with_a_message_and_nothing_saved(client, home):
    user = UserFactory(username="ama", email="ama@example.org")
    client.force_login(user)
    response = client.post(
        "/en/accounts/profile/",
        {"display_name": "x" * 500, "country": "XX", "bio": "b" * 5000},
    )
    assert response.status_code == 400
    assert "Select a valid choice" in response.text
    assert "Ensure this value has at most" in response.text
    user.profile.refresh_from_db()
    assert user.profile.display_name == ""


@pytest.mark.django_db
def test_profile_needs_a_login(client, home):
    response = client.get("/en/accounts/profile/")
    assert response.status_code == 302
    assert "/en/accounts/login/" in response["Location"]


@pytest.mark.django_db
def test_profile_name_never_shows_the_whole_email_address(home):
    user = UserFactory(username="quiet", email="quiet.reader@example.org")
    assert user.profile.name == "quiet.reader"


@pytest.mark.django_db
def test_social_provider_is_switched_on_from_the_admin(admin_client, client, home):
    assert "WordPress.com" not in client.get("/en/accounts/login/").text
    response = admin_client.post(
        "/admin/social_login/new/",
        {
            "provider": "wordpress",
            "name": "WordPress.com",
            "client_id": "12345",
            "secret": "not-a-real-secret",
            "key": "",
            "settings": "{}",
        },
    )
    assert response.status_code == 302, response.text[:2000]
    assert SocialApp.objects.get(provider="wordpress").sites.exists()
    login_page = client.get("/en/accounts/login/").text
    assert "WordPress.com" in login_page
    assert "/accounts/wordpress/login/" in login_page
