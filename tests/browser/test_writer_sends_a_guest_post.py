"""A librarian writes for the blog in Spanish from the Spanish contact page;
her post becomes a draft guest post waiting for review, which the editor
(editor@) finds on the admin's dashboard and sends back with a note; the
writer receives the note by email."""

import re

from playwright.sync_api import expect

from blog.models import BlogPage

from .helpers import assert_accessible, emails_to, log_in_to_admin

TITLE = "Una noche de mentoría rápida en Alcaraz"


def test_writer_sends_a_guest_post_and_the_editor_finds_it(demo, journey, base_url):
    page = journey
    page.goto(f"{base_url}/es/contacto/")
    assert_accessible(page)
    page.locator("main a[href$='/write/']").click()
    assert_accessible(page)
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_excerpt").fill("Cómo lanzamos la mentoría.")
    page.locator("#id_text").fill("Primer párrafo.\n\nSegundo párrafo.")
    page.locator("#id_bio").fill("Coordinadora de la red de Alcaraz.")
    page.locator("#id_name").fill("Lucía Ferrer")
    page.locator("#id_email").fill("lucia.ferrer@example.org")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("h1")).not_to_have_text("")
    post = BlogPage.objects.get(title=TITLE)
    assert not post.live and post.locale.language_code == "es"
    assert post.post_authors.get().author.is_guest

    editor = page.context.browser.new_context(viewport=page.viewport_size).new_page()
    log_in_to_admin(editor, base_url, "editor@example.org")
    expect(editor.get_by_text(TITLE).first).to_be_visible()

    editor.goto(f"{base_url}/admin/pages/{post.pk}/edit/")
    editor.locator("footer [data-w-dropdown-target='toggle']").last.click()
    editor.get_by_role("button", name="Request changes").click()
    dialog = editor.locator(".modal")
    dialog.get_by_role("textbox").fill("Acorta la introducción, por favor.")
    dialog.get_by_role("button", name=re.compile("Request changes")).click()
    expect(dialog).to_be_hidden()
    note = emails_to("lucia.ferrer@example.org")[-1]
    assert "Acorta la introducción, por favor." in note.body
