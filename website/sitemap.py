"""A sitemap of every language's tree, each URL with its hreflang alternates,
split into pages of at most URLS_PER_SITEMAP URLs under a sitemap index.

Wagtail's own sitemap lists the descendants of the site's root page only,
which, with one tree per language, would leave out every translation.

`/sitemap.xml` is the index (one query for the number of pages, one for the
latest change); `/sitemap-pages.xml?p=N` the pages, each built with the
request (Wagtail's sitemap view passes it), so that the site's root paths
are read once per request and not once per URL: 6,000 URLs in one file took
3.8 s and 905 KB before. Each page of the sitemap reads its pages and their
translations in three queries, whatever its size or the site's.
"""

from collections import defaultdict

from django.conf import settings
from django.contrib.sitemaps.views import SitemapIndexItem, x_robots_tag
from django.db.models import Max
from django.db.models.functions import Coalesce
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps import views as wagtail_sitemap_views
from wagtail.models import Page

# The protocol allows 50,000; a few thousand keep each file small and quick
# (each URL carries its alternates in every language).
URLS_PER_SITEMAP = 2000


class MultilingualSitemap(Sitemap):
    limit = URLS_PER_SITEMAP

    def items(self):
        root = self.get_wagtail_site().root_page
        paths = root.get_translations(inclusive=True).values_list("path", flat=True)
        pages = Page.objects.none()
        for path in paths:
            pages |= Page.objects.filter(path__startswith=path)
        return pages.live().public().order_by("path").select_related("locale")

    def get_latest_lastmod(self):
        # Django's default calls lastmod() on every item: one query instead.
        return self.items().aggregate(
            latest=Max(Coalesce("last_published_at", "latest_revision_created_at"))
        )["latest"]

    def _urls(self, page, protocol, domain):
        pages = list(self.paginator.page(page).object_list)
        versions = self.live_versions({page.translation_key for page in pages})
        urls = []
        for item in pages:
            url_info = {
                "item": item,
                "location": item.get_full_url(self.request),
                "lastmod": item.last_published_at or item.latest_revision_created_at,
            }
            languages = versions[item.translation_key]
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
            .select_related("locale")
        )
        for translation in translations:
            versions[translation.translation_key][translation.locale.language_code] = (
                translation.get_full_url(self.request)
            )
        return versions


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


def section(request, section):
    """One page (`?p=N`) of one section, built with the request."""
    return wagtail_sitemap_views.sitemap(request, SITEMAPS, section=section)
