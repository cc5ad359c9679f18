import unicodedata
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.shortcuts import redirect, render
from django.utils.translation import get_language_from_path
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.models import Locale, Page, Site

from .forms import ProfileForm

SEARCH_RESULTS_PER_PAGE = 10
SEARCH_QUERY_MAX_LENGTH = 200


def page_number(request, paginator, parameter="page"):
    """The requested page of results; a bad ?page= falls back gracefully:
    not a number → the first page, past the end → the last page."""
    number = request.GET.get(parameter, 1)
    try:
        return paginator.page(number)
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)


def search_terms(text):
    """The words of a search box's text, without what would break the
    full-text query: double quotes (Wagtail's SQLite backend, modelsearch,
    wraps each word in "…" without escaping them) and control characters
    (a NUL is refused by both SQLite's full-text index and PostgreSQL)."""
    kept = "".join(
        " " if char == '"' or unicodedata.category(char) == "Cc" else char
        for char in text[: SEARCH_QUERY_MAX_LENGTH * 2]
    )
    return " ".join(kept.split())[:SEARCH_QUERY_MAX_LENGTH]


@require_GET
def search(request):
    """Search the live, public pages of the reader's language only."""
    query = search_terms(request.GET.get("q", ""))
    results = Page.objects.none()
    if query:
        results = (
            Page.objects.live()
            .public()
            .filter(locale=Locale.get_active())
            .specific()
            .search(query)
        )
    paginator = Paginator(results, SEARCH_RESULTS_PER_PAGE)
    return render(
        request,
        "website/search.html",
        {"query": query, "results": page_number(request, paginator)},
    )


@login_required
def profile(request):
    """A member's own profile: show it and let them change it."""
    form = ProfileForm(request.POST or None, instance=request.user.profile)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, _("Your profile has been saved."))
            return redirect("profile")
        status = 400
    else:
        status = 200
    return render(request, "website/profile.html", {"form": form}, status=status)


@require_GET
@cache_control(max_age=3600, public=True)
def robots_txt(request):
    return render(request, "website/robots.txt", content_type="text/plain")


def page_not_found(request, exception=None, template_name="404.html"):
    """A page missing in the reader's language is found in another language
    before we give up: /es/blog/a-post/ goes to the post's Spanish
    translation if it has one under another slug, otherwise to the source
    page with a notice (?untranslated=es). Anything else is a plain 404."""
    target = translation_fallback(request)
    if target is not None:
        return redirect(target)
    return defaults.page_not_found(request, exception, template_name)


def translation_fallback(request):
    language = get_language_from_path(request.path_info)
    if language is None or language == settings.LANGUAGE_CODE:
        return None
    site = Site.find_for_request(request)
    if site is None:
        return None
    rest = request.path_info[len(language) + 2 :]
    source_home = site.root_page
    source = (
        Page.objects.live()
        .public()
        .filter(url_path=f"{source_home.url_path}{rest}")
        .first()
        if rest.endswith("/")
        else None
    )
    if source is None:
        return None
    translated = (
        source.get_translations().live().filter(locale__language_code=language).first()
    )
    if translated is not None:
        return translated.get_url(request)
    url = source.get_url(request)
    return f"{url}?{urlencode({'untranslated': language})}" if url else None
