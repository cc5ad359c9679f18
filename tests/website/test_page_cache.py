"""The whole-page cache: anonymous readers get stored pages, members never
do, and every change that Wagtail makes to a page purges what shows it."""

import re

import pytest
from django.test import Client

from blog.factories import BlogIndexPageFactory, BlogPageFactory
from tests import page_cache_helpers
from tests.httpservers import LocalHTTPServer
from website import pagecache
from website.factories import StandardPageFactory, UserFactory

page_cache = page_cache_helpers.page_cache
commit = page_cache_helpers.commit


@pytest.fixture
def about(translations, page_cache):
    return StandardPageFactory(parent=translations["en"], title="About us")


def rename(page, title):
    page.title = title
    page.save_revision().publish()


@pytest.mark.django_db
def test_the_second_anonymous_request_is_served_from_the_cache(
    client, about, django_assert_num_queries
):
    first = client.get(about.url)
    assert first.status_code == 200
    assert first["X-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get(about.url)
    assert second["X-Cache"] == "hit"
    # The same page, with a CSP nonce of its own (tests/website/test_csp_nonce.py).
    nonce = re.compile(rb'nonce="[^"]+"')
    assert nonce.sub(b"", second.content) == nonce.sub(b"", first.content)
    assert second["Content-Type"] == first["Content-Type"]


@pytest.mark.django_db
def test_signed_in_members_never_get_a_cached_page(client, about):
    client.get(about.url)  # stored for anonymous readers
    client.force_login(UserFactory())
    for _ in range(2):
        response = client.get(about.url)
        assert response["X-Cache"] == "bypass"
        assert "Your profile" in response.text


@pytest.mark.django_db
def test_a_members_page_is_never_stored_for_anonymous_readers(client, about):
    member = Client()
    member.force_login(UserFactory())
    assert "Your profile" in member.get(about.url).text
    response = client.get(about.url)
    assert response["X-Cache"] == "miss"
    assert "Your profile" not in response.text


@pytest.mark.django_db
def test_a_page_that_sets_a_cookie_is_not_stored(client, about):
    # The log-in form renders a CSRF token, which sets the CSRF cookie.
    for _ in range(2):
        response = client.get("/en/accounts/login/")
        assert response["X-Cache"] == "bypass"
        assert response.cookies


@pytest.mark.django_db
def test_a_reader_with_a_message_waiting_bypasses_the_cache(client, about):
    client.get(about.url)
    client.cookies["messages"] = "anything"
    assert client.get(about.url)["X-Cache"] == "bypass"


@pytest.mark.django_db
def test_each_query_string_is_its_own_entry(client, about):
    assert client.get(about.url + "?a=1")["X-Cache"] == "miss"
    assert client.get(about.url + "?a=2")["X-Cache"] == "miss"
    assert client.get(about.url + "?a=1")["X-Cache"] == "hit"


@pytest.mark.django_db
def test_purging_a_path_drops_every_query_string_and_nothing_else(client, about):
    other = StandardPageFactory(parent=about.get_parent(), title="Contact")
    for url in (about.url, about.url + "?a=1", other.url):
        client.get(url)
    pagecache.purge([about.full_url])
    assert client.get(about.url)["X-Cache"] == "miss"
    assert client.get(about.url + "?a=1")["X-Cache"] == "miss"
    assert client.get(other.url)["X-Cache"] == "hit"


@pytest.mark.django_db
def test_while_one_request_renders_a_purged_page_others_get_the_old_one(client, about):
    """No stampede: readers who arrive while the first request after a
    purge renders the page get the purged version meanwhile."""
    client.get(about.url)
    pagecache.purge([about.url])
    lock = pagecache.page_key("testserver", about.url) + ":rendering"
    pagecache.store().add(lock, 1, 10)  # another request is rendering it
    assert client.get(about.url)["X-Cache"] == "stale"
    pagecache.store().delete(lock)
    assert client.get(about.url)["X-Cache"] == "miss"
    assert client.get(about.url)["X-Cache"] == "hit"


@pytest.mark.django_db
def test_the_purge_covers_every_host_name(client, about):
    client.get(about.url, HTTP_HOST="localhost")
    client.get(about.url, HTTP_HOST="127.0.0.1:8000")
    pagecache.purge([about.url])
    assert client.get(about.url, HTTP_HOST="localhost")["X-Cache"] == "miss"
    assert client.get(about.url, HTTP_HOST="127.0.0.1:8000")["X-Cache"] == "miss"


@pytest.mark.django_db
def test_publishing_a_page_shows_the_new_version_at_once(client, about, commit):
    client.get(about.url)
    commit(rename, about, "About the network")
    response = client.get(about.url)
    assert response["X-Cache"] == "miss"
    assert "About the network" in response.text


def translate(page, locale):
    translation = page.copy_for_translation(locale)
    translation.save_revision().publish()
    return translation


@pytest.mark.django_db
def test_publishing_purges_the_ancestors_and_the_other_languages(
    client, translations, locales, page_cache, commit
):
    index = BlogIndexPageFactory(parent=translations["en"])
    post = BlogPageFactory(parent=index, title="Speed mentoring")
    spanish_index = translate(index, locales["es"])
    translate(post, locales["es"])
    urls = [
        translations["en"].url,
        index.url,
        spanish_index.url,
        "/en/search/?q=mentoring",
    ]
    for url in urls:
        response = client.get(url)
        assert response["X-Cache"] == "miss", url
    commit(rename, post, "Speed mentoring in Hong Kong")
    for url in urls:
        assert client.get(url)["X-Cache"] == "miss", url
    assert "Speed mentoring in Hong Kong" in client.get(index.url).text


@pytest.mark.django_db
def test_an_unpublished_page_is_gone_at_once(client, about, commit):
    client.get(about.url)
    commit(about.unpublish)
    assert client.get(about.url).status_code == 404


@pytest.mark.django_db
def test_a_deleted_page_is_gone_at_once(client, about, commit):
    url = about.url
    client.get(url)
    commit(about.delete)
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_a_moved_pages_old_address_redirects_at_once(client, about, commit):
    old_url = about.url
    parent = StandardPageFactory(parent=about.get_parent(), title="Network")
    client.get(old_url)
    commit(about.move, parent, pos="last-child")
    response = client.get(old_url)
    assert response.status_code == 301  # Wagtail's automatic redirect
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.django_db
def test_the_purge_reaches_the_cdn(settings, about, commit):
    """Wagtail's frontend-cache backend (here its plain HTTP one, which
    sends PURGE requests) is told about every purged URL."""
    with LocalHTTPServer() as server:
        settings.WAGTAILFRONTENDCACHE = {
            "cdn": {
                "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
                "LOCATION": server.url(),
            }
        }
        commit(rename, about, "About the network")
        purged = {(r.method, r.path) for r in server.requests}
    assert ("PURGE", about.url) in purged
    assert ("PURGE", "/sitemap.xml") in purged
