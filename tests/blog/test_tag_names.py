"""Tags in the page's language.

A tag is shared by every translation of a post (wagtail-localize keeps a
translation's tags in step with its source), so each tag has a name per
language (`TagName`, a translatable snippet): the default language's is
made with the tag, translators add theirs. A post shows its tags by their
names in its own language, falling back to the tag's own name; the tag's
archive says its name in the blog's language."""

import pytest
from taggit.models import Tag

from blog.models import TagName
from tests.blog.conftest import translate_page

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def posts(make_post, site_locales):
    english = make_post(title="2018: a blank book", tags=["plans", "new year"])
    spanish = translate_page(
        english,
        site_locales["es"],
        title="2018: un libro en blanco",
        slug="2018-un-libro-en-blanco",
    )
    return {"en": english, "es": spanish}


@pytest.fixture
def spanish_plans(posts, site_locales):
    source = TagName.objects.get(tag__name="plans", locale__language_code="en")
    translation = source.copy_for_translation(site_locales["es"])
    translation.name = "planes"
    translation.save()
    return translation


def tag_chips(html):
    import re

    footer = html.split('class="post__footer"', 1)[1].split("</footer>", 1)[0]
    return re.findall(r'<a class="chip" href="([^"]+/tag/[^"]+)">([^<]+)</a>', footer)


def test_a_new_tag_gets_its_name_in_the_default_language(posts):
    tag = Tag.objects.get(name="new year")

    [name] = TagName.objects.filter(tag=tag)
    assert name.locale.language_code == "en" and name.name == "new year"


def test_a_translated_post_shows_its_tags_in_its_language(client, posts, spanish_plans):
    spanish = tag_chips(client.get(posts["es"].url).text)
    english = tag_chips(client.get(posts["en"].url).text)

    assert ("/es/blog/tag/plans/", "planes") in spanish
    # No Spanish name yet: the tag's own.
    assert ("/es/blog/tag/new-year/", "new year") in spanish
    assert ("/en/blog/tag/plans/", "plans") in english


def test_the_tag_archive_names_the_tag_in_the_blogs_language(
    client, posts, spanish_plans
):
    html = client.get("/es/blog/tag/plans/").text

    assert "planes" in html.split("<h1", 1)[1].split("</h1>", 1)[0]
    assert posts["es"].title in html


def test_the_tag_feed_names_the_tag_in_the_blogs_language(client, posts, spanish_plans):
    feed = client.get("/es/blog/tag/plans/feed/").text

    assert "<title>Blog: planes</title>" in feed
