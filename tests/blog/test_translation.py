"""Translating posts with wagtail-localize, as translators do in the admin."""

import datetime
import re

import pytest
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.operations import translate_object

from blog.models import BlogPage
from tests.blog.conftest import publish

pytestmark = pytest.mark.django_db

SPANISH_URL = "/es/blog/2018-a-blank-book/"


@pytest.fixture(scope="module")
def post(make_post, authors):
    return make_post(
        title="2018: a blank book",
        slug="2018-a-blank-book",
        date=datetime.date(2018, 1, 2),
        authors=[authors.editor, authors.guest],
    )


@pytest.fixture
def spanish(site_locales):
    return site_locales["es"]


def save_translation(post, locale, publish):
    """Translate `post` into `locale` as the translation editor does when
    the translator saves (`publish=False`) or publishes (`publish=True`)."""
    source, _ = TranslationSource.get_or_create_from_instance(post)
    translation, _ = Translation.objects.get_or_create(
        source=source, target_locale=locale
    )
    translation.save_target(publish=publish)


def translation_of(post, locale):
    return BlogPage.objects.get(translation_key=post.translation_key, locale=locale)


def other_languages(html):
    """The post's "Also in: …" paragraph, or None."""
    found = re.search(r'<p class="other-languages">.*?</p>', html, re.DOTALL)
    return found and found.group(0)


def test_translation_keeps_the_date_and_the_authors(
    post, spanish, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        save_translation(post, spanish, publish=True)
    translated = translation_of(post, spanish)
    assert translated.date == datetime.date(2018, 1, 2)
    assert [link.author.translation_key for link in translated.post_authors.all()] == [
        link.author.translation_key for link in post.post_authors.all()
    ]
    assert len(translated.post_authors.all()) == 2


def test_changing_the_date_of_the_source_changes_it_in_the_translation(
    post, spanish, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        save_translation(post, spanish, publish=True)
        source = BlogPage.objects.get(pk=post.pk)
        source.date = datetime.date(2018, 1, 3)
        publish(source)
        TranslationSource.update_or_create_from_instance(source)
        save_translation(source, spanish, publish=True)
    assert translation_of(post, spanish).date == datetime.date(2018, 1, 3)


def test_translation_of_a_live_post_is_not_live_until_published(
    client, post, spanish, django_capture_on_commit_callbacks
):
    # What "Translate this page" in the admin does: with
    # WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False the new
    # translation is a draft, even though the English post is live.
    with django_capture_on_commit_callbacks(execute=True):
        translate_object(post, [spanish])
    assert not translation_of(post, spanish).live
    # Not served: a plain 404, or the site's fallback to the English post.
    assert client.get(SPANISH_URL).status_code in (302, 404)

    with django_capture_on_commit_callbacks(execute=True):
        save_translation(post, spanish, publish=True)
    assert translation_of(post, spanish).live
    assert client.get(SPANISH_URL).status_code == 200


def test_post_links_to_its_live_spanish_translation(
    client, post, spanish, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        save_translation(post, spanish, publish=True)
    links = other_languages(client.get(post.url).text)
    assert links is not None
    assert "Also in:" in links
    assert f'<a href="{SPANISH_URL}" hreflang="es" lang="es">Español</a>' in links


def test_spanish_translation_links_back_to_the_english_post(
    client, post, spanish, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        save_translation(post, spanish, publish=True)
    links = other_languages(client.get(SPANISH_URL).text)
    assert f'<a href="{post.url}" hreflang="en" lang="en">English</a>' in links


def test_post_does_not_link_to_an_unpublished_translation(client, post, spanish):
    save_translation(post, spanish, publish=False)
    assert not translation_of(post, spanish).live
    html = client.get(post.url).text
    assert other_languages(html) is None
    assert SPANISH_URL not in html
