"""Lookups that many parts of one page repeat, done once per request.

The header, the menu, the language switcher, the hreflang links and the
page's own body each need the reader's `Locale`, the home page in their
language, the page's translations and where the private sections of the
page tree are. Asked of Wagtail, each is a query every time: a third of a
post page's queries were these repeats.

Inside a GET or HEAD request (opened by `RequestMemoMiddleware`) the first
answer is kept until the response has been rendered. Outside one (form
posts, the admin's changes, management commands, tasks) every call asks
again, so nothing that changes data can read a stale answer. (The Locale
is asked of website/sites.py's cache, which a change to a Locale drops.)

Each function answers what the Wagtail call it stands for answers:
tests/website/test_contract_request_memo.py and
test_contract_view_restrictions.py compare them.
"""

import contextvars

from django.db.models import Q
from django.utils.translation import get_language
from wagtail.models import PageViewRestriction

from .sites import find_locale

# One dict per request; a context variable keeps the threads of a gunicorn
# worker (and asgiref's thread hops) apart.
_memo = contextvars.ContextVar("request_memo", default=None)

READ_ONLY_METHODS = frozenset({"GET", "HEAD"})


class RequestMemoMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in READ_ONLY_METHODS:
            return self.get_response(request)
        token = _memo.set({})
        try:
            # Template responses are rendered inside get_response, so the
            # templates' tags see the memo too.
            return self.get_response(request)
        finally:
            _memo.reset(token)


def once(key, compute):
    """`compute()`, or what it returned earlier in this request for `key`."""
    memo = _memo.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def active_locale():
    """`Locale.get_active()`: the Locale of the language being shown (from
    the cache: website/sites.py)."""
    code = get_language()
    return once(("locale", code), lambda: find_locale(code))


def view_restrictions():
    """Every page view restriction of the site, with the path and depth of
    its page: where the private sections of the tree are."""
    return once(
        "view_restrictions",
        lambda: list(
            PageViewRestriction.objects.select_related("page").only(
                "restriction_type", "password", "page__path", "page__depth"
            )
        ),
    )


def restrictions_on(page):
    """`page.get_view_restrictions()`: the view restrictions of `page` and
    its ancestors (by tree path; see `Page.get_view_restrictions` for what
    aliases change), as the QuerySet Wagtail returns, already read.

    Iterating it, counting it or asking whether it is empty takes no query
    (its result cache is filled, as Django's own `prefetch_related` fills
    a related manager's); anything chained onto it (`.filter()`, …) asks
    the database for the same rows, as Wagtail's would."""
    restrictions = [
        restriction
        for restriction in view_restrictions()
        if page.path.startswith(restriction.page.path)
    ]
    queryset = PageViewRestriction.objects.filter(
        pk__in=[restriction.pk for restriction in restrictions]
    )
    queryset._result_cache = restrictions
    queryset._prefetch_done = True
    return queryset


def public(pages):
    """`pages.public()`: the pages outside the private sections of the tree
    (which are looked up once per request, not once per queryset)."""
    private = Q(pk__in=[])  # as Wagtail's `private_q`: no section, no page
    for restriction in view_restrictions():
        private |= pages.descendant_of_q(restriction.page, inclusive=True)
    return pages.exclude(private)


def localized(page):
    """`page.localized`: its live translation in the language being shown,
    else the page itself."""
    locale = active_locale()
    if page.locale_id == locale.pk:
        return page
    translation = once(
        ("translation", page.pk, locale.pk),
        lambda: page.get_translation_or_none(locale),
    )
    return translation if translation is not None and translation.live else page
