"""An editor writes a post in the Wagtail admin, publishes it, has it
translated into Spanish with wagtail-localize's editor, publishes the
translation, and readers see it in both languages."""

import re

import pytest
from playwright.sync_api import expect

from blog.factories import AuthorFactory, BlogIndexPageFactory
from blog.models import BlogPage
from website.factories import UserFactory


@pytest.fixture
def blog(translations):
    english = BlogIndexPageFactory(parent=translations["en"], title="Blog")
    spanish = english.copy_for_translation(translations["es"].locale)
    spanish.save_revision().publish()
    AuthorFactory(name="María Ortega", slug="maria-ortega")
    return english


def log_in(page, base_url, username):
    page.goto(f"{base_url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "librarian-demo")
    page.click("button[type=submit]")
    expect(page).to_have_url(re.compile(r"/admin/$"))


def test_editor_publishes_a_post_and_its_spanish_translation(live_server, page, blog):
    admin = UserFactory(username="admin", email="admin@example.org")
    admin.is_staff = admin.is_superuser = True
    admin.save()
    log_in(page, live_server.url, "admin")

    # Write and publish the post in English.
    page.goto(f"{live_server.url}/admin/pages/add/blog/blogpage/{blog.pk}/")
    page.get_by_placeholder("Page title*").fill("Library open day")
    page.locator("#id_excerpt").fill("Come and see how we work.")
    page.get_by_role("button", name="Choose author").click()
    page.get_by_role("link", name="María Ortega").first.click()
    page.locator("[data-w-dropdown-target='toggle']").last.click()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("created and published")).to_be_visible()

    page.goto(f"{live_server.url}/en/blog/library-open-day/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Library open day")

    # Submit it for translation into Spanish and translate each segment.
    english_post = BlogPage.objects.get(slug="library-open-day", locale=blog.locale)
    page.goto(f"{live_server.url}/admin/localize/submit/page/{english_post.pk}/")
    page.get_by_label("Spanish").check()
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_text("submitted for translation into Spanish")).to_be_visible()

    for text in ["Jornada de puertas abiertas", "Ven a ver cómo trabajamos."]:
        page.get_by_role("button", name="Translate", exact=True).first.click()
        page.locator("textarea").first.fill(text)
        page.get_by_role("button", name="Save", exact=True).first.click()
        expect(page.get_by_text(text, exact=True)).to_be_visible()

    # Not live until the translator publishes it: Spanish readers are sent
    # to the English post, with a notice.
    before = page.request.get(
        f"{live_server.url}/es/blog/library-open-day/", max_redirects=0
    )
    assert before.status == 302
    assert before.headers["location"] == "/en/blog/library-open-day/?untranslated=es"
    page.get_by_role("button", name="Publish in Spanish").click()
    expect(page.get_by_text("published", exact=False).first).to_be_visible()

    # Readers see it in Spanish, and each version links to the other.
    page.goto(f"{live_server.url}/es/blog/")
    expect(page.get_by_text("Ven a ver cómo trabajamos.")).to_be_visible()
    page.goto(f"{live_server.url}/es/blog/library-open-day/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Jornada de puertas abiertas"
    )
    page.get_by_role("navigation", name="Idiomas").get_by_role(
        "link", name="English"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Library open day")
