import re
import xml.etree.ElementTree as ET

import pytest

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def switcher_links(html):
    match = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S)
    if not match:
        return {}
    nav = match.group(0)
    links = dict(re.findall(r'<a href="([^"]+)" hreflang="([^"]+)"', nav))
    current = re.findall(r'<span aria-current="true" lang="([^"]+)"', nav)
    return {"links": {code: url for url, code in links.items()}, "current": current}


@pytest.mark.django_db
def test_switcher_links_to_each_translation_and_marks_the_current_one(
    client, translations
):
    switcher = switcher_links(client.get("/es/").text)
    assert switcher["current"] == ["es"]
    assert switcher["links"] == {"en": "/en/", "fr": "/fr/"}


@pytest.mark.django_db
def test_switcher_leaves_out_a_language_the_page_is_not_published_in(
    client, translations
):
    translations["fr"].unpublish()
    switcher = switcher_links(client.get("/en/").text)
    assert switcher["links"] == {"es": "/es/"}


@pytest.mark.django_db
def test_switcher_is_hidden_when_a_page_exists_in_one_language_only(
    client, translations
):
    for code in ("es", "fr"):
        translations[code].unpublish()
    assert switcher_links(client.get("/en/").text) == {}


@pytest.mark.django_db
def test_head_has_hreflang_alternates_and_x_default(client, translations):
    html = client.get("/fr/").text
    alternates = dict(
        re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html)
    )
    assert alternates == {
        "en": "http://localhost/en/",
        "es": "http://localhost/es/",
        "fr": "http://localhost/fr/",
        "x-default": "http://localhost/en/",
    }


@pytest.mark.django_db
def test_views_outside_the_page_tree_switch_by_path(client, home):
    switcher = switcher_links(client.get("/es/search/?q=red").text)
    assert switcher["current"] == ["es"]
    assert switcher["links"]["en"] == "/en/search/?q=red"


@pytest.mark.django_db
def test_interface_strings_follow_the_url_language(client, home):
    assert ">Iniciar sesión<" in client.get("/es/").text
    assert ">Log in<" in client.get("/en/").text


@pytest.mark.django_db
def test_sitemap_lists_every_language_with_alternates(client, translations):
    response = client.get("/sitemap-pages.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    urls = {
        url.find(f"{SITEMAP}loc").text: {
            link.get("hreflang"): link.get("href")
            for link in url.findall(f"{XHTML}link")
        }
        for url in root.findall(f"{SITEMAP}url")
    }
    assert set(urls) == {
        "http://localhost/en/",
        "http://localhost/es/",
        "http://localhost/fr/",
    }
    for alternates in urls.values():
        assert alternates["es"] == "http://localhost/es/"
        assert alternates["x-default"] == "http://localhost/en/"


@pytest.mark.django_db
def test_sitemap_leaves_out_unpublished_translations(client, translations):
    translations["es"].unpublish()
    root = ET.fromstring(client.get("/sitemap-pages.xml").content)
    locations = [url.find(f"{SITEMAP}loc").text for url in root]
    assert "http://localhost/es/" not in locations
    assert "http://localhost/es/" not in client.get("/sitemap-pages.xml").text


@pytest.mark.django_db
def test_machine_endpoints_have_no_language_prefix(client, home):
    assert client.get("/sitemap.xml").status_code == 200
    robots = client.get("/robots.txt")
    assert robots.status_code == 200
    assert robots["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in robots.text
    assert "Disallow: /admin/" in robots.text
