"""In development, the site's own URL is the address it is served on.

The demo's Wagtail Site says 127.0.0.1:8000, and Wagtail builds every full
URL of a page from its Site (`Site.get_site_root_paths()`): hreflang links,
feed items, the `X-Pingback` and `Link` headers, links in emails. Served on
another port (`make run PORT=8201`), the site then sent readers and other
sites to port 8000, and refused a webmention naming the page's real URL.

With `SITE_URL_FROM_REQUEST` (on in `website.settings.dev` only), the root
URL of a Site is rewritten where Wagtail reads it:

- inside a request, the request's own scheme, host and port, for the
  request's Site (`ServedAddressMiddleware` records them);
- django.contrib.sites' domain, which allauth's emails name, likewise
  for the emails a request sends (`website.account_adapter`);
- outside a request (background tasks, management commands),
  `WAGTAILADMIN_BASE_URL`, for the default Site. `manage.py runserver`
  sets it (and `SITE_URL` in the environment, for the process the
  autoreloader starts) to the address it serves, unless `SITE_URL` is set
  already; `make run` sets `SITE_URL` itself.

Production never installs any of this: its URLs come from its Sites and
`SITE_URL`, whatever Host a request names.
"""

import contextvars
import os

from django.conf import settings
from django.core.exceptions import DisallowedHost, MiddlewareNotUsed
from wagtail.models import Site

from . import sites

# (site id, "scheme://host:port") of the request being served, if any.
_served = contextvars.ContextVar("served_address", default=None)

INSTALLED_MARK = "_follows_served_address"


def enabled():
    return getattr(settings, "SITE_URL_FROM_REQUEST", False)


class ServedAddressMiddleware:
    """Record the address a request came to (after `CachedSiteMiddleware`,
    which finds the request's Site). Removed at start-up unless enabled."""

    def __init__(self, get_response):
        if not enabled():
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request):
        site = getattr(request, "_wagtail_site", None)
        try:
            origin = f"{request.scheme}://{request.get_host()}"
        except DisallowedHost:  # Django answers 400 further on
            return self.get_response(request)
        token = _served.set((site.pk if site else None, origin))
        try:
            return self.get_response(request)
        finally:
            _served.reset(token)


def served_domain():
    """The host and port ("127.0.0.1:8201") of the request being served, if
    any: for what names the site by its domain, such as allauth's emails."""
    served = _served.get()
    return served[1].partition("://")[2] if served else None


def default_site_id():
    return next((site.pk for site in sites.SITES.all() if site.is_default_site), None)


def served_root_paths(paths):
    """Wagtail's site root paths, with the root URL of the Site being
    served replaced by the address it is served on."""
    served = _served.get()
    if served is None:
        site_id = default_site_id()
        origin = settings.WAGTAILADMIN_BASE_URL
    else:
        site_id, origin = served
    if site_id is None or not origin:
        return paths
    origin = origin.rstrip("/")
    return [
        path._replace(root_url=origin) if path.site_id == site_id else path
        for path in paths
    ]


def install():
    """Make `Site.get_site_root_paths()` answer with the served address
    while `SITE_URL_FROM_REQUEST` is on (called by `WebsiteConfig.ready()`
    when it is; safe to call again)."""
    current = Site.get_site_root_paths
    if getattr(current, INSTALLED_MARK, False):
        return

    def get_site_root_paths():
        paths = current()
        return served_root_paths(paths) if enabled() else paths

    setattr(get_site_root_paths, INSTALLED_MARK, True)
    get_site_root_paths.__doc__ = current.__doc__
    Site.get_site_root_paths = staticmethod(get_site_root_paths)


def serve_at(url):
    """Called by `manage.py runserver` before it serves `url`: what is built
    outside a request names it too, unless SITE_URL says otherwise."""
    if os.environ.get("SITE_URL"):
        return
    os.environ["SITE_URL"] = url  # for the autoreloader's child process
    settings.WAGTAILADMIN_BASE_URL = url  # for this one, already configured
