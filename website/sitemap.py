"""A sitemap of every language's tree, each URL with its hreflang alternates,
split into pages of at most URLS_PER_SITEMAP URLs under a sitemap index.

Wagtail's own sitemap lists the descendants of the site's root page only,
which, with one tree per language, would leave out every translation.

`/sitemap.xml` is the index (one query for the number of pages, one for the
latest change); `/sitemap-pages.xml?p=N` the pages, each built with the
request. Each page of the sitemap reads its pages and their translations
in three queries, whatever its size or the site's, as plain values (no
model instances), and builds every URL from the page's `url_path` with
the site root paths and each language's URL prefix worked out once per
request (`PageUrls`: what `Page.get_full_url()` does, without its
`reverse()` per URL), then writes the XML itself: 2,000 URLs and their
alternates take a few milliseconds of Python (6,000 URLs in one file took
3.8 s and 905 KB before the split; 2,000 through the template and
`get_full_url()` about 0.6 s on a loaded machine).
"""

import re
from collections import defaultdict
from urllib.parse import quote

from django.conf import settings
from django.contrib.sitemaps.views import SitemapIndexItem, x_robots_tag
from django.contrib.sites.shortcuts import get_current_site
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db.models import Max
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.http import http_date
from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps import views as wagtail_sitemap_views
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page, Site

# The protocol allows 50,000; a few thousand keep each file small and quick
# (each URL carries its alternates in every language).
URLS_PER_SITEMAP = 2000

# What `reverse()` checks a page's path against (wagtail_serve's pattern)
# and leaves unquoted (Django's `_reverse_with_prefix`).
SERVE_PATH = re.compile(r"(?:[\w\-]+/)*")
UNQUOTED = "!$&'()*+,;=/~:@"


class PageUrls:
    """Full URLs of pages from their `url_path`, as `Page.get_full_url()`
    (Wagtail's `Page.get_url_parts()`) builds them, with the site root
    paths read once and each language's prefix reversed once per request.
    No page model of the site overrides `get_url_parts()` (a test checks),
    so the URL of a page is a function of its `url_path` alone."""

    def __init__(self, request):
        self.request = request
        self.roots = Site.get_site_root_paths()
        self.current_site = None
        self.active_language = translation.get_language()
        self.i18n = getattr(settings, "WAGTAIL_I18N_ENABLED", False)
        self.prefixes = {}

    def site_for_request(self):
        if self.current_site is None:
            self.current_site = Site.find_for_request(self.request) or False
        return self.current_site

    def prefix(self, language_code):
        """wagtail_serve's URL of a site's root page in this language
        (e.g. "/es/"), or None if the page tree is not routed."""
        if language_code not in self.prefixes:
            try:
                if self.i18n:
                    with translation.override(language_code):
                        prefix = reverse("wagtail_serve", args=("",))
                else:
                    prefix = reverse("wagtail_serve", args=("",))
            except NoReverseMatch:
                prefix = None
            self.prefixes[language_code] = prefix
        return self.prefixes[language_code]

    def full_url(self, url_path):
        possible = [root for root in self.roots if url_path.startswith(root.root_path)]
        if not possible:
            return None
        site_id, root_path, root_url, language_code = possible[0]
        if len({root.site_id for root in possible}) > 1:
            site = self.site_for_request()
            if site:
                for root in possible:
                    if root.site_id == site.pk:
                        site_id, root_path, root_url, language_code = root
                        break
        if self.i18n:
            # A variant of the page's language being read (en-gb for en)
            # names the URL, as in Page.get_url_parts().
            try:
                if (
                    get_supported_content_language_variant(self.active_language)
                    == language_code
                ):
                    language_code = self.active_language
            except LookupError:
                pass
        rest = url_path[len(root_path) :]
        prefix = self.prefix(language_code)
        if prefix is None or not SERVE_PATH.fullmatch(rest):
            return None
        page_path = prefix + quote(rest, safe=UNQUOTED)
        if not getattr(settings, "WAGTAIL_APPEND_SLASH", True) and page_path != "/":
            page_path = page_path.rstrip("/")
        return root_url + page_path


