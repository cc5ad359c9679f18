import datetime
import zoneinfo

import factory
import wagtail_factories
from django.utils import timezone
from wagtail.models import Locale

from website.factories import site_home

from .models import (
    Application,
    Interest,
    ProgramPage,
    RoundPage,
    SpeedMentoringEventPage,
    SpeedMentoringParticipant,
)
from .models.applications import CareerStage, Sector


class ProgramPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ProgramPage

    parent = factory.LazyFunction(site_home)
    title = "Peer mentoring"
    slug = "mentoring"
    intro = "Librarians paired across countries for three months."


class RoundPageFactory(wagtail_factories.PageFactory):
    """A round whose applications are open now."""

    class Meta:
        model = RoundPage

    parent = factory.SubFactory(ProgramPageFactory)
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


def event_people(mentors=4, mentees=10, wishes=None):
    """The rows of a speed-mentoring event: `mentors` mentors, then
    `mentees` mentees; `wishes` maps a mentee's name to the mentors they
    prefer ("Mentor 1, Mentor 3")."""
    people = [
        SpeedMentoringParticipant(name=f"Mentor {k}", role="mentor")
        for k in range(1, mentors + 1)
    ] + [
        SpeedMentoringParticipant(
            name=f"Mentee {k}",
            role="mentee",
            preferred_mentors=(wishes or {}).get(f"Mentee {k}", ""),
        )
        for k in range(1, mentees + 1)
    ]
    for order, person in enumerate(people):
        person.sort_order = order
    return people


class SpeedMentoringEventPageFactory(wagtail_factories.PageFactory):
    """A published speed-mentoring event of four mentors and ten mentees
    (pass `participants=event_people(...)` for others), three rotations of
    ten minutes in Hong Kong."""

    class Meta:
        model = SpeedMentoringEventPage
        skip_postgeneration_save = True

    parent = factory.SubFactory(ProgramPageFactory)
    title = "Speed mentoring"
    slug = factory.Sequence(lambda n: f"speed-mentoring-{n}")
    starts_at = factory.LazyFunction(
        lambda: datetime.datetime(
            2018, 4, 20, 18, 30, tzinfo=zoneinfo.ZoneInfo("Asia/Hong_Kong")
        )
    )
    time_zone = "Asia/Hong_Kong"
    place = "Central Library"
    rotations = 3
    minutes = 10
    changeover_minutes = 2
    table_capacity = 3
    participants = factory.LazyFunction(event_people)

    @factory.post_generation
    def publish(page, create, extracted, **kwargs):
        if create:
            page.save_revision().publish()


class InterestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Interest
        django_get_or_create = ["name", "locale"]

    name = factory.Sequence(lambda n: f"interest {n}")
    locale = factory.LazyFunction(Locale.get_default)


class ApplicationFactory(factory.django.DjangoModelFactory):
    """A submitted application to `round` (the round's source page; a new
    open round when not given)."""

    class Meta:
        model = Application

    round = factory.SubFactory(RoundPageFactory)
    name = factory.Sequence(lambda n: f"Applicant {n}")
    email = factory.Sequence(lambda n: f"applicant{n}@example.org")
    country = "ES"
    languages = factory.LazyFunction(lambda: ["en"])
    sector = Sector.ACADEMIC
    career_stage = CareerStage.EARLY
    time_zone = "Europe/Madrid"
    language = "en"
    status = Application.Status.SUBMITTED
