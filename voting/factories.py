import datetime

import factory
import wagtail_factories
from django.utils import timezone

from website.factories import site_home

from .models import ElectionIndexPage, ElectionOption, ElectionPage


class ElectionIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ElectionIndexPage

    parent = factory.LazyFunction(site_home)
    title = "Elections"
    slug = "elections"


class ElectionPageFactory(wagtail_factories.PageFactory):
    """An election whose voting is open now, for signed-in members, with
    the options named in `options` (default: four webinar topics)."""

    class Meta:
        model = ElectionPage
        skip_postgeneration_save = True

    parent = factory.SubFactory(ElectionIndexPageFactory)
    title = factory.Sequence(lambda n: f"Election {n}")
    slug = factory.Sequence(lambda n: f"election-{n}")
    question = "Which webinars should we run next year?"
    winners = 2
    ballot_type = "choose"
    max_choices = 2
    counting_rule = "approval"
    electorate = "members"
    voting_opens_at = factory.LazyFunction(
        lambda: timezone.now() - datetime.timedelta(days=1)
    )
    voting_closes_at = factory.LazyFunction(
        lambda: timezone.now() + datetime.timedelta(days=7)
    )

    @factory.post_generation
    def options(page, create, extracted, **kwargs):
        if not create:
            return
        titles = (
            extracted
            if extracted is not None
            else ["Copyright", "Open access", "Makerspaces", "Storytime"]
        )
        for order, title in enumerate(titles):
            ElectionOption.objects.create(page=page, title=title, sort_order=order)
        page.save_revision().publish()
