"""The layout of every public page type at 320, 390, 768, 1280 and 1920
pixels, left to right (English) and right to left (Arabic), in the light
and the dark colour scheme: no horizontal scrolling, nothing overflowing
its container, the footer at the bottom, tap targets of at least 24 by 24
pixels (tests/browser/layout.py), and axe-core clean in both schemes.

Fast: one browser page per reader, each page loaded once; the widths and
schemes change around it (the viewport and `prefers-color-scheme` are
emulated, no reload). axe runs once per scheme, at a phone's width in one
and a desktop's in the other.
"""

from .helpers import axe_violations, log_in, settle
from .layout import layout_problems
from .page_types import (
    arabic_copies,
    member_page_types,
    private_page,
    public_page_types,
)

WIDTHS = (320, 390, 768, 1280, 1920)
# (scheme, the width axe looks at it in)
SCHEMES = (("light", 1280), ("dark", 390))


def check(page, url, status=200):
    """{"<scheme> <width>px": [problem, …]} for the page at `url`."""
    response = page.goto(url)
    found = {}
    if response.status != status:
        found["loading"] = [f"answered {response.status}, not {status}"]
    for scheme, axe_width in SCHEMES:
        page.emulate_media(color_scheme=scheme)
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 800})
            problems = layout_problems(page)
            if width == axe_width:
                settle(page)
                problems += axe_violations(page)
            if problems:
                found[f"{scheme} {width}px"] = problems
    return found


def test_every_public_page_type_lays_out_at_every_width_direction_and_scheme(
    demo, base_url, browser
):
    arabic_copies()
    minutes = private_page()
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.set_default_timeout(15_000)
    failures = {}
    for language in ("en", "ar"):
        for name, path in public_page_types(language).items():
            status = 404 if name == "not found" else 200
            found = check(page, f"{base_url}{path}", status)
            if found:
                failures[f"{name} ({language}) {path}"] = found
    found = check(page, f"{base_url}{minutes.url}")
    if found:
        failures[f"page behind a password {minutes.url}"] = found

    log_in(page, base_url, "member@example.org")
    for language in ("en", "ar"):
        for name, path in member_page_types(language).items():
            found = check(page, f"{base_url}{path}")
            if found:
                failures[f"{name} ({language}) {path}"] = found
    context.close()

    report = "\n".join(
        f"{where}\n  {when}: " + "\n    ".join(problems)
        for where, by_view in failures.items()
        for when, problems in by_view.items()
    )
    assert failures == {}, report


def test_the_layout_checks_find_what_they_look_for(page):
    page.set_viewport_size({"width": 390, "height": 800})
    page.set_content(
        """<body style="margin:0">
        <main><div id="box" style="width:200px"><p id="wide"
          style="width:500px">A line wider than its box and the window</p></div>
          <p><a href="#a" id="tiny" style="font-size:8px">a</a><a href="#b"
          style="font-size:8px">b</a></p></main>
        <footer class="site-footer" style="margin-bottom:100px">Footer</footer>
        </body>"""
    )
    found = "\n".join(layout_problems(page))
    assert "horizontal scroll" in found
    assert "div#box overflows" in found
    assert "p#wide reaches past the window" in found
    assert "the footer ends at" in found
    assert 'a#tiny "a" is a' in found
