"""Translators edit the snippets of their language (authors, categories,
interests) and nothing in another language; editors are not affected."""

import polib
import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource

from blog.factories import AuthorFactory, CategoryFactory
from blog.models import Author
from program.factories import InterestFactory
from website.factories import UserFactory
from website.models import TranslatorGroup
from website.permissions import TranslatorLanguageForm

pytestmark = pytest.mark.django_db

SNIPPETS = {
    "author": (AuthorFactory, {"name": "Ada", "slug": "ada"}),
    "category": (CategoryFactory, {"name": "News", "slug": "news"}),
    "interest": (InterestFactory, {"name": "cataloguing"}),
}


def url(instance_or_model, view, *args):
    viewset = instance_or_model.snippet_viewset
    return reverse(viewset.get_url_name(view), args=args)


def edit_url(instance):
    return url(instance, "edit", instance.pk)


@pytest.fixture
def spanish_translator(translations):
    call_command("setup_translator_groups", verbosity=0)
    user = UserFactory(username="teresa", email="teresa@example.org")
    user.groups.add(Group.objects.get(name="Translators: Español"))
    return user


@pytest.fixture
def editor(translations):
    """An editor of the source language: a plain group with the snippet
    permissions, as an administrator sets one up."""
    group = Group.objects.create(name="Snippet editors")
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label__in=["blog", "program", "wagtailadmin"],
            codename__in=[
                "access_admin",
                *(
                    f"{action}_{model}"
                    for action in ("add", "change", "delete")
                    for model in ("author", "category", "interest")
                ),
            ],
        )
    )
    user = UserFactory(username="edna", email="edna@example.org")
    user.groups.add(group)
    return user


def in_every_language(kind, translations):
    """{language code: the snippet in that language}."""
    factory, fields = SNIPPETS[kind]
    english = factory(locale=translations["en"].locale, **fields)
    versions = {"en": english}
    for code in ("es", "fr"):
        versions[code] = english.copy_for_translation(translations[code].locale)
        versions[code].save()
    return versions


@pytest.fixture(params=sorted(SNIPPETS))
def snippet(request, translations):
    """Each snippet type, in every language."""
    return in_every_language(request.param, translations)


@pytest.fixture
def author(translations):
    return in_every_language("author", translations)


def test_translator_group_records_its_language(spanish_translator):
    record = TranslatorGroup.objects.get(group__name="Translators: Español")
    assert record.locale.language_code == "es"


def test_translator_edits_a_snippet_of_their_language(
    client, spanish_translator, snippet
):
    client.force_login(spanish_translator)
    spanish = snippet["es"]
    assert client.get(edit_url(spanish)).status_code == 200

    data = {"name": "Ada (es)"}
    if hasattr(spanish, "slug"):
        data["slug"] = spanish.slug
    response = client.post(edit_url(spanish), data)
    assert response.status_code == 302
    spanish.refresh_from_db()
    assert spanish.name == "Ada (es)"


def test_translator_cannot_edit_a_snippet_of_another_language(
    client, spanish_translator, snippet
):
    client.force_login(spanish_translator)
    for code in ("en", "fr"):
        other = snippet[code]
        before = other.name
        assert client.get(edit_url(other)).status_code == 302  # to the dashboard
        client.post(edit_url(other), {"name": "Changed", "slug": "changed"})
        other.refresh_from_db()
        assert other.name == before


def test_translator_lists_only_their_language(client, spanish_translator, author):
    client.force_login(spanish_translator)
    response = client.get(url(Author, "list"))
    assert response.status_code == 200
    assert {item.pk for item in response.context["object_list"]} == {author["es"].pk}


def test_translator_adds_snippets_in_their_language_only(client, spanish_translator):
    client.force_login(spanish_translator)
    add = url(Author, "add")
    assert client.get(add, {"locale": "es"}).status_code == 200
    assert client.get(add, {"locale": "en"}).status_code == 302
    assert client.get(add).status_code == 302  # the default language

    client.post(f"{add}?locale=en", {"name": "Intruder", "slug": "intruder"})
    assert not Author.objects.filter(slug="intruder").exists()
    client.post(f"{add}?locale=es", {"name": "Nueva", "slug": "nueva"})
    assert Author.objects.get(slug="nueva").locale.language_code == "es"


