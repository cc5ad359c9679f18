"""Every door that takes a password (the site's log-in page, the Wagtail
admin's, Django's admin) shares one limit of failed attempts per account
and per client address: allauth's `login_failed` rate limit
(ACCOUNT_RATE_LIMITS). No door lets a guesser go on where another has
locked the account, so none is a password oracle."""

import pytest
from django.contrib.auth import SESSION_KEY
from django.core.cache import cache

from website.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "librarian-demo"
LOCKED = "Too many failed login attempts"


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def admin(home):
    return UserFactory(
        username="admin",
        email="admin@example.org",
        is_superuser=True,
        is_staff=True,
    )


DOORS = {
    # door: (URL, the field that names the account, how it is named)
    "site": ("/en/accounts/login/", "login", "email"),
    "wagtail admin": ("/admin/login/", "username", "username"),
    "django admin": ("/django-admin/login/", "username", "username"),
}


def attempt(client, door, user, password, address="203.0.113.7"):
    url, field, name = DOORS[door]
    return client.post(
        url,
        {field: getattr(user, name), "password": password},
        REMOTE_ADDR=address,
    )


def logged_in(client):
    return SESSION_KEY in client.session


def assert_refused(client, response):
    """Not logged in, and told why: the form's "too many failed attempts",
    or the site's "too many requests" page (allauth's limit on log-in
    requests per address, 30 a minute)."""
    assert not logged_in(client)
    assert LOCKED in response.text or response.status_code == 429


@pytest.mark.parametrize("door", DOORS)
def test_forty_wrong_passwords_then_the_right_one_is_refused(client, admin, door):
    for n in range(40):
        attempt(client, door, admin, f"guess-{n}")
    assert_refused(client, attempt(client, door, admin, PASSWORD))


@pytest.mark.parametrize("first", DOORS)
@pytest.mark.parametrize("then", DOORS)
def test_an_account_locked_at_one_door_is_locked_at_the_others(
    client, admin, first, then
):
    # Each guess from another address: the per-account limit alone.
    for n in range(5):
        attempt(client, first, admin, f"guess-{n}", address=f"198.51.100.{n}")
    response = attempt(client, then, admin, PASSWORD, address="192.0.2.50")
    assert_refused(client, response)


@pytest.mark.parametrize("door", DOORS)
def test_one_address_guessing_many_accounts_is_stopped_at_every_door(
    client, admin, door
):
    others = [UserFactory(username=f"reader{n}") for n in range(10)]
    for n, other in enumerate(others):
        attempt(client, list(DOORS)[n % 3], other, "wrong")
    assert_refused(client, attempt(client, door, admin, PASSWORD))


@pytest.mark.parametrize("door", DOORS)
def test_a_few_mistakes_do_not_stop_the_right_password(client, admin, door):
    for n in range(3):
        attempt(client, door, admin, f"guess-{n}")
    response = attempt(client, door, admin, PASSWORD)
    assert response.status_code == 302
    assert logged_in(client)
