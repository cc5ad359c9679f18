"""The Wagtail Site a request is for, and the Locale of the language
shown, found without a query.

Wagtail finds the Site on every request with a query that ranks the
candidate sites by hostname and port and joins their root pages: about
2 ms on PostgreSQL, the costliest query of a page. The Locale is one more
query. Both tables change only when an administrator edits them (Settings >
Sites, Settings > Locales), so their rows are kept in the cache (Redis in
production, shared by every app server) and dropped whenever a row is
saved or deleted (website/signals.py), as Wagtail does for its own cache
of the sites' root paths. The choice of a site follows Wagtail's rules
(`wagtail.models.sites.get_site_for_hostname`);
tests/website/test_contract_sites.py compares the two.

`CachedSiteMiddleware` puts the Site where Wagtail caches its own
(`request._wagtail_site`), so `Site.find_for_request` everywhere reads it
(the contract tests check that Wagtail still does).
The Site's root page is not loaded with it: page views find the home page
with the rest of the path (website/routing.py).
"""

from django.core.cache import cache
from django.db import transaction
from django.http.request import split_domain_port
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Site

# A bound on how long a server that missed a purge (a local-memory cache
# in a multi-process set-up) can hold an edited row.
CACHE_SECONDS = 300


class CachedTable:
    """The rows of a small table that administrators rarely change, as
    model instances, from the cache."""

    def __init__(self, model):
        self.model = model
        self.key = f"website:rows:{model._meta.label_lower}"
        self.fields = [field.attname for field in model._meta.concrete_fields]

    def all(self):
        rows = cache.get(self.key)
        if rows is None:
            rows = list(self.model.objects.order_by("pk").values_list(*self.fields))
            cache.set(self.key, rows, CACHE_SECONDS)
        database = self.model.objects.db
        return [self.model.from_db(database, self.fields, row) for row in rows]

    def forget(self):
        """Drop the cached rows: now, and again once the change is
        committed, in case a request read the old rows in between."""
        cache.delete(self.key)
        transaction.on_commit(lambda: cache.delete(self.key))


SITES = CachedTable(Site)
LOCALES = CachedTable(Locale)


def choose_site(sites, hostname, port):
    """The site Wagtail would serve `hostname`:`port` from, or None.

    In order: the site with this hostname and port; else the default site
    if it has this hostname; else the only site with this hostname, if
    there is one and a default site too; else the default site. With
    several sites of this hostname on other ports and no default, none."""
    exact = [s for s in sites if s.hostname == hostname and s.port == port]
    if exact:
        return exact[0]
    default = next((s for s in sites if s.is_default_site), None)
    same_host = [s for s in sites if s.hostname == hostname]
    if default is not None and default.hostname == hostname:
        return default
    if default is None:
        return same_host[0] if len(same_host) == 1 else None
    return same_host[0] if len(same_host) == 1 else default


def find_site(hostname, port):
    """The Site for `hostname` and `port` (an int, or None if unknown)."""
    return choose_site(SITES.all(), hostname, port)


def site_for_request(request):
    # As Site._find_for_request: the raw host, so that a host outside
    # ALLOWED_HOSTS gets Django's 400 later, not an error here.
    hostname = split_domain_port(request._get_raw_host())[0]
    port = request.get_port()
    return find_site(hostname, int(port) if port.isdigit() else None)


class CachedSiteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request._wagtail_site = site_for_request(request)
        return self.get_response(request)


def find_locale(language_code):
    """`Locale.get_active()` for `language_code`: its Locale, else the
    default language's."""
    try:
        wanted = get_supported_content_language_variant(language_code)
    except LookupError:
        wanted = None
    for locale in LOCALES.all():
        if locale.language_code == wanted:
            return locale
    return Locale.get_default()
