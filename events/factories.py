import datetime

import factory
import wagtail_factories
from django.utils import timezone
from wagtail.models import Locale

from website.factories import site_home

from .models import EventIndexPage, EventPage, Registration, Speaker
from .times import zone


class EventIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = EventIndexPage

    parent = factory.LazyFunction(site_home)
    title = "Events"
    slug = "events"


def in_days(days, hour=14, zone_name="America/Argentina/Buenos_Aires"):
    """The local date `days` from now in `zone_name`, at `hour`:00."""
    local = timezone.now().astimezone(zone(zone_name)) + datetime.timedelta(days=days)
    return local.date(), datetime.time(hour, 0)


class EventPageFactory(wagtail_factories.PageFactory):
    """A webinar a fortnight from now, 14:00 in Buenos Aires, 25 places."""

    class Meta:
        model = EventPage

    parent = factory.SubFactory(EventIndexPageFactory)
    title = factory.Sequence(lambda n: f"Webinar {n}")
    slug = factory.Sequence(lambda n: f"webinar-{n}")
    topic = "Open access"
    description = "<p>An hour on open access in libraries.</p>"
    time_zone = "America/Argentina/Buenos_Aires"
    date = factory.LazyAttribute(lambda o: in_days(14, zone_name=o.time_zone)[0])
    start_time = datetime.time(14, 0)
    duration_minutes = 60
    capacity = 25
    platform = "Jitsi Meet"
    join_url = "https://meet.example.org/librarians-webinar"
    language_of_delivery = "en"


class SpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Speaker

    name = factory.Sequence(lambda n: f"Speaker {n}")
    affiliation = "City Library"
    locale = factory.LazyFunction(Locale.get_default)


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event_key = factory.LazyAttribute(lambda o: o.event.translation_key)
    name = factory.Sequence(lambda n: f"Guest {n}")
    email = factory.Sequence(lambda n: f"guest{n}@example.org")
    language = "en"
    status = Registration.Status.REGISTERED
    confirmed_at = factory.LazyFunction(timezone.now)

    class Params:
        event = None
