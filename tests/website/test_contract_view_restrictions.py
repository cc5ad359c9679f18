"""Wagtail contract of `KnownViewRestrictionsMixin` (website/models/pages.py)
and the view restrictions the router hands it (website/routing.py,
`request_memo.restrictions_on`): for every page, below private sections
and aliases too, `get_view_restrictions()` answers what Wagtail's own
answers (the same rows, as the same kind of object: a QuerySet), without a
query, and Wagtail's serve check asks the page for them (so that a page
served through the router stays as private as Wagtail would keep it).
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.db.models import QuerySet
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail import hooks
from wagtail.models import Page, PageViewRestriction, get_page_models
from wagtail.wagtail_hooks import check_view_restrictions

from website.models import KnownViewRestrictionsMixin
from website.routing import find_page

pytestmark = pytest.mark.django_db


PATHS = [
    "",
    "members/",
    "members/minutes/",
    "board/",
    "open/",
    "open/reading-list/",
    "open/members-alias/",
    "open/minutes-alias/",
]


@pytest.mark.parametrize("path", PATHS)
def test_the_router_hands_over_the_restrictions_wagtail_would_find(private_tree, path):
    result = find_page(RequestFactory().get("/" + path), path)
    fresh = Page.objects.get(pk=result.page.pk)
    wagtails = fresh.get_view_restrictions()
    if "alias" in path:
        # An alias (or a page below one) is left to Wagtail's own lookup.
        assert result.page.known_view_restrictions is None
    else:
        assert result.page.known_view_restrictions is not None
    with CaptureQueriesContext(connection) as captured:
        ours = result.page.get_view_restrictions()
        given = {restriction.pk for restriction in ours}
        assert bool(ours) == bool(given) and len(ours) == len(given)
    if "alias" not in path:
        assert len(captured) == 0  # the point of the mixin
    assert given == {restriction.pk for restriction in wagtails}
    # What Wagtail returns: a QuerySet of PageViewRestriction, which can be
    # chained like Wagtail's (and then asks the database the same rows).
    assert isinstance(ours, QuerySet) and isinstance(wagtails, QuerySet)
    assert ours.model is wagtails.model is PageViewRestriction
    assert set(ours.values_list("pk", flat=True)) == given
    assert set(
        ours.filter(restriction_type="login").values_list("pk", flat=True)
    ) == set(wagtails.filter(restriction_type="login").values_list("pk", flat=True))


def test_every_page_type_of_the_site_takes_known_restrictions():
    """The router sets `known_view_restrictions` on whatever page it serves:
    a page type without the mixin would be checked by Wagtail with its own
    two queries (correct, but what the mixin exists to avoid)."""
    ours = [
        model
        for model in get_page_models()
        if model.__module__.split(".")[0] in {"website", "blog", "program", "voting"}
    ]
    assert ours
    assert [
        m.__name__ for m in ours if not issubclass(m, KnownViewRestrictionsMixin)
    ] == []


def test_wagtail_checks_the_restrictions_the_page_answers(private_tree):
    """Wagtail's `check_view_restrictions` hook (run before every page is
    served) asks `page.get_view_restrictions()`: the mixin's answer is the
    one it acts on. Here a public page handed a login restriction is
    refused to an anonymous reader."""
    page = private_tree["reading-list"].specific
    login = PageViewRestriction.objects.filter(page=private_tree["members"])
    request = RequestFactory().get(page.url)
    request.user = AnonymousUser()
    assert check_view_restrictions in hooks.get_hooks("on_serve_page")
    served = check_view_restrictions(lambda *args: HttpResponse("served"))
    assert served(page, request, [], {}).content == b"served"
    page.known_view_restrictions = login
    refused = served(page, request, [], {})
    assert refused.status_code == 302
    assert "login" in refused["Location"]
