"""Rate limits: a fixed window per client and action, counted in Django's
cache (Redis in production, so every app server counts the same hits).

    if not ratelimit.allow("comment", ratelimit.client_ip(request), 5, 60):
        return too_many_requests(...)

The client is the address the request came from. Behind proxies that append
to X-Forwarded-For (a load balancer, a CDN), set RATELIMIT_TRUSTED_PROXIES to
how many of them stand in front of the app, and RATELIMIT_TRUSTED_PROXY_ADDRESSES
to their addresses or networks (default: this machine, loopback). The header
is read only when the connection comes from one of those addresses, and only
as far as the hops that those proxies wrote: walking from the right, the
client is the first address that is not one of our proxies, at most
RATELIMIT_TRUSTED_PROXIES hops back. A client reaching an app server
directly, or going round the CDN, is therefore counted by an address it
cannot choose. With 0 proxies (the default) X-Forwarded-For is ignored.
"""

import functools
import ipaddress

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

DEFAULT_PROXY_ADDRESSES = ("127.0.0.0/8", "::1")


@functools.lru_cache(maxsize=8)
def _networks(addresses):
    try:
        return tuple(ipaddress.ip_network(a, strict=False) for a in addresses)
    except ValueError as error:
        raise ImproperlyConfigured(
            f"RATELIMIT_TRUSTED_PROXY_ADDRESSES: {error}"
        ) from error


def trusted_networks():
    addresses = getattr(
        settings, "RATELIMIT_TRUSTED_PROXY_ADDRESSES", DEFAULT_PROXY_ADDRESSES
    )
    return _networks(tuple(addresses))


def is_trusted_proxy(address, networks=None):
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return any(ip in network for network in networks or trusted_networks())


def client_ip(request):
    remote = request.META.get("REMOTE_ADDR") or None
    trusted = getattr(settings, "RATELIMIT_TRUSTED_PROXIES", 0)
    if not trusted or remote is None:
        return remote
    networks = trusted_networks()
    if not is_trusted_proxy(remote, networks):
        return remote
    hops = [
        address.strip()
        for address in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if address.strip()
    ]
    client = remote
    for _ in range(trusted):
        if not hops:
            break  # fewer hops than proxies: the last proxy we can name
        client = hops.pop()
        if not is_trusted_proxy(client, networks):
            break
    return client


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
