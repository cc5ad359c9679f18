import pytest
from django.core.cache import caches
from django.test import RequestFactory

from website import ratelimit

from .test_deploy_check import SAMPLE_ENVIRONMENT, manage


@pytest.fixture(params=["locmem", "redis"])
def cache_backend(request, settings):
    """The same limits on the in-process cache and on Redis (production)."""
    if request.param == "redis":
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": settings.TEST_REDIS_URL,
                "KEY_PREFIX": "ratelimit-tests",
            }
        }
        try:
            caches["default"].clear()
        except Exception as error:  # no Redis here: say so, don't hide it
            pytest.skip(f"Redis is not reachable: {error}")
    else:
        settings.CACHES = {
            "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
        }
    caches["default"].clear()
    yield request.param
    caches["default"].clear()


def test_allows_up_to_the_limit_then_refuses(cache_backend):
    results = [ratelimit.allow("comment", "203.0.113.7", 3, 60) for _ in range(5)]
    assert results == [True, True, True, False, False]


def test_clients_and_actions_are_counted_apart(cache_backend):
    for _ in range(3):
        ratelimit.allow("comment", "203.0.113.7", 3, 60)
    assert not ratelimit.allow("comment", "203.0.113.7", 3, 60)
    assert ratelimit.allow("comment", "198.51.100.2", 3, 60)
    assert ratelimit.allow("like", "203.0.113.7", 3, 60)


def test_client_ip_ignores_forwarded_for_unless_proxies_are_trusted(settings):
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7"
    )
    settings.RATELIMIT_TRUSTED_PROXY_ADDRESSES = ["10.0.0.5"]
    settings.RATELIMIT_TRUSTED_PROXIES = 0
    assert ratelimit.client_ip(request) == "10.0.0.5"
    settings.RATELIMIT_TRUSTED_PROXIES = 1
    # The last hop was added by our proxy; what the client sent (1.2.3.4) is
    # to its left and is not trusted.
    assert ratelimit.client_ip(request) == "203.0.113.7"


def request_from(remote, forwarded=None):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **headers)


def test_forwarded_for_counts_only_from_the_proxies_own_addresses(settings):
    settings.RATELIMIT_TRUSTED_PROXIES = 1
    # By default only a proxy on this machine (loopback) is believed.
    assert ratelimit.client_ip(request_from("127.0.0.1", "203.0.113.7")) == (
        "203.0.113.7"
    )
    assert ratelimit.client_ip(request_from("::1", "203.0.113.7")) == "203.0.113.7"
    # A client that reaches the app server directly is counted by its own
    # address, whatever it writes in the header.
    for forged in ("1.1.1.1", "2.2.2.2", "127.0.0.1", "garbage"):
        assert ratelimit.client_ip(request_from("198.51.100.9", forged)) == (
            "198.51.100.9"
        )


def test_trusted_proxy_addresses_take_networks(settings):
    settings.RATELIMIT_TRUSTED_PROXIES = 1
    settings.RATELIMIT_TRUSTED_PROXY_ADDRESSES = ["10.0.0.0/24", "fd00::/8"]
    assert ratelimit.client_ip(request_from("10.0.0.10", "203.0.113.7")) == (
        "203.0.113.7"
    )
    assert ratelimit.client_ip(request_from("fd00::10", "203.0.113.7")) == (
        "203.0.113.7"
    )
    assert ratelimit.client_ip(request_from("10.0.1.10", "203.0.113.7")) == (
        "10.0.1.10"
    )
    assert ratelimit.client_ip(request_from("127.0.0.1", "203.0.113.7")) == (
        "127.0.0.1"
    )


def test_behind_two_proxies_each_hop_must_be_one_of_them(settings):
    # A CDN (198.18.0.0/15 here) in front of nginx (10.0.0.10).
    settings.RATELIMIT_TRUSTED_PROXIES = 2
    settings.RATELIMIT_TRUSTED_PROXY_ADDRESSES = ["10.0.0.10", "198.18.0.0/15"]
    through_both = request_from("10.0.0.10", "1.2.3.4, 203.0.113.7, 198.18.0.1")
    assert ratelimit.client_ip(through_both) == "203.0.113.7"
    # Past the CDN, straight to nginx: nginx's hop is the client.
    around_the_cdn = request_from("10.0.0.10", "1.2.3.4, 203.0.113.8")
    assert ratelimit.client_ip(around_the_cdn) == "203.0.113.8"


def test_a_proxy_address_that_is_not_one_stops_the_start():
    result = manage(
        "check", **SAMPLE_ENVIRONMENT, RATELIMIT_TRUSTED_PROXY_ADDRESSES="10.0.0.300"
    )
    assert result.returncode != 0
    assert "RATELIMIT_TRUSTED_PROXY_ADDRESSES" in result.stderr
