"""Pages are found by website/routing.py in a fixed number of queries, and
always the page (and subpage route) Wagtail's own walk down the tree finds:
Wagtail's `Page.route_for_request` is the reference here."""

import pytest
from django.db import connection
from django.http import Http404
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Page

from blog.factories import BlogIndexPageFactory, BlogPageFactory
from program.factories import ProgramPageFactory, RoundPageFactory
from website.factories import StandardPageFactory
from website.routing import find_page
from website.sites import site_for_request

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(home, locales):
    """A site with what routing has to tell apart: routable pages with
    children, a child whose slug a route also matches, unpublished pages
    above and below live ones, and a Spanish branch."""
    blog = BlogIndexPageFactory(parent=home, slug="blog")
    BlogPageFactory(parent=blog, slug="a-post")
    BlogPageFactory(parent=blog, slug="2024")  # the blog's <int:year>/ route too
    BlogPageFactory(parent=blog, slug="feed")  # and its feed/ route
    about = StandardPageFactory(parent=home, slug="about")
    team = StandardPageFactory(parent=about, slug="team")
    StandardPageFactory(parent=team, slug="alice")
    draft = StandardPageFactory(parent=home, slug="draft")
    draft.unpublish()
    StandardPageFactory(parent=draft, slug="live-under-a-draft")
    program = ProgramPageFactory(parent=home, slug="mentoring")
    RoundPageFactory(parent=program, slug="round-1")
    spanish_blog = blog.copy_for_translation(locales["es"])
    spanish_blog.save_revision().publish()
    return home


PATHS = [
    "",
    "blog/",
    "blog/a-post/",
    "blog/a-post/comments/feed/",
    "blog/a-post/nothing-here/",
    "blog/2024/",
    "blog/2024/5/",
    "blog/feed/",
    "blog/feed/atom/",
    "blog/tag/libraries/",
    "blog/category/news/feed/",
    "blog/no-such-post/",
    "about/",
    "about/team/",
    "about/team/alice/",
    "about/team/bob/",
    "draft/",
    "draft/live-under-a-draft/",
    "mentoring/",
    "mentoring/round-1/",
    "mentoring/round-1/apply/",
    "mentoring/round-1/check-in/abc/",
    "mentoring/round-2/apply/",
    "nowhere/",
]


def wagtail_route(path):
    request = RequestFactory().get("/" + path)
    return Page.route_for_request(request, path)


def described(result):
    """What a route result means: the page, and the subpage view with its
    arguments (for routable pages)."""
    if result is None:
        return None
    page, args, kwargs = result
    view = None
    if args:  # RoutablePageMixin: (view, its args, its kwargs)
        view_function, view_args, view_kwargs = args
        view = (view_function.__name__, tuple(view_args), dict(view_kwargs))
    return (page.pk, type(page).__name__, view, kwargs)


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("path", PATHS)
def test_finds_what_wagtail_finds(tree, language, path):
    with translation.override(language):
        expected = described(wagtail_route(path))
        request = RequestFactory().get("/" + path)
        try:
            found = described(find_page(request, path))
        except Http404:  # where Wagtail's walk raises it (route_for_request: None)
            found = None
        assert found == expected


def test_a_deep_page_is_found_in_as_many_queries_as_a_shallow_one(tree):
    def queries(path):
        def request():
            request = RequestFactory().get("/" + path)
            request._wagtail_site = site_for_request(request)  # as the middleware
            return request

        find_page(request(), path)  # site cache warm-up
        with CaptureQueriesContext(connection) as captured:
            find_page(request(), path)
        return len(captured)

    # The home page and the pages on the path, the page served (specific)
    # and the view restrictions.
    with translation.override("en"):
        assert queries("about/team/alice/") == queries("about/") == 3
