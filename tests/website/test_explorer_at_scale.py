"""The page explorer at any number of children (issue #23): wagtail-localize's
*Translate this page* and *Sync translated pages* buttons come from the
listing's own query, not two queries per row, and are the buttons
wagtail-localize's hook would show."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail_localize import wagtail_hooks as localize_hooks
from wagtail_localize.models import Translation, TranslationSource

from blog.factories import BlogIndexPageFactory
from blog.models import BlogPage
from website.explorer import page_listing_more_buttons
from website.factories import UserFactory

pytestmark = pytest.mark.django_db


def add_posts(blog, how_many, start=0):
    posts = []
    for number in range(start, start + how_many):
        post = BlogPage(
            title=f"Post {number}",
            slug=f"post-{number}",
            date=datetime.date(2020, 1, 1),
            excerpt="A summary.",
        )
        blog.add_child(instance=post)
        posts.append(post)
    return posts


@pytest.fixture
def blog(home):
    return BlogIndexPageFactory(parent=home)


@pytest.fixture
def editor(client):
    user = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(user)
    return user


def explore(client, blog):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/admin/pages/{blog.pk}/")
    assert response.status_code == 200
    return len(queries), response.text


def buttons(function, page, user):
    return [
        (str(button.label), button.url)
        for button in function(page, user, next_url="/admin/pages/")
    ]


def test_the_explorer_costs_the_same_queries_whatever_the_number_of_children(
    client, editor, blog, locales
):
    posts = add_posts(blog, 3)
    # One post translated into Spanish and French through wagtail-localize:
    # nothing left to translate it into, and its translations to sync.
    source, _created = TranslationSource.get_or_create_from_instance(posts[0])
    for code in ("es", "fr"):
        translation = Translation.objects.create(
            source=source, target_locale=locales[code]
        )
        translation.save_target(publish=True)
    explore(client, blog)  # warm caches (site, locales, admin menus)
    few, page = explore(client, blog)
    assert "Sync translated pages" in page

    add_posts(blog, 60, start=3)
    many, page = explore(client, blog)
    assert many == few
    # Every row's menu still offers to translate the untranslated posts.
    assert page.count("Translate this page") >= 49


def test_the_buttons_are_wagtail_localizes(client, editor, blog, locales):
    posts = add_posts(blog, 3)
    source, _created = TranslationSource.get_or_create_from_instance(posts[0])
    translation = Translation.objects.create(source=source, target_locale=locales["es"])
    translation.save_target(publish=True)
    # A disabled translation is nothing to sync.
    other, _created = TranslationSource.get_or_create_from_instance(posts[1])
    Translation.objects.create(source=other, target_locale=locales["es"], enabled=False)
    explore(client, blog)
    from website.explorer import annotate_translation_buttons

    listed = annotate_translation_buttons(BlogPage.objects.child_of(blog))
    seen = set()
    for page in listed:
        ours = buttons(page_listing_more_buttons, page, editor)
        theirs = buttons(localize_hooks.page_listing_more_buttons, page, editor)
        assert ours == theirs
        seen.add(tuple(label for label, _url in ours))
    assert seen == {
        ("Translate this page", "Sync translated pages"),
        ("Translate this page",),
    }
    # A page without the listing's annotations gets wagtail-localize's hook.
    plain = BlogPage.objects.get(pk=posts[0].pk)
    assert buttons(page_listing_more_buttons, plain, editor) == buttons(
        localize_hooks.page_listing_more_buttons, plain, editor
    )
