"""The sitemap is an index of pages of at most a few thousand URLs, each
built with the request: its queries do not grow with the site."""

import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from website.factories import StandardPageFactory
from website.sitemap import MultilingualSitemap

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def locations(response, tag):
    root = ET.fromstring(response.content)
    return [entry.find(f"{SITEMAP}loc").text for entry in root.findall(tag)]


def test_the_index_lists_sitemap_pages_that_list_each_url_once(
    client, translations, monkeypatch
):
    monkeypatch.setattr(MultilingualSitemap, "limit", 4)
    for number in range(7):
        StandardPageFactory(parent=translations["en"], title=f"Page {number}")
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    assert "noindex" in index["X-Robots-Tag"]
    pages = locations(index, f"{SITEMAP}sitemap")
    # 3 home pages and 7 pages, 4 a page.
    assert pages == [
        "http://testserver/sitemap-pages.xml",
        "http://testserver/sitemap-pages.xml?p=2",
        "http://testserver/sitemap-pages.xml?p=3",
    ]
    listed = []
    for url in pages:
        response = client.get(url.removeprefix("http://testserver"))
        assert response.status_code == 200
        urls = locations(response, f"{SITEMAP}url")
        assert len(urls) <= 4
        listed += urls
    assert len(listed) == len(set(listed)) == 10
    assert "http://localhost/es/" in listed


def test_a_sitemap_page_past_the_last_is_not_found(client, translations):
    assert client.get("/sitemap-pages.xml?p=9").status_code == 404
    assert client.get("/sitemap-pages.xml?p=x").status_code == 404
    assert client.get("/sitemap-other.xml").status_code == 404


@pytest.mark.parametrize("url", ["/sitemap.xml", "/sitemap-pages.xml"])
def test_the_sitemap_takes_the_same_queries_whatever_the_number_of_pages(
    client, translations, url, django_assert_max_num_queries
):
    for number in range(2):
        StandardPageFactory(parent=translations["en"], title=f"Page {number}")
    with CaptureQueriesContext(connection) as queries:
        small = client.get(url)
    little = len(queries.captured_queries)
    for number in range(2, 40):
        StandardPageFactory(parent=translations["en"], title=f"Page {number}")
    with django_assert_max_num_queries(little):
        large = client.get(url)
    assert len(large.content) >= len(small.content)


def test_every_url_is_the_one_wagtail_builds(client, translations):
    """The sitemap builds URLs from url_path and the site roots read once
    (website.sitemap.PageUrls): each is the page's own get_full_url(),
    nested pages, translations and a slug with accents included."""
    from wagtail.models import Page

    parent = StandardPageFactory(parent=translations["en"], title="Services")
    StandardPageFactory(parent=parent, title="Bibliothèque", slug="bibliothèque")
    StandardPageFactory(parent=translations["es"], title="Servicios")
    StandardPageFactory(parent=translations["fr"], title="À propos", slug="à-propos")
    response = client.get("/sitemap-pages.xml")
    assert response.status_code == 200
    listed = locations(response, f"{SITEMAP}url")
    expected = [page.get_full_url() for page in Page.objects.live().public()]
    expected = [url for url in expected if url and url.startswith("http://localhost")]
    assert sorted(listed) == sorted(expected)
    assert "http://localhost/en/services/biblioth%C3%A8que/" in listed
    # The alternates are the translations' own URLs too.
    root = ET.fromstring(response.content)
    home = next(
        entry
        for entry in root.findall(f"{SITEMAP}url")
        if entry.find(f"{SITEMAP}loc").text == translations["en"].get_full_url()
    )
    alternates = {
        link.get("hreflang"): link.get("href")
        for link in home.findall("{http://www.w3.org/1999/xhtml}link")
    }
    assert alternates == {
        "en": translations["en"].get_full_url(),
        "es": translations["es"].get_full_url(),
        "fr": translations["fr"].get_full_url(),
        "x-default": translations["en"].get_full_url(),
    }


def test_no_page_model_routes_its_own_url():
    """The sitemap's URLs are Page.get_url_parts()'s: a page type with its
    own get_url_parts() would need the sitemap to ask it instead."""
    from wagtail.models import Page, get_page_models

    overriding = [
        model.__name__
        for model in get_page_models()
        if model.get_url_parts is not Page.get_url_parts
        or model.get_full_url is not Page.get_full_url
    ]
    assert overriding == []
