"""`make screenshots`: a PNG of every page type at 390 and 1280 pixels, in
English and Arabic, light and dark, in screenshots/ (git-ignored), for a
person to look at. Skipped unless SCREENSHOTS is set (the Makefile sets
it): it checks nothing, it shows."""

import os
import re
from pathlib import Path

import pytest

from .admin_views import staff_views
from .helpers import log_in, log_in_to_admin
from .page_types import (
    arabic_copies,
    member_page_types,
    private_page,
    public_page_types,
)

FOLDER = Path(__file__).resolve().parents[2] / "screenshots"
WIDTHS = (390, 1280)
SCHEMES = ("light", "dark")

pytestmark = pytest.mark.skipif(
    not os.environ.get("SCREENSHOTS"), reason="run by `make screenshots`"
)


def shoot(page, url, name):
    page.goto(url)
    for scheme in SCHEMES:
        page.emulate_media(color_scheme=scheme)
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            slug = re.sub(r"[^\w]+", "-", name).strip("-")
            page.screenshot(
                path=str(FOLDER / f"{slug}-{width}-{scheme}.png"), full_page=True
            )


def test_screenshots_of_every_page_type(demo, base_url, browser):
    FOLDER.mkdir(exist_ok=True)
    arabic_copies()
    minutes = private_page()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    for language in ("en", "ar"):
        for name, path in public_page_types(language).items():
            shoot(page, f"{base_url}{path}", f"{language} {name}")
    shoot(page, f"{base_url}{minutes.url}", "en page behind a password")
    log_in(page, base_url, "member@example.org")
    for language in ("en", "ar"):
        for name, path in member_page_types(language).items():
            shoot(page, f"{base_url}{path}", f"{language} {name}")
    shoot(page, f"{base_url}/en/_util/patterns/", "en patterns (member: refused)")
    context.close()
    # The pattern page, as someone of the admin sees it.
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    log_in(page, base_url, "editor@example.org")
    shoot(page, f"{base_url}/en/_util/patterns/", "patterns")
    context.close()
    assert any(FOLDER.glob("*.png"))


def test_screenshots_of_the_admin_views_we_wrote(demo, base_url, browser):
    """Each as the demo account that uses it."""
    FOLDER.mkdir(exist_ok=True)
    for email, views in staff_views().items():
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        log_in_to_admin(page, base_url, email)
        for name, (path, _actions) in views.items():
            shoot(page, f"{base_url}{path}", f"admin {name}")
        context.close()
    assert any(FOLDER.glob("admin-*.png"))
