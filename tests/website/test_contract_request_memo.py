"""Wagtail contract of website/request_memo.py: each lookup it keeps for
the length of a request answers what the Wagtail call it stands for
answers, inside a request (memo open, asked twice) and outside one:

- `localized(page)` is `page.localized`,
- `public(pages)` is `pages.public()`,
- `active_locale()` is `Locale.get_active()`.

(`restrictions_on`, `page.get_view_restrictions()`, is compared in
test_contract_view_restrictions.py.)
"""

import pytest
from django.test import RequestFactory
from django.utils import translation
from wagtail.models import Locale, Page, PageViewRestriction, Site

from website import request_memo
from website.factories import StandardPageFactory

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "es", "fr", "ar", "es-mx", "de"]


def in_request(compute):
    """`compute()` inside a GET request, with the memo open, asked twice
    (the second answer comes from the memo)."""
    answers = []

    def view(request):
        answers.append(compute())
        answers.append(compute())
        return None

    request_memo.RequestMemoMiddleware(view)(RequestFactory().get("/"))
    assert answers[0] == answers[1]
    return answers[0]


@pytest.fixture
def pages(home, locales):
    """An English page translated into Spanish (live) and French (draft),
    one with no translation, and a page first written in Spanish."""
    about = StandardPageFactory(parent=home, slug="about")
    spanish = about.copy_for_translation(locales["es"])
    spanish.save_revision().publish()
    french = about.copy_for_translation(locales["fr"])  # a draft
    assert not french.live
    alone = StandardPageFactory(parent=home, slug="alone")
    spanish_home = home.get_translation(locales["es"])
    first_in_spanish = StandardPageFactory(
        parent=spanish_home, slug="primero", locale=locales["es"]
    )
    return {
        "home": home,
        "about": about,
        "about (es)": spanish,
        "about (fr, draft)": french,
        "alone": alone,
        "first in Spanish": first_in_spanish,
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_localized_is_wagtails_localized(pages, language):
    with translation.override(language):
        for name, page in pages.items():
            page = Page.objects.get(pk=page.pk)
            expected = page.localized
            assert request_memo.localized(page) == expected, name
            assert in_request(lambda page=page: request_memo.localized(page)) == (
                expected
            ), name


def test_localized_follows_a_translation_published_or_unpublished(pages):
    french = pages["about (fr, draft)"]
    about = Page.objects.get(pk=pages["about"].pk)
    with translation.override("fr"):
        assert request_memo.localized(about) == about.localized == about
        french.save_revision().publish()
        about = Page.objects.get(pk=about.pk)
        assert request_memo.localized(about) == about.localized == french.page_ptr


@pytest.fixture
def restricted(private_tree):
    """The private sections of tests/website/conftest.py, plus a login
    restriction on a page below a public one."""
    PageViewRestriction.objects.create(
        page=private_tree["reading-list"],
        restriction_type=PageViewRestriction.LOGIN,
    )
    return private_tree


QUERYSETS = {
    "every page": lambda: Page.objects.all(),
    "live pages": lambda: Page.objects.live(),
    "children of 'open'": lambda: Page.objects.get(slug="open").get_children(),
    "descendants of home": lambda: Page.objects.get(
        pk=Site.objects.get(is_default_site=True).root_page_id
    ).get_descendants(),
    "an empty set": lambda: Page.objects.none(),
}


@pytest.mark.parametrize("name", QUERYSETS)
def test_public_is_wagtails_public(restricted, name):
    make = QUERYSETS[name]
    expected = set(make().public().values_list("pk", flat=True))
    assert expected != set(make().values_list("pk", flat=True)) or name in {
        "an empty set"
    }
    assert set(request_memo.public(make()).values_list("pk", flat=True)) == expected
    inside = in_request(
        lambda: set(request_memo.public(make()).values_list("pk", flat=True))
    )
    assert inside == expected


def test_public_with_no_private_section_is_every_page(home):
    PageViewRestriction.objects.all().delete()
    pages = Page.objects.all()
    expected = set(pages.public().values_list("pk", flat=True))
    assert expected == set(pages.values_list("pk", flat=True))
    assert set(request_memo.public(pages).values_list("pk", flat=True)) == expected


@pytest.mark.parametrize("language", LANGUAGES)
def test_active_locale_is_wagtails_active_locale(locales, language):
    with translation.override(language):
        expected = Locale.get_active()
        assert request_memo.active_locale() == expected
        assert in_request(request_memo.active_locale) == expected