class MultilingualSitemap(Sitemap):
    limit = URLS_PER_SITEMAP

    def items(self):
        root = self.get_wagtail_site().root_page
        paths = root.get_translations(inclusive=True).values_list("path", flat=True)
        pages = Page.objects.none()
        for path in paths:
            pages |= Page.objects.filter(path__startswith=path)
        return (
            pages.live()
            .public()
            .order_by("path")
            .values("url_path", "translation_key")
            .annotate(
                lastmod=Coalesce("last_published_at", "latest_revision_created_at")
            )
        )

    def get_latest_lastmod(self):
        # Django's default calls lastmod() on every item: one query instead.
        return self.items().aggregate(latest=Max("lastmod"))["latest"]

    def _urls(self, page, protocol, domain):
        pages = list(self.paginator.page(page).object_list)
        self.page_urls = PageUrls(self.request)
        versions = self.live_versions({page["translation_key"] for page in pages})
        urls = []
        for item in pages:
            url_info = {
                "location": self.page_urls.full_url(item["url_path"]),
                "lastmod": item["lastmod"],
            }
            if url_info["location"] is None:
                continue
            languages = versions[item["translation_key"]]
            if len(languages) > 1:
                default = languages.get(settings.LANGUAGE_CODE)
                url_info["alternates"] = [
                    {"lang_code": code, "location": location}
                    for code, location in sorted(languages.items())
                ] + [
                    {
                        "lang_code": "x-default",
                        "location": default or url_info["location"],
                    }
                ]
            urls.append(url_info)
        lastmods = {url_info["lastmod"] for url_info in urls}
        if lastmods and None not in lastmods:
            self.latest_lastmod = max(lastmods)
        return urls

    def live_versions(self, translation_keys):
        """{translation_key: {language_code: full URL}} for live public pages."""
        versions = defaultdict(dict)
        translations = (
            Page.objects.live()
            .public()
            .filter(translation_key__in=translation_keys)
            .values_list("translation_key", "locale__language_code", "url_path")
        )
        for translation_key, language_code, url_path in translations:
            location = self.page_urls.full_url(url_path)
            if location is not None:
                versions[translation_key][language_code] = location
        return versions


def urlset_xml(urls):
    """The <urlset> of a sitemap page (what Django's sitemap.xml template
    writes, one <url> a line)."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for url in urls:
        parts = ["<url><loc>", escape(url["location"]), "</loc>"]
        if url["lastmod"]:
            day = timezone.localtime(url["lastmod"]).date().isoformat()
            parts += ["<lastmod>", day, "</lastmod>"]
        for alternate in url.get("alternates", ()):
            parts += [
                '<xhtml:link rel="alternate" hreflang="',
                escape(alternate["lang_code"]),
                '" href="',
                escape(alternate["location"]),
                '"/>',
            ]
        parts.append("</url>")
        lines.append("".join(parts))
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


SITEMAPS = {"pages": MultilingualSitemap}


@x_robots_tag
def index(request):
    """The sitemap index: every page of every section, by its absolute URL
    on the host asked (Django's index would name django.contrib.sites')."""
    entries = []
    for section, sitemap in wagtail_sitemap_views.prepare_sitemaps(
        request, SITEMAPS
    ).items():
        url = request.build_absolute_uri(
            reverse("sitemap_section", kwargs={"section": section})
        )
        lastmod = sitemap.get_latest_lastmod()
        entries.append(SitemapIndexItem(url, lastmod))
        entries += [
            SitemapIndexItem(f"{url}?p={number}", lastmod)
            for number in range(2, sitemap.paginator.num_pages + 1)
        ]
    return TemplateResponse(
        request,
        "sitemap_index.xml",
        {"sitemaps": entries},
        content_type="application/xml",
    )


@x_robots_tag
def section(request, section):
    """One page (`?p=N`) of one section, built with the request."""
    if section not in SITEMAPS:
        raise Http404(f"No sitemap available for section: {section!r}")
    sitemap = SITEMAPS[section](request)
    try:
        urls = sitemap.get_urls(
            page=request.GET.get("p", 1),
            site=get_current_site(request),
            protocol=request.scheme,
        )
    except (EmptyPage, PageNotAnInteger) as error:
        raise Http404(str(error)) from error
    lastmod = getattr(sitemap, "latest_lastmod", None)
    headers = {"Last-Modified": http_date(lastmod.timestamp())} if lastmod else None
    return HttpResponse(
        urlset_xml(urls), content_type="application/xml", headers=headers
    )
