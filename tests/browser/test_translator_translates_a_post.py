"""Teresa, the demo's Spanish translator (traductora@example.org, a member of
"Translators: Español"), is told by email and on her dashboard what waits
for a Spanish translation; starts the translation of a published English
post herself (the form offers Spanish only), translates it, its slug too,
in wagtail-localize's editor and publishes it, and Spanish readers read it.
English pages and the French translation stay closed to her, and the
category and author choosers offer Spanish items only.

What the README's demo accounts table says traductora@ can do."""

import re

import pytest
from playwright.sync_api import expect
from wagtail.models import Page

from blog.models import BlogPage

from .helpers import assert_accessible, emails_to, link_in_email, log_in_to_admin

pytestmark = pytest.mark.browser

TRANSLATOR = "traductora@example.org"
GUEST_POST = "Guest post: a speed mentoring evening launches our program"
WINNERS = "Webinars 2018: and the winners are…"
SPANISH = {
    WINNERS: "Webinarios 2018: y los ganadores son…",
    "After a closed vote, members chose four webinar topics for this year.": (
        "Tras una votación cerrada, los miembros eligieron cuatro temas de "
        "webinario para este año."
    ),
    "Thank you to everyone who proposed topics and voted.": (
        "Gracias a todas las personas que propusieron temas y votaron. Tras "
        "una elección cerrada, los cuatro temas elegidos son: acceso abierto "
        "para principiantes, servicios bibliotecarios para personas "
        "refugiadas, alfabetización de datos y marketing con poco presupuesto."
    ),
}
SPANISH_SLUG = "webinarios-2018-los-ganadores"


def in_locale(page, code):
    return Page.objects.get(
        translation_key=page.translation_key, locale__language_code=code
    )


def editor_sends_for_translation(browser_page, base_url, post):
    """Edna, the editor, sends `post` for translation into Spanish and
    French with wagtail-localize's form, in a browser of her own."""
    context = browser_page.context.browser.new_context(
        viewport=browser_page.viewport_size
    )
    editor = context.new_page()
    log_in_to_admin(editor, base_url, "editor@example.org")
    editor.goto(f"{base_url}/admin/localize/submit/page/{post.pk}/")
    assert_accessible(editor)
    editor.get_by_label("Spanish").check()
    editor.get_by_label("French").check()
    editor.get_by_role("button", name="Submit").click()
    expect(
        editor.get_by_text("submitted for translation into 2 locales")
    ).to_be_visible()
    context.close()


def translate_segment(page, source_text, translated_text):
    """Fill in one string of the translation editor, found by its source."""
    segment = page.locator("li", has_text=source_text).last
    segment.get_by_role("button", name="Translate", exact=True).click()
    segment.locator("textarea").fill(translated_text)
    segment.get_by_role("button", name="Save", exact=True).click()
    expect(segment.get_by_text(translated_text, exact=True)).to_be_visible()


def test_spanish_translator_is_told_translates_and_publishes_a_post(
    demo, journey, base_url
):
    page = journey
    english = {
        post.title: post for post in BlogPage.objects.filter(locale__language_code="en")
    }
    guest_post, winners = english[GUEST_POST], english[WINNERS]

    # She is told by email when the editor sends a page for Spanish.
    editor_sends_for_translation(page, base_url, guest_post)
    (message,) = emails_to(TRANSLATOR)
    assert GUEST_POST in message.subject
    spanish_guest_post = in_locale(guest_post, "es")
    emailed_link = link_in_email(TRANSLATOR, r"^/admin/pages/\d+/edit/$")
    assert emailed_link == f"/admin/pages/{spanish_guest_post.pk}/edit/"

    # Her dashboard lists it, and what is not in Spanish yet.
    log_in_to_admin(page, base_url, TRANSLATOR)
    panel = page.get_by_role("region", name="Translations into Spanish")
    expect(panel.get_by_role("link", name=f"Translate “{GUEST_POST}”")).to_be_visible()
    assert_accessible(page)

    # She starts the translation of the webinars post herself: the form
    # offers her own language only.
    panel.get_by_role("link", name=f"Translate into Spanish “{WINNERS}”").click()
    expect(page.get_by_role("checkbox")).to_have_count(1)
    expect(page.get_by_label("Spanish")).to_be_checked()
    assert_accessible(page)
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_text("submitted for translation into Spanish")).to_be_visible()
    assert_accessible(page)

    # She translates the strings, the slug too, and publishes.
    for source, translated in SPANISH.items():
        translate_segment(page, source, translated)
    page.get_by_role("tab", name="Promote").click()
    translate_segment(page, winners.slug, SPANISH_SLUG)
    assert_accessible(page)
    # Until she publishes, Spanish readers are sent to the English post.
    draft = page.request.get(f"{base_url}/es/blog/{winners.slug}/", max_redirects=0)
    assert draft.headers["location"] == f"/en/blog/{winners.slug}/?untranslated=es"
    page.get_by_role("button", name="Publish in Spanish").click()
    expect(
        page.get_by_text(f"Published '{SPANISH[WINNERS]}' in Spanish.")
    ).to_be_visible()

    # Spanish readers read it at its Spanish address.
    reader_context = page.context.browser.new_context(viewport=page.viewport_size)
    reader = reader_context.new_page()
    reader.goto(f"{base_url}/es/blog/{SPANISH_SLUG}/")
    expect(reader.get_by_role("heading", level=1)).to_have_text(SPANISH[WINNERS])
    expect(reader.get_by_text("alfabetización de datos")).to_be_visible()
    assert_accessible(reader)
    reader_context.close()

    # The emailed link opens the guest post's Spanish translation.
    page.goto(f"{base_url}{emailed_link}")
    expect(page.get_by_role("button", name="Publish in Spanish")).to_be_visible()
    assert_accessible(page)

    # English pages, and the French translation, are not hers.
    for other in (guest_post, in_locale(guest_post, "fr")):
        page.goto(f"{base_url}/admin/pages/{other.pk}/edit/")
        expect(page).to_have_url(re.compile(r"/admin/$"))
        expect(page.get_by_text("you do not have permission")).to_be_visible()

    # A Spanish post's own editor offers Spanish categories and authors only.
    blank_book = in_locale(english["2018: a blank book"], "es")
    page.goto(f"{base_url}/admin/pages/{blank_book.pk}/edit/")
    expect(page.locator("#id_categories option")).to_have_text(
        ["Mentoría", "Noticias", "Webinarios"]
    )
    assert_accessible(page)
    chooser = page.locator("#id_post_authors-0-author-chooser")
    chooser.get_by_role("button", name="Actions").click()
    page.get_by_text("Choose another author").click()
    rows = page.locator(".modal tbody tr")
    expect(rows).to_have_count(2)  # María Ortega and Wing Yan Lau, in Spanish
    for row in rows.all():
        expect(row).to_contain_text("Spanish")
    assert_accessible(page)
