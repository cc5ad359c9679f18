"""Finding the page a URL names, in two queries whatever its depth.

Wagtail's `Page.route` walks down the tree a level at a time, with two
queries at each level (the child with the next slug, then its specific
object), after a query for the reader's Locale and one for the home page's
specific object: seven queries before a post's view even starts, a third
of the time of a page without comments.

Here the home page (in the reader's language, or the site's own if that
translation is not live) and every page along the path are read in one
query, by `url_path` (Wagtail keeps it up to date on every save and move),
and only the page served is made specific. The answer is what Wagtail's
walk would give:

- a page whose class routes its own subpaths with `RoutablePageMixin` is
  handed the rest of the path when one of its routes matches it, as
  `RoutablePageMixin.route` does before looking at children;
- a page whose class overrides `route()` any other way is handed the rest
  of the path, and routes it itself;
- the last page's own `route()` has the final word (live, index route).

`serve` stores the result where Wagtail caches its own
(`request._wagtail_route_for_request`), keeps the pages from the home page
down to it as `request.page_trail` (the breadcrumb), and lets Wagtail's
serve view do the rest: the hooks (view restrictions among them) and the
page's `serve`. The page served carries its view restrictions, read with
the private sections of the whole tree (`with_restrictions`), so that
Wagtail's check of them needs no query.

tests/website/test_contract_routing.py compares its answers with
Wagtail's, and checks that Wagtail still reads the private names written
here (`_wagtail_route_for_request`, `_wagtail_cached_site_root_paths`,
treebeard's `_cached_parent_obj`).
"""

from django.http import Http404
from wagtail import views as wagtail_views
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, Site

from .request_memo import active_locale, localized, once, restrictions_on


def serve(request, path):
    """Wagtail's serve view, with the page found by `find_page`."""
    if not hasattr(request, "_wagtail_route_for_request"):
        try:
            request._wagtail_route_for_request = find_page(request, path)
        except Http404:
            request._wagtail_route_for_request = None
    return wagtail_views.serve(request, path)


def find_page(request, path):
    """The `RouteResult` for `path` on the request's site in the language
    being shown, or None; raises Http404 where Wagtail's walk would."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    slugs = [slug for slug in path.split("/") if slug]
    # The site's home page in each language ("/home/", "/home-es/", from
    # the site root paths Wagtail caches), and below each of them the
    # pages that `path` could name: "/home/blog/", "/home/blog/a-post/", …
    # for /blog/a-post/. One query reads them all (`url_path` is unique).
    homes = [
        root.root_path for root in site_root_paths(request) if root.site_id == site.pk
    ]
    wanted = [
        home + "".join(f"{slug}/" for slug in slugs[:depth])
        for home in homes
        for depth in range(len(slugs) + 1)
    ]
    on_path = {
        found.url_path: found for found in Page.objects.filter(url_path__in=wanted)
    }
    page = once(("home", site.pk), lambda: localized_home(site, on_path.values()))
    walked = [page]
    for index, slug in enumerate(slugs):
        rest = slugs[index:]
        if routes_itself(page, rest):
            request.page_trail = walked
            return with_restrictions(page.specific.route(request, rest), walked)
        child = on_path.get(f"{page.url_path}{slug}/")
        if child is None:
            raise Http404
        child._cached_parent_obj = page  # as Page.route does: no query for it
        page = child
        walked.append(page)
    request.page_trail = walked  # the breadcrumb's pages (website_tags)
    return with_restrictions(page.specific.route(request, []), walked)


def site_root_paths(request):
    """`Site.get_site_root_paths()` (a cache read), kept on the request where
    Wagtail's URL building looks for it, so the page's links read it no
    more."""
    if not hasattr(request, "_wagtail_cached_site_root_paths"):
        request._wagtail_cached_site_root_paths = Site.get_site_root_paths()
    return request._wagtail_cached_site_root_paths


def with_restrictions(result, walked):
    """`result`, its page given the view restrictions on it and its
    ancestors (`KnownViewRestrictionsMixin`) when they are known: the pages
    `walked` from the home page down are all its ancestors (the home page
    is a child of the tree's root), and none is an alias, whose
    restrictions would be its source page's."""
    served = walked[-1]
    if (
        result is not None
        and result.page.pk == served.pk
        and walked[0].depth == 2
        and not any(page.alias_of_id for page in walked)
    ):
        result.page.known_view_restrictions = restrictions_on(served)
    return result


def localized_home(site, pages):
    """`localized(site.root_page)`, from `pages` when they hold it and its
    translation in the language being shown (they do, unless the cached
    root paths are behind the tree)."""
    root = next((page for page in pages if page.pk == site.root_page_id), None)
    if root is None:
        return localized(site.root_page)
    locale = active_locale()
    for page in pages:
        if page.locale_id == locale.pk and page.translation_key == root.translation_key:
            return page if page.live else root
    return root


def routes_itself(page, rest):
    """Whether Wagtail would let `page` (a plain `Page`) answer the path
    `rest` below it, rather than look for a child.

    Which `route()` the page's class has is told by identity: Python has
    no other way to ask whether a class overrides a method, and Wagtail
    offers none. The routable page's answer is Wagtail's own
    (`resolve_subpage`), asked of `specific_deferred`, an instance of the
    page's class made without a query (the fields are not needed)."""
    page_class = page.specific_class or Page
    if page_class.route is Page.route:
        return False
    if page_class.route is RoutablePageMixin.route:
        # As RoutablePageMixin.route: a live page, and one of its routes
        # matching `rest`; otherwise Wagtail looks for a child.
        if not page.live:
            return False
        try:
            page.specific_deferred.resolve_subpage("/" + "/".join(rest) + "/")
        except Http404:
            return False
        return True
    return True  # its own route(): it decides
