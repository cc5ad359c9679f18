"""Which languages the current page exists in, and where each one lives.

Used by the language switcher, the hreflang alternates in <head> and the
sitemap, so that all three agree: a language is offered only where the page
has a live translation in it.
"""

import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.urls import translate_url
from django.utils.text import capfirst
from django.utils.translation import get_language, get_language_info
from wagtail.models import Page

from .request_memo import once, public


@dataclass(frozen=True)
class Alternate:
    language_code: str
    name: str  # the language's name in that language: "Español"
    url: str
    is_current: bool


def language_name(code):
    """The language's name in itself, capitalised as in a menu: "Español"."""
    return capfirst(get_language_info(code)["name_local"])


def collation_key(text):
    """A key that sorts names as a reader expects whatever their accents
    and case ("Árabe" with the A's, "español" with the E's)."""
    decomposed = unicodedata.normalize("NFKD", str(text)).casefold()
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def by_name(choices):
    """(value, label) choices sorted by their labels in the active language
    (lazy labels are translated here), not by their values."""
    translated = [(value, str(label)) for value, label in choices]
    return sorted(translated, key=lambda choice: collation_key(choice[1]))


def enabled_languages():
    return [code for code, _name in settings.LANGUAGES]


def page_alternates(page, request, full_urls=False):
    """The live translations of `page`, in the order of settings.LANGUAGES."""
    current = get_language()
    order = {code: index for index, code in enumerate(enabled_languages())}
    # The switcher, the hreflang links and a post's footer all ask. A URL
    # needs the page's `url_path`, and nothing of its specific table.
    translations = once(
        ("translations", page.pk),
        lambda: list(
            public(Page.objects.live().filter(translation_key=page.translation_key))
            .select_related("locale")
            .only("url_path", "locale__language_code")
        ),
    )
    alternates = []
    for translation in translations:
        code = translation.locale.language_code
        if code not in order:
            continue
        url = (
            translation.get_full_url(request)
            if full_urls
            else translation.get_url(request)
        )
        if url:
            alternates.append(
                Alternate(code, language_name(code), url, code == current)
            )
    return sorted(alternates, key=lambda alternate: order[alternate.language_code])


def path_alternates(request, full_urls=False):
    """For views that are not Wagtail pages (search, accounts): the same
    path under each language prefix."""
    current = get_language()
    alternates = []
    for code in enabled_languages():
        url = translate_url(request.get_full_path(), code)
        if full_urls:
            url = request.build_absolute_uri(url)
        alternates.append(Alternate(code, language_name(code), url, code == current))
    return alternates


def alternates_for(context, full_urls=False):
    request = context.get("request")
    if request is None:
        return []
    page = context.get("page")
    if page is not None and getattr(page, "pk", None):
        return page_alternates(page, request, full_urls=full_urls)
    return path_alternates(request, full_urls=full_urls)


def default_alternate(alternates):
    """The x-default: the page in the site's default language, else the first."""
    for alternate in alternates:
        if alternate.language_code == settings.LANGUAGE_CODE:
            return alternate
    return alternates[0] if alternates else None
