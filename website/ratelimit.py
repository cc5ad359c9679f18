"""Rate limits: a fixed window per client and action, counted in Django's
cache (Redis in production, so every app server counts the same hits).

    if not ratelimit.allow("comment", ratelimit.client_ip(request), 5, 60):
        return too_many_requests(...)

The client is the address the request came from. Behind proxies that append
to X-Forwarded-For (a load balancer, a CDN), set RATELIMIT_TRUSTED_PROXIES to
how many of them stand in front of the app: the client is then the address
that many hops from the right of X-Forwarded-For, which a client cannot
forge. With 0 (the default) X-Forwarded-For is ignored.
"""

from django.conf import settings
from django.core.cache import cache


def client_ip(request):
    trusted = getattr(settings, "RATELIMIT_TRUSTED_PROXIES", 0)
    if trusted:
        forwarded = [
            address.strip()
            for address in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if address.strip()
        ]
        if len(forwarded) >= trusted:
            return forwarded[-trusted]
    return request.META.get("REMOTE_ADDR") or None


def allow(scope, ident, limit, window):
    """Count one hit of `ident` in `scope`; False once it has made more than
    `limit` hits within `window` seconds."""
    if not getattr(settings, "RATELIMIT_ENABLED", True):
        return True
    key = f"ratelimit:{scope}:{ident}"
    cache.add(key, 0, window)
    try:
        hits = cache.incr(key)
    except ValueError:  # the key expired between add() and incr()
        cache.set(key, 1, window)
        hits = 1
    return hits <= limit
