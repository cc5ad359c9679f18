import datetime

import factory
import wagtail_factories
from django.utils import timezone

from .models import ProgramPage, RoundPage


class ProgramPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ProgramPage

    title = "Peer mentoring"
    slug = "mentoring"
    intro = "Librarians paired across countries for three months."


class RoundPageFactory(wagtail_factories.PageFactory):
    """A round whose applications are open now."""

    class Meta:
        model = RoundPage

    number = factory.Sequence(lambda n: n + 1)
    title = factory.LazyAttribute(lambda round_page: f"Round {round_page.number}")
    slug = factory.LazyAttribute(lambda round_page: f"round-{round_page.number}")
    applications_open_at = factory.LazyFunction(
        lambda: timezone.now() - datetime.timedelta(days=7)
    )
    applications_close_at = factory.LazyFunction(
        lambda: timezone.now() + datetime.timedelta(days=7)
    )
    starts_on = factory.LazyFunction(
        lambda: timezone.localdate() + datetime.timedelta(days=21)
    )
    ends_on = factory.LazyFunction(
        lambda: timezone.localdate() + datetime.timedelta(days=111)
    )
