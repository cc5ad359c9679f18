"""A sitemap of every language's tree, each URL with its hreflang alternates.

Wagtail's own sitemap lists the descendants of the site's root page only,
which, with one tree per language, would leave out every translation.
"""

from collections import defaultdict

from django.conf import settings
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class MultilingualSitemap(Sitemap):
    def items(self):
        root = self.get_wagtail_site().root_page
        paths = root.get_translations(inclusive=True).values_list("path", flat=True)
        pages = Page.objects.none()
        for path in paths:
            pages |= Page.objects.filter(path__startswith=path)
        return pages.live().public().order_by("path").select_related("locale")

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
