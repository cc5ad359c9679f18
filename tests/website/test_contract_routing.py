"""Wagtail contract of website/routing.py: the page (and subpage route) it
finds for a path is always the one Wagtail's own walk down the tree finds
(`Page.route_for_request` is the reference), and the private names of
Wagtail it writes are the ones Wagtail reads.

If a Wagtail upgrade changes how pages are routed, or stops reading
`request._wagtail_route_for_request`, `request._wagtail_cached_site_root_paths`
or treebeard's `_cached_parent_obj`, a test here fails; without them the
router would keep serving what the old Wagtail would have served.
(The number of queries it takes is tested in test_routing_queries.py.)
"""

import pytest
from django.db import connection
from django.http import Http404
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, Site, get_page_models
from wagtail.url_routing import RouteResult

from blog.factories import BlogIndexPageFactory, BlogPageFactory
from program.factories import ProgramPageFactory, RoundPageFactory
from website import routing
from website.factories import StandardPageFactory
from website.routing import find_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(home, locales):
    """A site with what routing has to tell apart: routable pages with
    children, a child whose slug a route also matches, unpublished pages
    above and below live ones (a draft routable page among them), and a
    Spanish branch."""
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
    # A routable page in draft: its routes answer nothing, its children
    # are still found (RoutablePageMixin.route checks `live` first).
    draft_blog = BlogIndexPageFactory(parent=home, slug="draft-blog")
    BlogPageFactory(parent=draft_blog, slug="a-post")
    BlogPageFactory(parent=draft_blog, slug="feed")
    draft_blog.unpublish()
    draft_post = BlogPageFactory(parent=blog, slug="draft-post")
    draft_post.unpublish()
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
    "blog/draft-post/",
    "blog/draft-post/comments/feed/",
    "draft-blog/",
    "draft-blog/feed/",
    "draft-blog/2024/",
    "draft-blog/tag/libraries/",
    "draft-blog/a-post/",
    "draft-blog/a-post/comments/feed/",
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


def test_the_draft_routable_page_cases_are_the_ones_wagtail_tells_apart(tree):
    """The draft routable page's paths above mean what they are meant to:
    its routes are refused, its live child is served."""
    with translation.override("en"):
        assert wagtail_route("draft-blog/") is None
        assert wagtail_route("draft-blog/tag/libraries/") is None
        assert wagtail_route("draft-blog/2024/") is None
        assert wagtail_route("draft-blog/feed/").page.slug == "feed"  # the child
        assert wagtail_route("draft-blog/a-post/").page.slug == "a-post"


def test_the_routable_page_classes_route_as_the_router_assumes():
    """The router tells a routable page by its class's `route` being
    Wagtail's `RoutablePageMixin.route` or `Page.route` itself; a class of
    ours with a `route()` of its own is handed the rest of the path. This
    lists which is which, so that a new `route()` is a deliberate change."""
    own_route = sorted(
        model.__name__
        for model in get_page_models()
        if model.route not in (Page.route, RoutablePageMixin.route)
    )
    assert own_route == []


def test_wagtail_serves_the_route_the_router_leaves_on_the_request(tree):
    """`routing.serve` stores its answer in
    `request._wagtail_route_for_request`; Wagtail's `route_for_request`
    (which its serve view calls) must take it from there."""
    about = Page.objects.get(slug="about")
    request = RequestFactory().get("/nowhere/")
    request._wagtail_route_for_request = RouteResult(about)
    with CaptureQueriesContext(connection) as captured:
        assert Page.route_for_request(request, "nowhere/").page == about
        assert Page.find_for_request(request, "nowhere/") == about
    assert len(captured) == 0
    # …and store its own answer under the same name.
    fresh = RequestFactory().get("/about/")
    Page.route_for_request(fresh, "about/")
    assert fresh._wagtail_route_for_request.page.pk == about.pk


def test_wagtail_builds_urls_from_the_root_paths_the_router_leaves(tree):
    """`routing.site_root_paths` keeps `Site.get_site_root_paths()` in
    `request._wagtail_cached_site_root_paths`, where Wagtail's URL building
    must look for it (here: a root URL only the cached copy has)."""
    about = Page.objects.get(slug="about")
    request = RequestFactory().get("/")
    request._wagtail_cached_site_root_paths = [
        root._replace(root_url="https://cached.example.org")
        for root in Site.get_site_root_paths()
    ]
    assert about.get_full_url(request).startswith("https://cached.example.org/")
    assert routing.site_root_paths(request)[0].root_url == "https://cached.example.org"
    # And Wagtail fills the same attribute when it reads them itself.
    fresh = RequestFactory().get("/")
    about.get_url(request=fresh)
    assert fresh._wagtail_cached_site_root_paths == Site.get_site_root_paths()


def test_treebeard_takes_the_parent_the_router_leaves_on_a_page(tree):
    """The router sets `_cached_parent_obj` on each page of the path, as
    Wagtail's `Page.route` does, so that `get_parent()` (breadcrumbs, the
    page's links) costs no query."""
    about = Page.objects.get(slug="about")
    team = Page.objects.get(slug="team")
    team._cached_parent_obj = about
    with CaptureQueriesContext(connection) as captured:
        assert team.get_parent() is about
    assert len(captured) == 0
    # Wagtail's own walk leaves it too: the name is the one it uses.
    with translation.override("en"):
        found = wagtail_route("about/team/").page
    assert found.__dict__["_cached_parent_obj"].pk == about.pk
    ours = find_page(RequestFactory().get("/about/team/"), "about/team/").page
    assert ours.__dict__["_cached_parent_obj"].pk == about.pk
