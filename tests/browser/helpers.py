"""What every browser journey does: log in as one of the demo's own
accounts, check a page with axe, read a link out of an email the site sent.

Journeys use these through the fixtures of `tests/browser/conftest.py`
(`demo`, `journey`, `base_url`) so that each file reads like the person's
story, one journey per file.
"""

import re

from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from playwright.sync_api import expect

# Every demo account (website/demo.py) has this password.
DEMO_PASSWORD = "librarian-demo"

# The widths every journey runs at: a desktop and a phone.
WIDTHS = {"desktop": 1280, "phone": 390}

# WCAG 2.2 A and AA, and axe's best practices (landmarks, heading order…).
AXE_OPTIONS = {
    "resultTypes": ["violations"],
    "runOnly": {
        "type": "tag",
        "values": [
            "wcag2a",
            "wcag2aa",
            "wcag21a",
            "wcag21aa",
            "wcag22aa",
            "best-practice",
        ],
    },
}

# The Wagtail admin is Wagtail's own markup: its known best-practice findings
# (for example a region without a landmark in a dropdown) are not ours to
# fix, but its WCAG A and AA rules are checked all the same.
ADMIN_AXE_OPTIONS = {
    "resultTypes": ["violations"],
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
    },
}


# Findings in Wagtail's own admin markup that are reported upstream, each
# ignored only for that rule on that element: (axe rule, element's selector as
# axe names it) -> the upstream issue. Everything else on the page is checked.
UPSTREAM_ADMIN_FINDINGS = {
    ("aria-input-field-name", ".notranslate"): (
        "wagtail/wagtail#14205: Draftail's editable area (a rich text field "
        "in the page editor) has no accessible name"
    ),
}


def axe_violations(page, options=AXE_OPTIONS):
    """axe-core's violations on the page as it is now, one line per rule."""
    results = Axe().run(page, options=options)
    found = []
    for rule in results.response["violations"]:
        nodes = [
            node["target"][0]
            for node in rule["nodes"]
            if options is not ADMIN_AXE_OPTIONS
            or (rule["id"], node["target"][0]) not in UPSTREAM_ADMIN_FINDINGS
        ]
        if nodes:
            found.append(
                f"{rule['id']} ({rule['impact']}): {rule['help']} — "
                + "; ".join(nodes[:5])
            )
    return found


def settle(page):
    """Wait until CSS transitions have ended: axe reads colours as they are at
    that moment, and a message still fading in (the admin's) fails the
    contrast check. (Animations are left alone: some repeat for long.)"""
    page.wait_for_function(
        """() => document.getAnimations().every(
            (a) => !(a instanceof CSSTransition) || a.playState !== "running"
        )"""
    )


def settle_admin_page(page):
    """Let a Wagtail admin page come to rest before axe looks at it: its
    messages fade in (half-transparent, they fail colour contrast), and
    controls scrolled under the sticky header count as too small to tap
    (target-size), so look from the top, with the pointer out of the way
    (a panel heading it rests on shows its anchor link over the toggle)."""
    page.mouse.move(0, 0)
    # The window, and on a phone the admin's <main>, which scrolls itself.
    page.evaluate(
        "() => { window.scrollTo(0, 0); document.querySelectorAll('*')"
        ".forEach(element => { if (element.scrollTop) element.scrollTop = 0; }); }"
    )
    # Scrolling back up lets the sticky header slide back: wait for the
    # frames that start such transitions, then for them to end (CSS
    # transitions only: the Help badge pings for 25 seconds).
    page.evaluate(
        "() => new Promise(done => requestAnimationFrame("
        "() => requestAnimationFrame(done)))"
    )
    page.wait_for_function(
        "() => document.getAnimations().every(animation =>"
        " !(animation instanceof CSSTransition)"
        " || animation.playState !== 'running')"
    )
    messages = page.locator(".messages > ul")
    if messages.count():
        expect(messages).to_have_css("opacity", "1")
        expect(messages).to_have_css("top", "0px")


def assert_accessible(page):
    """axe finds nothing on this page (the admin is checked on WCAG rules
    only: see ADMIN_AXE_OPTIONS)."""
    admin = "/admin/" in page.url
    if admin:
        settle_admin_page(page)
    else:
        settle(page)
    options = ADMIN_AXE_OPTIONS if admin else AXE_OPTIONS
    found = axe_violations(page, options)
    assert found == [], f"axe on {page.url}:\n" + "\n".join(found)


def log_in(page, base_url, email, password=DEMO_PASSWORD):
    """Log in through the site's own form, as a member does, and come back
    to the page that was open (or the home page)."""
    page.goto(f"{base_url}/en/accounts/login/")
    page.get_by_label(re.compile("^Email")).fill(email)
    page.get_by_label(re.compile("^Password")).fill(password)
    page.locator("main form").get_by_role("button", name="Log in", exact=True).click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def log_in_to_admin(page, base_url, email, password=DEMO_PASSWORD):
    """Log in at the Wagtail admin's own login page."""
    page.goto(f"{base_url}/admin/login/")
    fill_admin_login(page, email, password)
    expect(page).to_have_url(re.compile(r"/admin/$"))


def fill_admin_login(page, email, password=DEMO_PASSWORD):
    """Fill in and send the admin's login form open on the page (the one an
    admin link sends a logged-out person to); the username is the part of
    the demo account's email before the @."""
    page.fill("#id_username", email.partition("@")[0])
    page.fill("#id_password", password)
    page.click("button[type=submit]")


def emails_to(address):
    """The email delivered to `address` (Django's locmem mailbox, where the
    outbox delivers in tests: what the person receives), oldest first."""
    from django.core import mail

    return [message for message in mail.outbox if address in message.to]


def link_in_email(address, path_pattern):
    """The path of the first link in the newest email to `address` whose path
    matches `path_pattern` (a regular expression), for the browser to open on
    the live server whatever host the email names."""
    messages = emails_to(address)
    assert messages, f"no email to {address}"
    body = messages[-1].body
    for url in re.findall(r"https?://[^\s<>\"']+", body):
        path = re.sub(r"^https?://[^/]+", "", url)
        if re.search(path_pattern, path):
            return path
    raise AssertionError(f"no link matching {path_pattern!r} in:\n{body}")


def background_save_done(page):
    """Wait, as a person would, for Wagtail's background save of the draft
    (on where the test settings leave it on: PostgreSQL) to come back before
    pressing Publish. Publishing while the first background save of a new page is
    still on its way sends the page to the create view twice at once, and
    the later of the two finds its slug taken by its twin: a 500 from
    Wagtail's create view (its race, not ours)."""
    interval = getattr(settings, "WAGTAIL_AUTOSAVE_INTERVAL", 500)
    if interval:
        page.wait_for_timeout(interval + 200)  # a save the last change queued
        expect(page.locator("#w-autosave-indicator")).not_to_have_attribute(
            "data-w-autosave-state-value", "saving", timeout=15_000
        )


def choose_in_row_menu(page, row, action):
    """A listing row's "More options" menu, as Wagtail draws it: open it and
    press `action` (exactly so named)."""
    row.get_by_role("button", name=re.compile("^More options for")).click()
    page.get_by_role("button", name=action, exact=True).click()
