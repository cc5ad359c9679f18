"""Arabic mirrors the layout: the header, a post and its comment form read
from the right, with no stylesheet of their own (the base template sets
dir="rtl" and the CSS uses logical properties).

Screenshots of each page in English and Arabic are saved for a human look:
in $BROWSER_ARTIFACTS if set, else in the test's temporary directory.
"""

import os
from pathlib import Path

import pytest
from django.core.cache import cache
from playwright.sync_api import expect
from wagtail.models import Locale

from blog.factories import AuthorFactory, BlogIndexPageFactory, BlogPageFactory

ARABIC_TITLE = "كتاب أبيض لعام 2018"
ARABIC_EXCERPT = "كيف نبدأ سنة جديدة في المكتبة بصفحات بيضاء."
TOLERANCE = 2  # pixels


@pytest.fixture
def post(translations):
    """A post with open comments, in English and in Arabic."""
    cache.clear()  # rate limits per IP address
    arabic = Locale.objects.create(language_code="ar")
    home_ar = translations["en"].copy_for_translation(arabic)
    home_ar.title = "شبكة أمناء المكتبات"
    home_ar.save_revision().publish()

    blog = BlogIndexPageFactory(
        parent=translations["en"], title="Blog", show_in_menus=True
    )
    blog_ar = blog.copy_for_translation(arabic)
    blog_ar.title = "المدونة"
    blog_ar.save_revision().publish()

    author = AuthorFactory(name="Amaka Obi", slug="amaka-obi")
    author_ar = author.copy_for_translation(arabic)
    author_ar.name = "أماكا أوبي"
    author_ar.save()
    english = BlogPageFactory(
        parent=blog, title="2018: a blank book", slug="a-blank-book", authors=[author]
    )
    post_ar = english.copy_for_translation(arabic)
    post_ar.title, post_ar.excerpt = ARABIC_TITLE, ARABIC_EXCERPT
    post_ar.save_revision().publish()
    yield {"en": english, "ar": post_ar}
    cache.clear()


@pytest.fixture
def artifacts(tmp_path):
    folder = Path(os.environ.get("BROWSER_ARTIFACTS") or tmp_path) / "right-to-left"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def box(locator):
    return locator.bounding_box()


def text_box(locator):
    """Where the text of an element is drawn (a block's box spans the line;
    its text sits at the start or the end of it)."""
    return locator.evaluate(
        """element => {
            const range = document.createRange();
            range.selectNodeContents(element);
            const r = range.getBoundingClientRect();
            return {x: r.x, width: r.width};
        }"""
    )


def right(rect):
    return rect["x"] + rect["width"]


def test_header_post_and_comment_form_mirror_in_arabic(
    live_server, page, post, artifacts
):
    geometry = {}
    for code in ("en", "ar"):
        page.goto(f"{live_server.url}{post[code].url}")
        expect(page.locator("html")).to_have_attribute(
            "dir", "rtl" if code == "ar" else "ltr"
        )
        expect(page.get_by_role("heading", level=1)).to_have_text(
            ARABIC_TITLE if code == "ar" else "2018: a blank book"
        )
        header = page.locator(".site-header__inner")
        header.screenshot(path=artifacts / f"header-{code}.png")
        page.screenshot(path=artifacts / f"post-{code}.png", full_page=True)
        form = page.locator("#respond form.comment-form")
        form.screenshot(path=artifacts / f"comment-form-{code}.png")

        nav_links = page.locator(".main-nav a")
        comment_label = form.locator("label[for$='comment']")
        geometry[code] = {
            "header": box(header),
            "title": box(page.locator(".site-title")),
            "nav": [box(nav_links.nth(0)), box(nav_links.nth(1))],
            "switcher": box(page.locator(".language-switcher")),
            "h1": text_box(page.get_by_role("heading", level=1)),
            "main": box(page.locator("main h1")),
            "label": text_box(comment_label),
            "textarea": box(form.locator("textarea")),
        }

    # The page left open is the Arabic one: its interface is in Arabic.
    expect(page.get_by_role("navigation", name="اللغات")).to_be_visible()
    expect(page.get_by_role("button", name="أرسل التعليق")).to_be_visible()
    en, ar = geometry["en"], geometry["ar"]

    # Header: the site title starts the line (left in English, right in
    # Arabic), the menu follows it, the language switcher ends it.
    assert en["title"]["x"] < en["nav"][0]["x"] < en["switcher"]["x"]
    assert right(ar["title"]) > right(ar["nav"][0]) > right(ar["switcher"])
    inner_padding = en["title"]["x"] - en["header"]["x"]
    assert abs(right(ar["header"]) - right(ar["title"]) - inner_padding) <= TOLERANCE
    # The menu reads the other way: the first item is the rightmost.
    assert en["nav"][0]["x"] < en["nav"][1]["x"]
    assert ar["nav"][0]["x"] > ar["nav"][1]["x"]

    # The post's title starts at the right edge of the column in Arabic.
    assert abs(en["h1"]["x"] - en["main"]["x"]) <= TOLERANCE
    assert abs(right(ar["h1"]) - right(ar["main"])) <= TOLERANCE
    assert ar["h1"]["x"] > ar["main"]["x"] + TOLERANCE

    # Comment form: labels sit over the start of their field.
    assert abs(en["label"]["x"] - en["textarea"]["x"]) <= TOLERANCE
    assert abs(right(ar["label"]) - right(ar["textarea"])) <= TOLERANCE
    assert ar["label"]["x"] > ar["textarea"]["x"] + ar["textarea"]["width"] / 2
    assert sorted(path.name for path in artifacts.iterdir()) == [
        f"{kind}-{code}.png"
        for kind in ("comment-form", "header", "post")
        for code in ("ar", "en")
    ]
