"""The blog's module fixtures (a blog in English and Spanish, categories),
and subscriptions made directly."""

import pytest
from django.utils import timezone

from subscriptions.models import Frequency, Subscription
from tests.blog.conftest import (  # noqa: F401 (fixtures)
    authors,
    blog,
    categories,
    homes,
    make_post,
    module_db,
    site_locales,
)


@pytest.fixture
def subscribe():
    def make(email, languages=("en",), *, categories=(), weekly=False, **fields):  # noqa: F811
        fields.setdefault("confirmed_at", timezone.now())
        subscription = Subscription.objects.create(
            email=email,
            languages=list(languages),
            frequency=Frequency.WEEKLY if weekly else Frequency.INSTANT,
            **fields,
        )
        subscription.categories.set(categories)
        return subscription

    return make


@pytest.fixture
def publish_new(make_post, django_capture_on_commit_callbacks):  # noqa: F811
    """publish_new(language, **fields): a post published for the first time
    (the factory publishes it as the editor's Publish does), its on-commit
    work run (the fan-out, the delivery)."""

    def make(language="en", **fields):
        with django_capture_on_commit_callbacks(execute=True):
            return make_post(language, **fields)

    return make
