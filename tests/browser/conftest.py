"""Browser tests: Playwright for Python driving Debian's headless Chromium
(Playwright's own browser download does not work on these machines).

`make browsers` (or .ci/run) installs Chromium; without it these tests are
skipped locally and fail in CI, where they must run.
"""

import os
import re
import shutil
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command
from playwright.sync_api import sync_playwright

from .helpers import WIDTHS

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or ""

# Flags for a closed network: no background calls home, no GPU, and root
# needs --no-sandbox.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM:
        if os.environ.get("CI"):
            pytest.fail("Chromium is not installed: run `make browsers`.")
        pytest.skip("Chromium is not installed: run `make browsers`.")
    # Playwright's sync API runs an event loop in the test thread; the test's
    # own database access in that thread is still synchronous and safe.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()
    if previous is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1024, "height": 800})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


# Screenshots of failed journeys, for a person to look at (git-ignored).
FAILURES = Path(__file__).parent / "failures"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def demo(transactional_db):
    """The demo content (`manage.py seed_demo`): its pages, elections, rounds,
    and its own accounts and groups, which journeys log in as."""
    call_command("seed_demo", verbosity=0)
    cache.clear()
    yield
    cache.clear()  # the rate limits counted per address


@pytest.fixture
def base_url(live_server, settings):
    """The live server's address; it serves the uploaded images too
    (tests/browser/urls.py)."""
    settings.ROOT_URLCONF = "tests.browser.urls"
    return live_server.url


@pytest.fixture(params=list(WIDTHS), ids=list(WIDTHS))
def journey(request, browser):
    """A fresh browser (no cookies) at a desktop's and at a phone's width:
    each journey runs at both. On failure a screenshot of the page is kept in
    tests/browser/failures/."""
    width = WIDTHS[request.param]
    context = browser.new_context(
        viewport={"width": width, "height": 900 if width > 600 else 844},
        is_mobile=width < 600,
        has_touch=width < 600,
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        FAILURES.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)
        page.screenshot(path=str(FAILURES / f"{name}.png"), full_page=True)
    context.close()


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
