"""The translation workflow through wagtail-localize's own admin views: an
editor submits a post for translation, a Spanish translator works on it
offline with a PO file, publishes it, and later updates of the English post
reach the translation without losing the translator's work."""

import datetime

import polib
import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from wagtail_localize.models import Translation, TranslationSource

from blog.factories import AuthorFactory, BlogIndexPageFactory, BlogPageFactory
from blog.models import BlogPage
from website.factories import UserFactory

pytestmark = pytest.mark.django_db

TITLE, EXCERPT = "Library open day", "Come and see how we work."
SPANISH_TITLE = "Jornada de puertas abiertas"
SPANISH_EXCERPT = "Ven a ver cómo trabajamos."


@pytest.fixture
def post(translations):
    blog = BlogIndexPageFactory(parent=translations["en"], title="Blog")
    spanish_blog = blog.copy_for_translation(translations["es"].locale)
    spanish_blog.save_revision().publish()
    author = AuthorFactory(name="María Ortega", slug="maria-ortega")
    return BlogPageFactory(
        parent=blog,
        title=TITLE,
        slug="library-open-day",
        excerpt=EXCERPT,
        date=datetime.date(2018, 3, 1),
        authors=[author],
    )


@pytest.fixture
def editor(translations):
    user = UserFactory(username="edna", email="edna@example.org")
    user.is_staff = user.is_superuser = True
    user.save()
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def translator(translations):
    call_command("setup_translator_groups", verbosity=0)
    user = UserFactory(username="teresa", email="teresa@example.org")
    user.groups.add(Group.objects.get(name="Translators: Español"))
    client = Client()
    client.force_login(user)
    return client


def submit_for_translation(editor, post, locale):
    """What the editor's "Translate" button does."""
    response = editor.post(
        reverse("wagtail_localize:submit_page_translation", args=[post.pk]),
        {"locales": [locale.pk]},
    )
    assert response.status_code == 302
    return Translation.objects.get(
        source__object_id=post.translation_key, target_locale=locale
    )


def download_po(client, translation):
    response = client.get(
        reverse("wagtail_localize:download_pofile", args=[translation.pk])
    )
    assert response.status_code == 200
    return polib.pofile(response.content.decode())


def upload_po(client, translation, po):
    response = client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]),
        {
            "file": SimpleUploadedFile(
                "translation.po", str(po).encode(), "text/x-gettext-translation"
            ),
            "next": "/admin/",
        },
    )
    assert response.status_code == 302


def translate_po(po, translations):
    for entry in po:
        if entry.msgid in translations:
            entry.msgstr = translations[entry.msgid]
    return po


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    """The "Publish in Spanish" button of the translation editor (which
    publishes when the request's transaction commits)."""

    def press(client, translation):
        target = translation.get_target_instance()
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("wagtailadmin_pages:edit", args=[target.pk]),
                {"action": "publish"},
            )
        assert response.status_code == 302

    return press


def spanish_post(post, translations):
    return BlogPage.objects.get(
        translation_key=post.translation_key, locale=translations["es"].locale
    )


def test_po_round_trip_export_change_import_publish(
    client, editor, translator, post, translations, publish
):
    translation = submit_for_translation(editor, post, translations["es"].locale)
    assert not spanish_post(post, translations).live  # a draft until published

    po = download_po(translator, translation)
    assert {TITLE, EXCERPT} <= {entry.msgid for entry in po}
    upload_po(
        translator,
        translation,
        translate_po(po, {TITLE: SPANISH_TITLE, EXCERPT: SPANISH_EXCERPT}),
    )
    # Exported again, the file carries the translator's strings; changed
    # once more offline, imported and published, readers see the change.
    po = download_po(translator, translation)
    assert {entry.msgid: entry.msgstr for entry in po}[EXCERPT] == SPANISH_EXCERPT
    changed = translate_po(po, {EXCERPT: "Ven a conocer cómo trabajamos."})
    upload_po(translator, translation, changed)
    publish(translator, translation)

    page = client.get("/es/blog/library-open-day/")
    assert page.status_code == 200
    html = page.content.decode()
    assert SPANISH_TITLE in html
    assert "Ven a conocer cómo trabajamos." in html
    assert EXCERPT not in html


def test_a_po_file_of_another_translation_is_refused(
    editor, translator, post, translations
):
    spanish = submit_for_translation(editor, post, translations["es"].locale)
    french = submit_for_translation(editor, post, translations["fr"].locale)
    po = translate_po(download_po(editor, french), {EXCERPT: "Venez voir."})
    upload_po(translator, spanish, po)
    assert EXCERPT not in {
        entry.msgid: entry.msgstr
        for entry in download_po(translator, spanish)
        if entry.msgstr
    }


def test_updates_of_the_source_reach_the_translation_without_losing_its_edits(
    client, editor, translator, post, translations, publish
):
    translation = submit_for_translation(editor, post, translations["es"].locale)
    po = translate_po(
        download_po(translator, translation),
        {TITLE: SPANISH_TITLE, EXCERPT: SPANISH_EXCERPT},
    )
    upload_po(translator, translation, po)
    publish(translator, translation)

    # The editor retitles the English post and moves its date, then syncs
    # ("Sync translated pages") without publishing the translations.
    post.title = "Library open week"
    post.date = datetime.date(2018, 3, 5)
    post.save_revision().publish()
    response = editor.post(
        reverse("wagtail_localize:update_translations", args=[translation.source_id]),
        {},
    )
    assert response.status_code == 302

    # The translator sees the new title to translate, and the excerpt they
    # translated is still there.
    po = {
        entry.msgid: entry.msgstr
        for entry in download_po(translator, translation)
        if not entry.obsolete
    }
    assert po["Library open week"] == ""
    assert po[EXCERPT] == SPANISH_EXCERPT
    assert TITLE not in po
    # Readers still see the published translation until the translator
    # publishes again.
    assert SPANISH_TITLE in client.get("/es/blog/library-open-day/").content.decode()

    upload_po(
        translator,
        translation,
        translate_po(
            download_po(translator, translation),
            {"Library open week": "Semana de puertas abiertas"},
        ),
    )
    publish(translator, translation)
    spanish = spanish_post(post, translations)
    assert spanish.title == "Semana de puertas abiertas"
    assert spanish.excerpt == SPANISH_EXCERPT
    assert spanish.date == datetime.date(2018, 3, 5)  # synchronised field
    source = TranslationSource.objects.get(pk=translation.source_id)
    assert source.get_source_instance().title == "Library open week"
