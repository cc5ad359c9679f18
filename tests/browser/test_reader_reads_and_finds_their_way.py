"""A reader, without an account, reads the home page and a post, reads the
post's Spanish translation, switches to Arabic with the language switcher
(which offers only the languages the post exists in), finds the blog's RSS
feed, and searches the site: the results say what each page is about."""

import re

from playwright.sync_api import expect

from .helpers import assert_accessible

POST = "2018: a blank book"
EXCERPT = "A new year opens like a book with empty pages."


def test_reader_reads_a_post_and_its_translations_finds_the_feed_and_searches(
    demo, journey, base_url
):
    page = journey
    heading = page.get_by_role("heading", level=1)

    page.goto(f"{base_url}/en/")
    expect(heading).to_have_text("Librarians Network")
    assert_accessible(page)

    # A post from the home page's latest posts.
    page.get_by_role("link", name=POST, exact=True).click()
    expect(page).to_have_url(f"{base_url}/en/blog/2018-a-blank-book/")
    expect(heading).to_have_text(POST)
    expect(page.get_by_role("img", name=re.compile("open notebook"))).to_be_visible()
    assert_accessible(page)

    # Its Spanish translation, from the post's own links to its languages,
    # with its tags in Spanish.
    page.locator(".other-languages").get_by_role("link", name="Español").click()
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(heading).to_have_text("2018: un libro en blanco")
    tags = page.locator(".post__footer")
    expect(tags.get_by_role("link", name="año nuevo")).to_be_visible()
    expect(tags.get_by_role("link", name="planes")).to_be_visible()
    assert_accessible(page)

    # The switcher lists the languages this post exists in, and no other:
    # there is no French translation.
    switcher = page.get_by_role("navigation", name="Idiomas")
    expect(switcher.get_by_role("listitem")).to_have_text(
        ["English", "Español", "العربيّة"]
    )
    switcher.get_by_role("link", name="العربيّة").click()
    expect(page).to_have_url(re.compile(r"/ar/blog/[^/]+/$"))
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(heading).to_have_text("2018: كتاب أبيض")
    # The Arabic menu has every section; those with no Arabic page yet
    # link to English ones, and say so.
    english_sections = page.locator(".main-nav a[lang='en']")
    expect(english_sections).to_have_count(2)
    expect(english_sections.first).to_contain_text("English")
    assert_accessible(page)

    # Back to English, then the blog and its feed.
    page.locator(".language-switcher").get_by_role("link", name="English").click()
    expect(heading).to_have_text(POST)
    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Blog", exact=True
    ).click()
    expect(heading).to_have_text("Blog")
    assert_accessible(page)
    rss = page.get_by_role("main").get_by_role("link", name="RSS", exact=True)
    expect(rss).to_be_visible()
    feed = page.request.get(base_url + rss.get_attribute("href"))
    assert feed.ok
    assert feed.headers["content-type"].startswith("application/rss+xml")
    assert f"<title>{POST}</title>" in feed.text()

    # Search from the footer: the results say what each page is about.
    page.get_by_role("searchbox", name="Search the site").fill("blank book")
    page.get_by_role("contentinfo").get_by_role("button", name="Search").click()
    expect(heading).to_have_text("Search")
    expect(page.get_by_role("status")).to_have_text(re.compile(r"^\d+ results?$"))
    result = page.locator(".search-results > li").filter(
        has=page.get_by_role("link", name=POST, exact=True)
    )
    expect(result).to_contain_text(EXCERPT)
    assert_accessible(page)
    result.get_by_role("link", name=POST).click()
    expect(heading).to_have_text(POST)
