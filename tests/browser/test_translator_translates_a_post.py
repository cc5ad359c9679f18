"""A Spanish translator (a member of "Translators: Español") logs in to the
admin, translates a post submitted for translation with wagtail-localize's
editor, publishes it, and Spanish readers see it; the English post's editor
stays closed to them."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from playwright.sync_api import expect
from wagtail_localize.models import Translation, TranslationSource

from blog.factories import AuthorFactory, BlogIndexPageFactory, BlogPageFactory
from website.factories import UserFactory

SPANISH_TITLE = "Jornada de puertas abiertas"
SPANISH_EXCERPT = "Ven a ver cómo trabajamos."


@pytest.fixture
def post(translations):
    """An English post an editor has submitted for translation into Spanish."""
    blog = BlogIndexPageFactory(parent=translations["en"], title="Blog")
    blog.copy_for_translation(translations["es"].locale).save_revision().publish()
    english = BlogPageFactory(
        parent=blog,
        title="Library open day",
        slug="library-open-day",
        excerpt="Come and see how we work.",
        date=datetime.date(2018, 3, 1),
        authors=[AuthorFactory(name="María Ortega", slug="maria-ortega")],
    )
    source, _ = TranslationSource.get_or_create_from_instance(english)
    translation = Translation.objects.create(
        source=source, target_locale=translations["es"].locale
    )
    translation.save_target(publish=False)
    return {"en": english, "es": translation.get_target_instance()}


@pytest.fixture
def translator(translations):
    call_command("setup_translator_groups", verbosity=0)
    user = UserFactory(username="teresa", email="teresa@example.org")
    user.groups.add(Group.objects.get(name="Translators: Español"))
    return user


def translate_segment(page, source_text, translated_text):
    """Fill in one string of the translation editor, found by its source."""
    segment = page.locator("li", has_text=source_text).last
    segment.get_by_role("button", name="Translate", exact=True).click()
    segment.locator("textarea").fill(translated_text)
    segment.get_by_role("button", name="Save", exact=True).click()
    expect(segment.get_by_text(translated_text, exact=True)).to_be_visible()


def test_spanish_translator_translates_and_publishes_a_post(
    live_server, page, post, translator
):
    base = live_server.url
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", "teresa")
    page.fill("#id_password", "librarian-demo")
    page.click("button[type=submit]")
    expect(page).to_have_url(re.compile(r"/admin/$"))

    # The Spanish draft opens in wagtail-localize's translation editor.
    page.goto(f"{base}/admin/pages/{post['es'].pk}/edit/")
    translate_segment(page, "Library open day", SPANISH_TITLE)
    translate_segment(page, "Come and see how we work.", SPANISH_EXCERPT)

    # Nothing is live before the translator publishes.
    before = page.request.get(f"{base}/es/blog/library-open-day/", max_redirects=0)
    assert before.status == 302
    page.get_by_role("button", name="Publish in Spanish").click()
    expect(page.get_by_text("published", exact=False).first).to_be_visible()

    page.goto(f"{base}/es/blog/")
    expect(page.get_by_text(SPANISH_EXCERPT)).to_be_visible()
    page.get_by_role("link", name=SPANISH_TITLE, exact=True).click()
    expect(page).to_have_url(f"{base}/es/blog/library-open-day/")
    expect(page.get_by_role("heading", level=1)).to_have_text(SPANISH_TITLE)

    # The English post's editor is not theirs: Wagtail sends them back to
    # the dashboard with a refusal, and the English post is unchanged.
    page.goto(f"{base}/admin/pages/{post['en'].pk}/edit/")
    expect(page).to_have_url(re.compile(r"/admin/$"))
    expect(page.get_by_text("you do not have permission")).to_be_visible()
    post["en"].refresh_from_db()
    assert post["en"].title == "Library open day"
