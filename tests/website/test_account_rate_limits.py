"""Log-in and sign-up are rate limited per client address, and allauth
counts the same client as the site's own limits: behind trusted proxies, the
address the last proxy saw, which a client cannot forge."""

import pytest
from django.core.cache import cache

from website.factories import UserFactory

PROXY = "10.0.0.5"  # the load balancer: every request arrives from it


@pytest.fixture(autouse=True)
def behind_one_proxy(settings):
    settings.RATELIMIT_TRUSTED_PROXIES = 1
    settings.RATELIMIT_TRUSTED_PROXY_ADDRESSES = [PROXY]
    cache.clear()
    yield
    cache.clear()


def from_client(address, spoofed=None):
    """Request headers as our load balancer passes them on."""
    forwarded = f"{spoofed}, {address}" if spoofed else address
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": forwarded}


def failed_login(client, n, **headers):
    return client.post(
        "/en/accounts/login/",
        {"login": f"guess{n}@example.org", "password": "wrong-password"},
        **headers,
    )


@pytest.mark.django_db
def test_failed_logins_are_limited_per_client_not_per_proxy(client, home):
    # Each attempt names another account: the per-address limit applies, and
    # a client cannot reset it by changing the X-Forwarded-For it sends.
    for n in range(10):
        response = failed_login(client, n, **from_client("203.0.113.7", f"1.1.1.{n}"))
        assert "Too many failed login attempts" not in response.text
    refused = failed_login(client, 10, **from_client("203.0.113.7", "9.9.9.9"))
    assert "Too many failed login attempts" in refused.text

    # Another reader behind the same load balancer logs in normally.
    member = UserFactory(email="ama@example.org")
    response = client.post(
        "/en/accounts/login/",
        {"login": member.email, "password": "librarian-demo"},
        **from_client("198.51.100.2"),
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(member.pk)


@pytest.mark.django_db
def test_sign_ups_are_limited_per_client_with_a_clear_page(client, home, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "3/h/ip"}
    bad_signup = {"email": "not-an-address", "password1": "x", "password2": "y"}
    for _ in range(3):
        response = client.post(
            "/en/accounts/signup/", bad_signup, **from_client("203.0.113.7")
        )
        assert response.status_code == 200  # the form, with its errors
    refused = client.post(
        "/en/accounts/signup/", bad_signup, **from_client("203.0.113.7")
    )
    assert refused.status_code == 429
    assert "Too many requests" in refused.text
    assert "Librarians Network" in refused.text  # the site's own page
    other = client.post(
        "/en/accounts/signup/", bad_signup, **from_client("198.51.100.2")
    )
    assert other.status_code == 200


@pytest.mark.django_db
def test_a_forwarded_header_shorter_than_the_proxy_chain_is_no_server_error(
    client, home, settings
):
    # allauth alone would raise ImproperlyConfigured (a 500) here.
    settings.RATELIMIT_TRUSTED_PROXIES = 2
    response = failed_login(client, 0, **from_client("203.0.113.7"))
    assert response.status_code == 200


@pytest.mark.django_db
def test_a_client_reaching_the_app_directly_cannot_pick_its_own_address(client, home):
    # Not through the load balancer: a new X-Forwarded-For on every try
    # would be a fresh bucket each time if the header were believed.
    direct = {"REMOTE_ADDR": "203.0.113.66"}
    for n in range(10):
        response = failed_login(client, n, HTTP_X_FORWARDED_FOR=f"1.1.1.{n}", **direct)
        assert "Too many failed login attempts" not in response.text
    refused = failed_login(client, 10, HTTP_X_FORWARDED_FOR="9.9.9.9", **direct)
    assert "Too many failed login attempts" in refused.text
