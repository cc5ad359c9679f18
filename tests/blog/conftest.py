"""Fixtures of the blog tests.

Building pages is slow (every save updates the search and reference
indexes), so the blog, its authors, its categories and each test module's
posts are made once per module, inside a transaction that is rolled back
when the module ends. Every test still runs in its own savepoint (mark it
`django_db`), so what a test changes in the database is undone after it;
the Python objects of module fixtures are shared, though: re-read one from
the database before changing it.
"""

from types import SimpleNamespace

import pytest
from django.db import transaction
from wagtail.models import Locale, Site

from blog.factories import (
    AuthorFactory,
    BlogIndexPageFactory,
    BlogPageFactory,
    CategoryFactory,
    DiscussionTopicPageFactory,
)

LANGUAGES = ("en", "es", "fr")
HOME_TITLES = {
    "en": "Librarians Network",
    "es": "Red de Bibliotecarios",
    "fr": "Réseau",
}


def publish(page):
    """Publish the page's current state, as the editor's "Publish" does."""
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def translate_page(page, locale, **fields):
    """A live copy of `page` in `locale`, made as the demo content makes
    its translations (`copy_for_translation`, then publish)."""
    translation = page.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translation, name, value)
    return publish(translation)


def translate_snippet(snippet, locale, **fields):
    translation = snippet.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save()
    return translation


@pytest.fixture(scope="module")
def module_db(django_db_setup, django_db_blocker):
    """One transaction around a test module, rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def site_locales(module_db):
    return {
        code: Locale.objects.get_or_create(language_code=code)[0] for code in LANGUAGES
    }


@pytest.fixture(scope="module")
def homes(site_locales):
    """{language code: live home page}; the English one is the site root."""
    home = Site.objects.get(is_default_site=True).root_page.specific
    home.title = HOME_TITLES["en"]
    publish(home)
    pages = {"en": home}
    for code in ("es", "fr"):
        pages[code] = translate_page(
            home, site_locales[code], title=HOME_TITLES[code]
        ).specific
    return pages


@pytest.fixture(scope="module")
def blog(homes, site_locales):
    """{language code: live blog index}: /en/blog/ and /es/blog/, the
    Spanish one translated from the English one."""
    english = BlogIndexPageFactory(parent=homes["en"], intro="News from the network.")
    spanish = translate_page(english, site_locales["es"], intro="Noticias de la red.")
    return {"en": english, "es": spanish}


@pytest.fixture(scope="module")
def authors(site_locales):
    """A staff editor and a guest author (the coordinator of another
    network), each with a Spanish translation."""
    editor = AuthorFactory(name="María Ortega", slug="maria-ortega", role="editor")
    guest = AuthorFactory(
        name="Wing Yan Lau",
        slug="wing-yan-lau",
        is_guest=True,
        role="coordinator",
        organisation="Harbour City Library Network",
        link="https://harbourcity.example.org/",
    )
    return SimpleNamespace(
        editor=editor,
        guest=guest,
        editor_es=translate_snippet(editor, site_locales["es"], role="editora"),
        guest_es=translate_snippet(guest, site_locales["es"], role="coordinadora"),
    )


@pytest.fixture(scope="module")
def categories(site_locales):
    """Mentoring and News, each with a Spanish translation and its own
    Spanish slug."""
    mentoring = CategoryFactory(name="Mentoring", slug="mentoring")
    news = CategoryFactory(name="News", slug="news")
    es = site_locales["es"]
    return SimpleNamespace(
        mentoring=mentoring,
        news=news,
        mentoring_es=translate_snippet(mentoring, es, name="Mentoría", slug="mentoria"),
        news_es=translate_snippet(news, es, name="Noticias", slug="noticias"),
    )


@pytest.fixture(scope="module")
def make_post(blog):
    """make_post(language="en", topic=False, **fields): a live post (a
    discussion topic if `topic`) in that language's blog, with one new
    author unless `authors=[...]` is given."""

    def make(language="en", *, topic=False, tags=(), **fields):
        factory = DiscussionTopicPageFactory if topic else BlogPageFactory
        fields.setdefault("parent", blog[language])
        post = factory(**fields)
        if tags:
            post.tags.set(tags)
            publish(post)
        return post

    return make
