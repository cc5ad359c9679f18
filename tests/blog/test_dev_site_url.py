"""In development the site's own URL is the address it is served on.

`make run PORT=8201` used to send readers, feeds and other sites to port
8000 (the demo Site's port): hreflang links, feed items, the `X-Pingback`
and `Link` headers, links in emails; and a webmention naming the page's
real URL was refused. In development (`SITE_URL_FROM_REQUEST`, on in the
dev settings) a request's links follow the request's host and port, and
what is built outside a request (mail sent from tasks) follows the
address `runserver` was started on. Production keeps the Site and
SITE_URL.
"""

import os
import re

import pytest
from django.contrib.sites.models import Site as DjangoSite
from django.core import mail
from django.core.management import call_command
from django.core.management.commands.runserver import Command as DjangoRunserver
from wagtail.models import Page

from blog.models import BlogComment
from tests.blog.conftest import translate_page
from website import devsite
from website.models import OutboxMessage

pytestmark = pytest.mark.django_db

SERVED = "127.0.0.1:8201"


@pytest.fixture(scope="module")
def post(make_post, site_locales):
    """A discussion topic with a Spanish translation (so it has hreflang
    alternates)."""
    english = make_post(title="Discussion topic: Getting to know you", topic=True)
    translate_page(english, site_locales["es"], title="Conociéndonos", slug="conoc")
    return english


@pytest.fixture
def development(settings, monkeypatch):
    """The dev settings' behaviour, and no SITE_URL in the environment."""
    settings.SITE_URL_FROM_REQUEST = True
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
    monkeypatch.delenv("SITE_URL", raising=False)
    devsite.install()


def links_in(html, pattern):
    return re.findall(pattern, html)


def test_the_development_settings_follow_the_served_address():
    from website.settings import dev

    assert dev.SITE_URL_FROM_REQUEST is True
    assert "website.devsite.ServedAddressMiddleware" in dev.MIDDLEWARE


def test_in_development_page_links_and_headers_name_the_served_address(
    client, development, post
):
    response = client.get(post.url, HTTP_HOST=SERVED)

    assert response.status_code == 200
    html = response.content.decode()
    hreflang = links_in(html, r'<link rel="alternate" hreflang="[^"]+" href="([^"]+)"')
    assert hreflang and all(url.startswith(f"http://{SERVED}/") for url in hreflang)
    assert f'<link rel="pingback" href="http://{SERVED}/xmlrpc/">' in html
    assert f'<link rel="webmention" href="http://{SERVED}/webmention/">' in html
    assert response["X-Pingback"] == f"http://{SERVED}/xmlrpc/"
    assert f'<http://{SERVED}/webmention/>; rel="webmention"' in response["Link"]


def test_in_development_feed_items_link_to_the_served_address(
    client, development, post
):
    feed = client.get(f"{post.get_parent().url}feed/", HTTP_HOST=SERVED)

    links = links_in(feed.content.decode(), r"<link>([^<]+)</link>")
    assert f"http://{SERVED}{post.url}" in links
    assert all(link.startswith(f"http://{SERVED}/") for link in links)


def test_in_development_a_webmention_naming_the_served_url_is_accepted(
    client, development, post
):
    response = client.post(
        "/webmention/",
        {
            "source": "https://reader.example.org/our-round/",
            "target": f"http://{SERVED}{post.url}",
        },
        HTTP_HOST=SERVED,
    )

    assert response.status_code == 202, response.content


def test_in_development_mail_from_tasks_names_the_address_runserver_started_on(
    development, settings, post, monkeypatch
):
    # Start `manage.py runserver 127.0.0.1:8201` without serving: the
    # address is recorded before the server loop starts.
    monkeypatch.setattr(DjangoRunserver, "inner_run", lambda *args, **kwargs: None)
    # runserver writes SITE_URL into the environment: undo it after the test
    # (setenv records that it was unset), so no later test inherits it.
    monkeypatch.setenv("SITE_URL", "")
    monkeypatch.delenv("SITE_URL")
    call_command("runserver", SERVED, use_reloader=False, skip_checks=True)

    assert os.environ["SITE_URL"] == f"http://{SERVED}"
    assert f"http://{SERVED}" == settings.WAGTAILADMIN_BASE_URL
    # No request here, as in a background task (which reads its pages
    # afresh: a page object keeps the root URLs it read first).
    fresh = Page.objects.get(pk=post.pk)
    assert fresh.get_full_url() == f"http://{SERVED}{post.url}"
    held = BlogComment.objects.create(
        content_object=post,
        site_id=1,
        comment="A comment that waits",
        user_name="Ama",
        user_email="ama@example.org",
        is_public=False,
    )
    from blog.comments.emails import notify_moderators
    from website.factories import UserFactory

    UserFactory(username="mod", email="mod@example.org", is_superuser=True)
    mail.outbox.clear()
    notify_moderators(held, post)

    message = OutboxMessage.objects.filter(to="mod@example.org").latest("pk")
    assert f"http://{SERVED}/admin/" in message.body_text
    assert "127.0.0.1:8000" not in message.body_text


def test_in_production_links_name_the_site_whatever_the_request_says(client, post):
    response = client.get(post.url, HTTP_HOST=SERVED)

    assert SERVED not in response["X-Pingback"]
    html = response.content.decode()
    hreflang = links_in(html, r'<link rel="alternate" hreflang="[^"]+" href="([^"]+)"')
    assert hreflang and not any(SERVED in url for url in hreflang)


def test_in_development_account_emails_name_the_served_address(client, development):
    # As in the demo: django.contrib.sites follows the Wagtail Site's port.
    DjangoSite.objects.filter(pk=1).update(domain="127.0.0.1:8000")
    client.post(
        "/en/accounts/signup/",
        {
            "email": "nkechi@example.org",
            "password1": "a-long-library-passphrase",
            "password2": "a-long-library-passphrase",
        },
        HTTP_HOST=SERVED,
    )

    message = OutboxMessage.objects.filter(to="nkechi@example.org").latest("pk")
    assert f"http://{SERVED}/en/accounts/confirm-email/" in message.body_text
    assert "8000" not in message.body_text
