from dataclasses import dataclass

from django import template
from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from website import i18n
from website.identity import identity_for
from website.request_memo import active_locale, localized, once, public
from website.routing import site_root_paths
from website.structured_data import json_ld
from website.time_zones import time_zone_label as zone_label

register = template.Library()


@register.inclusion_tag("website/includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    alternates = i18n.alternates_for(context)
    return {"alternates": alternates if len(alternates) > 1 else []}


@register.inclusion_tag("website/includes/hreflang.html", takes_context=True)
def hreflang_links(context):
    alternates = i18n.alternates_for(context, full_urls=True)
    return {
        "alternates": alternates,
        "x_default": i18n.default_alternate(alternates),
    }


# Where a page's own summary is, by page type: an editor's search
# description first, then a post's excerpt, a section's introduction, an
# election's question.
EXCERPT_FIELDS = ("search_description", "excerpt", "intro", "question")


@register.filter
def time_zone_label(name, moment=None):
    """`{{ page.time_zone|time_zone_label:page.starts_at }}`: "Hong Kong
    (UTC+08:00)" in the reader's language, with the offset on that date,
    rather than the database's "Asia/Hong_Kong"."""
    return zone_label(name, moment) if name else ""


@register.filter
def search_excerpt(page, words=30):
    """A few words that say what `page` (specific) is about, as plain text,
    for a search result; "" if it has none of EXCERPT_FIELDS."""
    for name in EXCERPT_FIELDS:
        value = getattr(page, name, "")
        if value:
            return Truncator(strip_tags(str(value))).words(int(words))
    return ""


@register.simple_tag(takes_context=True)
def full_url(context, path):
    """`path` as a full URL on the host the request came to: for canonical
    links of views that are not Wagtail pages."""
    return context["request"].build_absolute_uri(path)


def localized_home(request):
    """The site's home page in the reader's language (asked for by the
    header and the menu)."""
    site = Site.find_for_request(request) if request else None
    if site is None:
        return None
    return once(("home", site.pk), lambda: localized(site.root_page))


@register.simple_tag(takes_context=True)
def home_page(context):
    return localized_home(context.get("request"))


@dataclass(frozen=True)
class MenuItem:
    page: Page
    # The language of a section shown from the default language because it
    # has no page in the reader's (None: the reader's own).
    fallback_language: str | None = None

    @property
    def fallback_name(self):
        return i18n.language_name(self.fallback_language)


def menu_items(request, home):
    """The live, public sections of the site in menus, in the order of the
    default language's menu: each in the reader's language where it has a
    page in it, else the default language's page, marked as a fallback;
    then any section that exists only in the reader's language. One query:
    the children of the home page in both languages."""
    default_language = settings.LANGUAGE_CODE
    site = Site.find_for_request(request)
    homes = {home.url_path} | {
        root.root_path
        for root in site_root_paths(request)
        if site is not None
        and root.site_id == site.pk
        and root.language_code == default_language
    }
    under_a_home = Q()
    for url_path in homes:
        under_a_home |= Q(url_path__startswith=url_path)
    sections = (
        public(Page.objects.live().in_menu())
        .filter(under_a_home, depth=home.depth + 1)
        # What a link needs: its title, URL, place in the tree and language.
        .only("title", "url_path", "path", "depth", "translation_key", "locale")
        .order_by("path")
    )
    locale = active_locale()
    own = {}
    default = []
    for page in sections:
        if page.locale_id == locale.pk:
            own[page.translation_key] = page
        else:
            default.append(page)
    items = [
        MenuItem(own.pop(page.translation_key))
        if page.translation_key in own
        else MenuItem(page, default_language)
        for page in default
    ]
    return items + [MenuItem(page) for page in own.values()]


@register.inclusion_tag("website/includes/main_menu.html", takes_context=True)
def main_menu(context):
    request = context.get("request")
    home = localized_home(request)
    items = menu_items(request, home) if home is not None else []
    current = context.get("page")
    current_path = current.path if isinstance(current, Page) else ""
    return {
        "home": home,
        "items": items,
        "current_path": current_path,
        "request": request,
        "user": context.get("user"),
    }


@register.inclusion_tag("website/includes/untranslated_notice.html", takes_context=True)
def untranslated_notice(context):
    """The notice on a page shown in another language than the one the reader
    asked for (see website.views.translation_fallback)."""
    request = context.get("request")
    wanted = request.GET.get("untranslated", "") if request else ""
    enabled = {code for code, _name in settings.LANGUAGES}
    if wanted not in enabled or wanted == get_language():
        wanted = ""
    return {"untranslated": wanted}


@register.inclusion_tag(
    "website/includes/site_structured_data.html", takes_context=True
)
def site_structured_data(context):
    """JSON-LD describing the site and its search, for search engines. The
    script carries the request's CSP nonce: it is the one inline script of
    every page, and a data block that browsers never run. No query: the site
    is the one Wagtail already found for the request."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return {}
    search_url = request.build_absolute_uri(reverse("search"))
    data = {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": identity_for(request)["name"]
        or site.site_name
        or settings.WAGTAIL_SITE_NAME,
        "url": request.build_absolute_uri(reverse("wagtail_serve", args=[""])),
        "inLanguage": get_language(),
        "potentialAction": {
            "@type": "SearchAction",
            "target": f"{search_url}?q={{query}}",
            "query-input": "required name=query",
        },
    }
    return {"json_ld": json_ld(data), "request": request}


@register.simple_tag(takes_context=True)
def site_identity(context):
    """The network's name, logo, colours, links and footer text
    (website/identity.py), from the cache."""
    return identity_for(context.get("request"))


@register.inclusion_tag("components/breadcrumb.html", takes_context=True)
def breadcrumb(context):
    """The path from the home page to the page shown, for pages two or more
    levels below it, from the pages the router read (no query). On a page's
    route (results, apply) the page itself is a link too."""
    request = context.get("request")
    trail = getattr(request, "page_trail", None) or []
    if len(trail) < 3:
        return {}
    crumbs = [{"title": page.title, "url": page.get_url(request)} for page in trail]
    crumbs[0]["title"] = _("Home")
    if crumbs[-1]["url"] == request.path:
        crumbs[-1]["url"] = None
    return {"trail": crumbs}
