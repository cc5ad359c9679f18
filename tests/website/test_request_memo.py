"""Lookups kept for the length of one request (website/request_memo.py)
never outlive it: what an editor changes shows on the next page view."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from website import request_memo
from website.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def about(home):
    page = StandardPageFactory(parent=home, title="About us", show_in_menus=True)
    page.save_revision().publish()
    return page


def test_a_section_made_private_leaves_the_menu_on_the_next_page_view(
    client, home, about
):
    assert "About us" in client.get(home.url).text
    PageViewRestriction.objects.create(
        page=about, restriction_type=PageViewRestriction.LOGIN
    )
    assert "About us" not in client.get(home.url).text


def test_a_page_published_in_another_language_shows_on_the_next_page_view(
    client, home, locales, about
):
    assert 'hreflang="es"' not in client.get(about.url).text
    spanish = about.copy_for_translation(locales["es"])
    spanish.save_revision().publish()
    text = client.get(about.url).text
    assert 'hreflang="es"' in text
    assert f'href="{spanish.url}"' in text  # the language switcher


def test_the_private_sections_are_looked_up_once_per_page_view(client, home, about):
    client.get(about.url)
    with CaptureQueriesContext(connection) as captured:
        client.get(about.url)
    restrictions = [
        query
        for query in captured
        if query["sql"].startswith('SELECT "wagtailcore_pageviewrestriction"')
    ]
    # One read of the private sections serves the menu, the language links
    # and the check of the page's own restrictions (website/routing.py).
    assert len(restrictions) == 1


def test_outside_a_request_every_call_asks_the_database(home, about):
    pages = Page.objects.filter(pk=about.pk)
    assert list(request_memo.public(pages)) == [about.page_ptr]
    PageViewRestriction.objects.create(
        page=about, restriction_type=PageViewRestriction.LOGIN
    )
    assert list(request_memo.public(pages)) == []
