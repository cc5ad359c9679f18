import re

from playwright.sync_api import expect


def test_reader_switches_the_home_page_to_spanish(live_server, page, translations):
    page.goto(f"{live_server.url}/en/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Librarians Network")

    switcher = page.get_by_role("navigation", name="Languages")
    switcher.get_by_role("link", name="Español").click()

    expect(page).to_have_url(re.compile(r"/es/$"))
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_role("heading", level=1)).to_have_text("Red de Bibliotecarios")
    # The interface follows: the menus are in Spanish, and Spanish is current.
    spanish_switcher = page.get_by_role("navigation", name="Idiomas")
    expect(spanish_switcher.locator("[aria-current]")).to_have_text("Español")
    expect(page.get_by_role("link", name="Inicio")).to_be_visible()


def test_home_page_works_on_a_phone(live_server, browser, translations):
    context = browser.new_context(
        viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/en/")
    # Nothing wider than the screen: no sideways scrolling on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to content")).to_be_focused()
    context.close()
