"""The Site of a request and the Locale of its language come from the cache
(website/sites.py): always the ones Wagtail's own lookups would choose, and
an administrator's edit to the sites or locales shows on the very next
request."""

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Locale, Page, Site
from wagtail.models.sites import get_site_for_hostname

from website.sites import find_locale, find_site

pytestmark = pytest.mark.django_db

# (hostname, port, is the default site)
SITE_SETS = {
    "one default": [("localhost", 80, True)],
    "default and another host": [("localhost", 80, True), ("example.org", 80, False)],
    "one host on two ports, default on one": [
        ("example.org", 80, True),
        ("example.org", 8080, False),
    ],
    "one host on two ports, no default": [
        ("a.org", 80, False),
        ("a.org", 8080, False),
    ],
    "a single site, not default": [("a.org", 80, False)],
    "default elsewhere, one host on another port": [
        ("default.org", 80, True),
        ("a.org", 8080, False),
    ],
    "default elsewhere, one host on two other ports": [
        ("default.org", 80, True),
        ("a.org", 8080, False),
        ("a.org", 9000, False),
    ],
}

REQUESTS = [
    ("localhost", 80),
    ("example.org", 80),
    ("example.org", 8080),
    ("example.org", 443),
    ("a.org", 80),
    ("a.org", 8080),
    ("a.org", 1234),
    ("default.org", 8080),
    ("other.net", 80),
]


def wagtail_choice(hostname, port):
    try:
        return get_site_for_hostname(hostname, port)
    except Site.DoesNotExist:
        return None


@pytest.mark.parametrize("name", SITE_SETS)
def test_the_cached_sites_give_the_site_wagtail_would(name):
    Site.objects.all().delete()
    root = Page.get_first_root_node()
    for hostname, port, is_default in SITE_SETS[name]:
        Site.objects.create(
            hostname=hostname, port=port, is_default_site=is_default, root_page=root
        )
    for hostname, port in REQUESTS:
        ours, wagtails = find_site(hostname, port), wagtail_choice(hostname, port)
        assert (ours and ours.pk) == (wagtails and wagtails.pk), (hostname, port)


def site_name_on(client, home, host):
    text = client.get(home.url, HTTP_HOST=host).text
    data = re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', text)
    return json.loads(data.group(1))["name"]


def test_a_site_edited_in_the_admin_shows_on_the_next_request(client, home):
    site = Site.objects.get(is_default_site=True)
    site.site_name = "Librarians"
    site.save()
    assert site_name_on(client, home, "localhost") == "Librarians"
    site.site_name = "Librarians Worldwide"
    site.save()
    assert site_name_on(client, home, "localhost") == "Librarians Worldwide"


def test_a_site_added_or_deleted_shows_on_the_next_request(client, home):
    default = Site.objects.get(is_default_site=True)
    default.site_name = "Everyone"
    default.save()
    assert site_name_on(client, home, "members.example.org") == "Everyone"
    members = Site.objects.create(
        hostname="members.example.org", root_page=home, site_name="Members"
    )
    assert site_name_on(client, home, "members.example.org") == "Members"
    members.delete()
    assert site_name_on(client, home, "members.example.org") == "Everyone"


def test_a_page_view_does_not_query_the_sites(client, home):
    client.get(home.url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(home.url).status_code == 200
    assert not [q for q in captured if "wagtailcore_site" in q["sql"]]
    assert not [q for q in captured if 'FROM "wagtailcore_locale"' in q["sql"]]


@pytest.mark.parametrize("code", ["en", "es", "fr", "ar", "es-mx", "de"])
def test_the_cached_locales_give_the_locale_wagtail_would(locales, code):
    with translation.override(code):
        assert find_locale(translation.get_language()) == Locale.get_active()


def test_a_locale_added_is_found_on_the_next_request(db):
    assert find_locale("fr").language_code == "en"  # not there yet: the default
    french = Locale.objects.create(language_code="fr")
    assert find_locale("fr") == french
