"""Submitting a page or snippet for translation tells that language's
translators by email (through the outbox, in their language), and their
dashboard lists what waits for them and what is not yet in their
language; a translator starts translations into their own language only."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from wagtail_localize.models import StringTranslation, Translation

from blog.factories import (
    AuthorFactory,
    BlogIndexPageFactory,
    BlogPageFactory,
    CategoryFactory,
)
from website.factories import UserFactory
from website.models import OutboxMessage

pytestmark = pytest.mark.django_db


@pytest.fixture
def post(translations):
    blog = BlogIndexPageFactory(parent=translations["en"], title="Blog")
    for code in ("es", "fr"):
        blog.copy_for_translation(translations[code].locale).save_revision().publish()
    return BlogPageFactory(
        parent=blog,
        title="Library open day",
        slug="library-open-day",
        excerpt="Come and see how we work.",
        date=datetime.date(2018, 3, 1),
        authors=[AuthorFactory(name="María Ortega", slug="maria-ortega")],
    )


def translator(username, group, language="en"):
    user = UserFactory(
        username=username,
        email=f"{username}@example.org",
        profile__language=language,
    )
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def people(translations):
    call_command("setup_translator_groups", verbosity=0)
    editor = UserFactory(username="edna", email="edna@example.org")
    editor.groups.add(Group.objects.get_or_create(name="Editors")[0])
    editor.is_superuser = True
    editor.save()
    return {
        "editor": editor,
        "teresa": translator("teresa", "Translators: Español", "es"),
        "tomas": translator("tomas", "Translators: Español", "en"),
        "francoise": translator("francoise", "Translators: Français", "fr"),
    }


def submit(client, user, instance_url, locales):
    client.force_login(user)
    return client.post(instance_url, {"locales": [locale.pk for locale in locales]})


def submit_page_url(page):
    return reverse("wagtail_localize:submit_page_translation", args=[page.pk])


def test_each_languages_translators_are_told_in_their_language(
    client, post, people, translations, django_capture_on_commit_callbacks
):
    spanish, french = translations["es"].locale, translations["fr"].locale
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(
            client, people["editor"], submit_page_url(post), [spanish, french]
        )
    assert response.status_code == 302

    queued = {message.to: message for message in OutboxMessage.objects.all()}
    assert set(queued) == {
        "teresa@example.org",
        "tomas@example.org",
        "francoise@example.org",
    }
    assert queued["teresa@example.org"].language == "es"
    assert queued["francoise@example.org"].language == "fr"
    english = queued["tomas@example.org"]
    assert (
        english.subject == "“Library open day” waits for its translation into Spanish"
    )
    spanish_post = post.get_translation(spanish)
    assert f"/admin/pages/{spanish_post.pk}/edit/" in english.body_text
    assert "/admin/pages/" in queued["francoise@example.org"].body_text
    french_post = post.get_translation(french)
    assert (
        f"/admin/pages/{french_post.pk}/edit/"
        in queued["francoise@example.org"].body_text
    )
    # Delivered, once each.
    assert sorted(message.to[0] for message in mail.outbox) == sorted(queued)


def test_a_translator_who_starts_a_translation_is_not_told_of_it(
    client, post, people, translations
):
    response = submit(
        client, people["teresa"], submit_page_url(post), [translations["es"].locale]
    )
    assert response.status_code == 302
    assert [message.to for message in OutboxMessage.objects.all()] == [
        "tomas@example.org"
    ]


def test_a_translator_is_offered_and_may_submit_their_language_only(
    client, post, people, translations
):
    client.force_login(people["teresa"])
    url = submit_page_url(post)
    offered = client.get(url).context["form"].fields["locales"].queryset
    assert [locale.language_code for locale in offered] == ["es"]

    french = translations["fr"].locale
    response = client.post(url, {"locales": [french.pk]})
    assert response.status_code == 400
    assert "Select a valid choice" in response.text
    assert not post.has_translation(french)
    assert not Translation.objects.exists()


def test_a_translator_submits_a_snippet_into_their_language_only(
    client, people, translations
):
    category = CategoryFactory(name="News", slug="news")
    url = reverse(
        "wagtail_localize:submit_snippet_translation",
        args=["blog", "category", category.pk],
    )
    client.force_login(people["teresa"])
    offered = client.get(url).context["form"].fields["locales"].queryset
    assert [locale.language_code for locale in offered] == ["es"]
    french = translations["fr"].locale
    assert client.post(url, {"locales": [french.pk]}).status_code == 400
    response = client.post(url, {"locales": [translations["es"].locale.pk]})
    assert response.status_code == 302
    assert category.has_translation(translations["es"].locale)
    assert not category.has_translation(french)


def test_a_translator_may_not_start_snippets_they_may_not_add(
    client, people, translations
):
    Group.objects.get(name="Translators: Español").permissions.remove(
        Permission.objects.get(codename="add_category")
    )
    category = CategoryFactory(name="News", slug="news")
    url = reverse(
        "wagtail_localize:submit_snippet_translation",
        args=["blog", "category", category.pk],
    )
    client.force_login(people["teresa"])
    assert client.get(url).status_code in (302, 403)
    client.post(url, {"locales": [translations["es"].locale.pk]})
    assert not category.has_translation(translations["es"].locale)


def test_nothing_left_to_offer_is_said_politely(client, post, people, translations):
    spanish_post = post.copy_for_translation(translations["es"].locale)
    spanish_post.save_revision().publish()
    client.force_login(people["teresa"])
    response = client.get(submit_page_url(post), follow=True)
    assert "already exists in every language you translate into" in response.text


def dashboard_panel(client, user):
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response.text


def test_the_dashboard_lists_what_waits_and_what_is_not_yet_translated(
    client, post, people, translations, django_capture_on_commit_callbacks
):
    spanish = translations["es"].locale
    html = dashboard_panel(client, people["teresa"])
    assert "Translations into Spanish" in html
    assert "Nothing waits for you" in html
    assert "Library open day" in html  # published, not yet in Spanish
    assert f"{submit_page_url(post)}?select_locale=es" in html

    submit(client, people["editor"], submit_page_url(post), [spanish])
    spanish_post = post.get_translation(spanish)
    html = dashboard_panel(client, people["teresa"])
    assert f"/admin/pages/{spanish_post.pk}/edit/" in html
    assert "Draft, never published" in html
    assert "strings to translate" in html
    assert f"{submit_page_url(post)}?select_locale=es" not in html

    # Translated and published, it waits no more.
    translation = Translation.objects.get(target_locale=spanish)
    for segment in translation.source.stringsegment_set.all():
        StringTranslation.objects.create(
            translation_of=segment.string,
            locale=spanish,
            context=segment.context,
            data=f"ES {segment.string.data}",
        )
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    html = dashboard_panel(client, people["teresa"])
    assert "Nothing waits for you" in html
    assert f"/admin/pages/{spanish_post.pk}/edit/" not in html


def test_the_panel_is_for_translators(client, post, people):
    html = dashboard_panel(client, people["editor"])
    assert "Translations into" not in html
    html = dashboard_panel(client, people["francoise"])
    assert "Translations into French" in html
    assert "Translations into Spanish" not in html
