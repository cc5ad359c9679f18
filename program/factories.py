import datetime

import factory
import wagtail_factories
from django.utils import timezone
from wagtail.models import Locale

from .models import Application, Interest, ProgramPage, RoundPage
from .models.applications import CareerStage, Sector


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


class InterestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Interest
        django_get_or_create = ["name", "locale"]

    name = factory.Sequence(lambda n: f"interest {n}")
    locale = factory.LazyFunction(Locale.get_default)


class ApplicationFactory(factory.django.DjangoModelFactory):
    """A submitted application; pass `round` (the round's source page)."""

    class Meta:
        model = Application

    name = factory.Sequence(lambda n: f"Applicant {n}")
    email = factory.Sequence(lambda n: f"applicant{n}@example.org")
    country = "ES"
    languages = factory.LazyFunction(lambda: ["en"])
    sector = Sector.ACADEMIC
    career_stage = CareerStage.EARLY
    time_zone = "Europe/Madrid"
    language = "en"
    status = Application.Status.SUBMITTED
