import datetime

import factory
import wagtail_factories
from wagtail.models import Locale
from wagtail.rich_text import RichText

from website.factories import site_home

from .models import (
    Author,
    BlogIndexPage,
    BlogPage,
    BlogPageAuthor,
    Category,
    DiscussionTopicPage,
)


def default_locale():
    return Locale.get_default()


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author
        django_get_or_create = ("locale", "slug")

    name = factory.Sequence(lambda n: f"Author {n}")
    slug = factory.Sequence(lambda n: f"author-{n}")
    locale = factory.LazyFunction(default_locale)
    bio = "Librarian and blogger."


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("locale", "slug")

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")
    locale = factory.LazyFunction(default_locale)


class BlogIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = BlogIndexPage

    parent = factory.LazyFunction(site_home)
    title = "Blog"
    slug = "blog"


class BlogPageFactory(wagtail_factories.PageFactory):
    """A post with one author (pass `authors=[...]` for others)."""

    class Meta:
        model = BlogPage
        # The authors hook publishes the page itself.
        skip_postgeneration_save = True

    parent = factory.SubFactory(BlogIndexPageFactory)
    title = factory.Sequence(lambda n: f"Post {n}")
    date = factory.Sequence(lambda n: datetime.date(2018, 1, 1) + datetime.timedelta(n))
    excerpt = "A short summary of the post."
    # Real blocks of the post body: a paragraph and a quotation.
    body = factory.LazyFunction(
        lambda: [
            ("paragraph", RichText("<p>Lorem ipsum dolor sit amet.</p>")),
            ("quote", {"quote": "Consectetur adipiscing elit.", "attribution": ""}),
        ]
    )

    @factory.post_generation
    def authors(page, create, extracted, **kwargs):
        if not create:
            return
        authors = extracted if extracted is not None else [AuthorFactory()]
        for order, author in enumerate(authors):
            BlogPageAuthor.objects.create(page=page, author=author, sort_order=order)
        page.save_revision().publish()


class DiscussionTopicPageFactory(BlogPageFactory):
    class Meta:
        model = DiscussionTopicPage

    topic_number = 1
    prompts = factory.LazyFunction(
        lambda: [
            (
                "prompt",
                {
                    "question": "What brought you to librarianship?",
                    "guidance": RichText("<p>Take turns; two minutes each.</p>"),
                },
            )
        ]
    )
