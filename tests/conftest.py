"""Shared test set-up.

Tests never reach the internet: every socket connection to an address
outside the loopback range fails at once. Mail goes to Django's locmem
outbox (test settings), and the outbox's delivery task runs immediately.
"""

import ipaddress
import socket

import pytest
from django.core.management import call_command
from django.db import transaction
from wagtail.models import Locale, Page, Site

from website.factories import HomePageFactory

_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex


def _is_loopback(address):
    if isinstance(address, tuple):
        host = address[0]
    else:  # a Unix socket path
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def _guarded(real):
    def connect(sock, address):
        if not _is_loopback(address):
            raise ConnectionRefusedError(
                f"Tests may not connect to {address!r}: only loopback is allowed."
            )
        return real(sock, address)

    return connect


@pytest.fixture(autouse=True, scope="session")
def block_outbound_network():
    socket.socket.connect = _guarded(_real_connect)
    socket.socket.connect_ex = _guarded(_real_connect_ex)
    yield
    socket.socket.connect = _real_connect
    socket.socket.connect_ex = _real_connect_ex


@pytest.fixture
def locales(db):
    return {
        code: Locale.objects.get_or_create(language_code=code)[0]
        for code in ("en", "es", "fr")
    }


@pytest.fixture
def home(locales):
    """The English home page as the default site's root (replacing the one
    the data migration made), with live Spanish and French translations."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:  # a transactional test flushed the migrations' data
        root = Page.get_first_root_node() or Page.add_root(
            instance=Page(title="Root", slug="root", locale=locales["en"])
        )
        page = HomePageFactory(parent=root, slug="home")
        site = Site.objects.create(
            hostname="localhost", root_page=page, is_default_site=True
        )
    page = site.root_page.specific
    page.title = "Librarians Network"
    page.save_revision().publish()
    for code in ("es", "fr"):
        translation = page.copy_for_translation(locales[code])
        translation.title = {"es": "Red de Bibliotecarios", "fr": "Réseau"}[code]
        translation.save_revision().publish()
    return page


@pytest.fixture
def translations(home):
    """{language code: live home page in that language}."""
    return {
        page.locale.language_code: page.specific
        for page in Page.objects.filter(translation_key=home.translation_key)
    }


def pytest_collection_modifyitems(config, items):
    """Tests marked `postgres` run only when the suite runs on PostgreSQL:
    SQLite serialises writes and would hide the races they check."""
    from django.db import connection

    if connection.vendor == "postgresql":
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL (DATABASE_URL)")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: what an earlier test cached (its
    sites, its pages) went with its rolled-back data, and its rate limits
    would refuse this test's requests."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def mail_through_the_outbox(settings):
    """Django's test set-up swaps EMAIL_BACKEND for locmem; put the site's
    own backend back, so library mail goes through the outbox in tests as in
    production (the outbox then delivers to locmem: OUTBOX_DELIVERY_BACKEND)."""
    settings.EMAIL_BACKEND = "website.outbox.OutboxBackend"


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the default language: a request to /es/… leaves
    Spanish active in the thread (LocaleMiddleware activates, nothing
    deactivates), and a later test that calls code directly would answer
    in Spanish."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(scope="module")
def demo_for_the_module(django_db_setup, django_db_blocker):
    """The demo content and accounts, loaded once for a module whose tests
    only read them (or undo what they change), and rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", verbosity=0)
        yield
        transaction.set_rollback(True)