def test_translator_cannot_delete_snippets(client, spanish_translator, author):
    client.force_login(spanish_translator)
    spanish = author["es"]
    client.post(url(spanish, "delete", spanish.pk))
    assert type(spanish).objects.filter(pk=spanish.pk).exists()


def test_editors_are_not_affected(client, editor, spanish_translator, snippet):
    client.force_login(editor)
    for instance in snippet.values():
        assert client.get(edit_url(instance)).status_code == 200
    response = client.get(url(snippet["en"], "list"))
    assert {item.pk for item in response.context["object_list"]} == {
        instance.pk for instance in snippet.values()
    }


def test_an_editor_who_also_translates_keeps_every_language(
    client, editor, author, translations
):
    call_command("setup_translator_groups", verbosity=0)
    editor.groups.add(Group.objects.get(name="Translators: Español"))
    client.force_login(editor)
    assert client.get(edit_url(author["fr"])).status_code == 200


@pytest.fixture
def author_translations(translations):
    """An English author submitted for translation into Spanish and French,
    as wagtail-localize's "Translate" does."""
    english = AuthorFactory(name="Ada", slug="ada", bio="Librarian and blogger.")
    source, _ = TranslationSource.get_or_create_from_instance(english)
    result = {}
    for code in ("es", "fr"):
        translation = Translation.objects.create(
            source=source, target_locale=Locale.objects.get(language_code=code)
        )
        translation.save_target()
        result[code] = translation
    return result


def test_translator_uses_the_translation_editor_of_their_language(
    client, spanish_translator, author_translations
):
    client.force_login(spanish_translator)
    spanish = author_translations["es"]
    response = client.get(edit_url(spanish.get_target_instance()))
    assert response.status_code == 200
    assert "wagtail_localize/admin/edit_translation.html" in [
        template.name for template in response.templates
    ]
    download = client.get(
        reverse("wagtail_localize:download_pofile", args=[spanish.pk])
    )
    assert download.status_code == 200
    assert "Librarian and blogger." in [e.msgid for e in polib.pofile(download.text)]


def test_translator_cannot_reach_another_languages_translation(
    client, spanish_translator, author_translations
):
    client.force_login(spanish_translator)
    french = author_translations["fr"]
    download = reverse("wagtail_localize:download_pofile", args=[french.pk])
    assert client.get(download).status_code == 403
    upload = reverse("wagtail_localize:upload_pofile", args=[french.pk])
    assert client.post(upload, {}).status_code == 403
    sync = reverse("wagtail_localize:update_translations", args=[french.source_id])
    assert client.get(sync).status_code == 403
    assert client.get(edit_url(french.get_target_instance())).status_code == 302


def test_administrators_see_and_set_a_groups_language_in_the_group_editor(
    client, spanish_translator, translations
):
    admin = UserFactory(username="ada", email="ada@example.org")
    admin.is_staff = admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    group = Group.objects.get(name="Translators: Español")
    edit = reverse("wagtailusers_groups:edit", args=[group.pk])
    response = client.get(edit)
    assert response.status_code == 200
    (panel,) = [
        panel
        for panel in response.context["permission_panels"]
        if isinstance(panel, TranslatorLanguageForm)
    ]
    assert panel["locale"].value() == translations["es"].locale.pk
    assert "Translates into" in response.content.decode()

    # A new group made a French translator group from the editor.
    empty_formsets = {}
    for kind in ("page", "collection", "document", "image"):
        for key in ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS"):
            empty_formsets[f"{kind}_permissions-{key}"] = "0"
    response = client.post(
        reverse("wagtailusers_groups:add"),
        {
            "name": "Traducteurs",
            "translator-locale": translations["fr"].locale.pk,
            **empty_formsets,
        },
    )
    assert response.status_code == 302
    record = TranslatorGroup.objects.get(group__name="Traducteurs")
    assert record.locale.language_code == "fr"
