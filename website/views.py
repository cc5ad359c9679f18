import unicodedata
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import EmptyPage, InvalidPage, PageNotAnInteger, Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language_from_path
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET, require_http_methods
from wagtail.models import Locale, Page, PageViewRestriction, Site

from . import activity, i18n, ratelimit
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


def names_a_page(paginator, number):
    """Whether ?page=`number` is one of the paginator's pages, rather than one
    that page_number() answers with another page instead."""
    try:
        paginator.validate_number(number)
    except InvalidPage:
        return False
    return True


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
    """Search the live, public pages of the reader's language only.

    Search engines may index a page of results, but only one worth finding:
    a query with results, on a page that exists. The empty form, a query
    that finds nothing (a "soft 404") and a ?page= that names no page of the
    results (we show another page instead) carry noindex. An indexable page
    names its canonical URL: the cleaned-up query and the page number, with
    any other parameter dropped, so that variants count as one page."""
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
    results_page = page_number(request, paginator)
    requested = request.GET.get("page")
    indexable = (
        bool(query)
        and paginator.count > 0
        and (requested is None or names_a_page(paginator, requested))
    )
    return render(
        request,
        "website/search.html",
        {
            "query": query,
            "results": results_page,
            "indexable": indexable,
            "canonical_url": (
                search_url(request, query, results_page.number) if indexable else ""
            ),
        },
    )


def search_url(request, query, number):
    """The full URL of page `number` of the results for `query`."""
    parameters = {"q": query}
    if number > 1:
        parameters["page"] = number
    return request.build_absolute_uri(f"{request.path}?{urlencode(parameters)}")


@never_cache
@login_required
def profile(request):
    """A member's own profile: show it and let them change it; and what the
    site holds about them, each app's section of "Your activity"
    (website.activity). Never cached: it is theirs alone."""
    form = ProfileForm(request.POST or None, instance=request.user.profile)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, _("Your profile has been saved."))
            return redirect("profile")
        status = 400
    else:
        status = 200
    return render(
        request,
        "website/profile.html",
        {"form": form, "activity": activity.sections_for(request)},
        status=status,
    )


@require_GET
@cache_control(max_age=3600, public=True)
def robots_txt(request):
    """Crawlers stay out of the admin and the account pages, except the
    sign-up page, which people search for. The account rules name each
    language prefix rather than a wildcard (/*/accounts/), which would also
    catch a content page whose slug is "accounts" anywhere in the tree."""
    return render(
        request,
        "website/robots.txt",
        {"language_codes": i18n.enabled_languages()},
        content_type="text/plain",
    )


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


@require_http_methods(["GET", "POST"])
def page_password(request, page_view_restriction_id, page_id):
    """Wagtail's form for a page an editor put behind a password, with the
    site's rules for forms: a wrong password is a 400 (the form again, with
    the error), and each address gets a few tries per window."""
    # Imported here: wagtail.views needs the models loaded, and the blog's
    # models import this module.
    from wagtail.views import authenticate_with_password

    if not protected_by(page_view_restriction_id, page_id):
        # The form names the page: only for a live page that this password
        # really protects, never any page (a draft, a members' page) whose
        # id someone pairs with a restriction of their own.
        raise Http404
    if request.method == "POST":
        limit, window = settings.PAGE_PASSWORD_RATE_LIMIT
        ip = ratelimit.client_ip(request)
        if not ratelimit.allow("page-password", ip, limit, window):
            response = render(request, "429.html", status=429)
            add_never_cache_headers(response)
            return response
    response = authenticate_with_password(request, page_view_restriction_id, page_id)
    if request.method == "POST" and response.status_code == 200:
        response.status_code = 400
    add_never_cache_headers(response)
    return response


def protected_by(restriction_id, page_id):
    """Whether the live page `page_id` is behind the password restriction
    `restriction_id` (its own, an ancestor's, or its alias source's: Wagtail's
    own lookup)."""
    page = Page.objects.live().filter(pk=page_id).first()
    if page is None:
        return False
    return (
        page.get_view_restrictions()
        .filter(pk=restriction_id, restriction_type=PageViewRestriction.PASSWORD)
        .exists()
    )
