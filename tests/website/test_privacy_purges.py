"""Making a page private takes it, and everything below it, out of the page
cache and the CDN at once: a reader never gets the public copy that was
stored before."""

import pytest
from django.test import Client
from django.urls import reverse

from tests import page_cache_helpers
from tests.httpservers import LocalHTTPServer
from website.factories import StandardPageFactory, UserFactory

page_cache = page_cache_helpers.page_cache
commit = page_cache_helpers.commit

pytestmark = pytest.mark.django_db


@pytest.fixture
def section(translations, page_cache):
    """home > minutes > 2018 > march, all public and cached."""
    body = "<p>Budget figures</p>"
    minutes = StandardPageFactory(parent=translations["en"], title="Minutes", body=body)
    year = StandardPageFactory(parent=minutes, title="2018", body=body)
    march = StandardPageFactory(parent=year, title="March", body=body)
    pages = [minutes, year, march]
    page_cache_helpers.assert_cached(Client(), *[page.url for page in pages])
    return pages


def set_privacy(page, **form):
    """Save the page's privacy through the admin's own Privacy dialog."""
    admin = Client()
    admin.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = admin.post(
        reverse("wagtailadmin_pages:set_privacy", args=[page.pk]), form
    )
    assert response.status_code == 200
    assert '"step": "set_privacy_done"' in response.text


@pytest.mark.parametrize(
    "form",
    [
        {"restriction_type": "login"},
        {"restriction_type": "password", "password": "shelf-mark"},
    ],
)
def test_a_page_made_private_leaves_the_cache_with_everything_below_it(
    section, commit, form
):
    commit(set_privacy, section[0], **form)
    reader = Client()
    for page in section:
        response = reader.get(page.url)
        assert response["X-Cache"] != "hit", page.url
        assert "Budget figures" not in response.text, page.url


def test_a_private_section_is_purged_from_the_cdn(settings, section, commit):
    with LocalHTTPServer() as server:
        settings.WAGTAILFRONTENDCACHE = {
            "cdn": {
                "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
                "LOCATION": server.url(),
            }
        }
        commit(set_privacy, section[1], restriction_type="login")
        purged = {(r.method, r.path) for r in server.requests}
    for page in section[1:]:
        assert ("PURGE", page.url) in purged
    # The pages that list it (its parent, the sitemap) change too.
    assert ("PURGE", section[0].url) in purged
    assert ("PURGE", "/sitemap.xml") in purged
