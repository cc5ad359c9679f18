"""A post's editor offers the categories of the post's own language: an
English post English ones, its Spanish translation Spanish ones."""

import datetime

import pytest
from django.urls import reverse

from blog.factories import (
    AuthorFactory,
    BlogIndexPageFactory,
    BlogPageFactory,
    CategoryFactory,
)
from blog.models import BlogPage
from website.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def categories(translations):
    """News and Mentoring in English; News also in Spanish and French."""
    news = CategoryFactory(name="News", slug="news")
    mentoring = CategoryFactory(name="Mentoring", slug="mentoring")
    for code, name in (("es", "Noticias"), ("fr", "Actualités")):
        translation = news.copy_for_translation(translations[code].locale)
        translation.name, translation.slug = name, name.lower()
        translation.save()
    return {"news": news, "mentoring": mentoring}


@pytest.fixture
def posts(translations, categories):
    """An English post filed under News and Mentoring, and its Spanish
    translation, which (copied) still points at the English categories."""
    blog = BlogIndexPageFactory(parent=translations["en"], title="Blog")
    blog.copy_for_translation(translations["es"].locale).save_revision().publish()
    english = BlogPageFactory(
        parent=blog,
        title="Library open day",
        date=datetime.date(2018, 3, 1),
        authors=[AuthorFactory(name="Ada", slug="ada")],
    )
    english.categories.set([categories["news"], categories["mentoring"]])
    english.save_revision().publish()
    spanish = english.copy_for_translation(translations["es"].locale)
    spanish.save_revision().publish()
    return {"en": english, "es": BlogPage.objects.get(pk=spanish.pk)}


@pytest.fixture
def admin_client(client, translations):
    user = UserFactory(username="ada", is_staff=True, is_superuser=True)
    client.force_login(user)
    return client


def edit_form(client, page):
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    return response.context["form"]


def names(categories):
    return sorted(category.name for category in categories)


def test_an_english_post_offers_english_categories(admin_client, posts):
    field = edit_form(admin_client, posts["en"]).fields["categories"]
    assert names(field.queryset) == ["Mentoring", "News"]


def test_a_new_post_offers_its_blogs_language(admin_client, posts, translations):
    spanish_blog = posts["es"].get_parent()
    response = admin_client.get(
        reverse("wagtailadmin_pages:add", args=["blog", "blogpage", spanish_blog.pk])
    )
    field = response.context["form"].fields["categories"]
    assert names(field.queryset) == ["Noticias"]


def test_a_translation_shows_its_copied_categories_in_its_language(admin_client, posts):
    form = edit_form(admin_client, posts["es"])
    # News shows as Noticias; Mentoring, not translated yet, stays chosen
    # (and offered), so that saving does not drop it.
    assert names(form.fields["categories"].queryset) == ["Mentoring", "Noticias"]
    assert names(form.initial["categories"]) == ["Mentoring", "Noticias"]
