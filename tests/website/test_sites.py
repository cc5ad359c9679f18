"""The Site of a request and the Locale of its language come from the cache
(website/sites.py): always the ones Wagtail's own lookups would choose, and
an administrator's edit to the sites or locales shows on the very next
request (what they choose is compared with Wagtail in
test_contract_sites.py)."""

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, Site

from website.sites import find_locale

pytestmark = pytest.mark.django_db


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


def test_a_locale_added_is_found_on_the_next_request(db):
    assert find_locale("fr").language_code == "en"  # not there yet: the default
    french = Locale.objects.create(language_code="fr")
    assert find_locale("fr") == french
