"""The admin views we wrote, or set up on Wagtail's generic views, as the
staff who use them see them on a phone (390 px) and on a desktop (1280 px):
the organiser's Matching desk, election dashboard and event registrations,
the moderator's comment queue and the administrator's outgoing email
(tests/browser/admin_views.py). The page never scrolls sideways (a wide
table scrolls in its own box, as Wagtail's listings do), and each view's
main actions are on screen, at least 24 by 24 pixels (WCAG 2.2, 2.5.8).

Each person logs in once; the widths change around them (no new login).
"""

from .admin_views import staff_views
from .helpers import log_in_to_admin

WIDTHS = (390, 1280)

# WCAG 2.5.8's spacing exception, for a target under 24 by 24 pixels: a
# 24px circle on its centre meets no other target.
CROWDED = """(el) => {
  const r = el.getBoundingClientRect();
  const [x, y] = [r.left + r.width / 2, r.top + r.height / 2];
  const targets = document.querySelectorAll(
    'a[href], button, input:not([type=hidden]), select, textarea, summary');
  return [...targets].some((other) => {
    if (other === el || other.contains(el) || el.contains(other)) return false;
    const o = other.getBoundingClientRect();
    if (o.width === 0 || o.height === 0) return false;
    const dx = Math.max(o.left - x, 0, x - o.right);
    const dy = Math.max(o.top - y, 0, y - o.bottom);
    return Math.hypot(dx, dy) < 12;
  });
}"""


def problems_with(page, path, actions):
    """What keeps a person from using the view at `path` at each width."""
    found = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 844 if width < 600 else 900})
        response = page.goto(path)
        if response.status != 200:
            return [f"answered {response.status}"]
        page.wait_for_load_state("networkidle")
        scroll, window = page.evaluate(
            "[document.documentElement.scrollWidth,"
            " document.documentElement.clientWidth]"
        )
        if scroll > window:
            found.append(f"{width}px: the page scrolls sideways ({scroll}px)")
        for role, name in actions:
            target = page.get_by_role(role, name=name, exact=True).first
            if not target.count():
                found.append(f"{width}px: no {role} {name!r}")
                continue
            target.scroll_into_view_if_needed()
            box = target.bounding_box()
            if not target.is_visible() or box is None:
                found.append(f"{width}px: {role} {name!r} is hidden")
            elif (box["width"] < 24 or box["height"] < 24) and target.evaluate(CROWDED):
                found.append(
                    f"{width}px: {role} {name!r} is "
                    f"{box['width']:.0f}x{box['height']:.0f}px"
                )
            elif box["x"] < 0 or box["x"] + box["width"] > window + 1:
                found.append(f"{width}px: {role} {name!r} is off screen")
    return found


def test_staff_use_their_admin_views_on_a_phone_and_a_desktop(demo, base_url, browser):
    failures = {}
    for email, views in staff_views().items():
        context = browser.new_context(
            viewport={"width": 1280, "height": 900}, has_touch=True
        )
        page = context.new_page()
        page.set_default_timeout(15_000)
        log_in_to_admin(page, base_url, email)
        for name, (path, actions) in views.items():
            if found := problems_with(page, base_url + path, actions):
                failures[f"{email}: {name} ({path})"] = found
        context.close()
    assert not failures, failures
