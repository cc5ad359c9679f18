"""Fixtures of the page-cache tests: the cache switched on and empty, and
a way to run what waits for the commit (a test's transaction never commits,
and the purges run on commit)."""

import pytest
from django.core.cache import cache


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """commit(action, *args): run `action`, then what waits for the commit."""

    def run(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return run


def assert_cached(client, *urls):
    """Each URL is served from the cache (after a first request if needed)."""
    for url in urls:
        client.get(url)
        assert client.get(url)["X-Cache"] == "hit", url


def assert_fresh(client, *urls):
    for url in urls:
        assert client.get(url)["X-Cache"] == "miss", url
