"""Demo content of events: the events index in English and Spanish, two
speakers, and three of the four winners of the "Webinars 2018" election:
one past webinar (with its recording, summary and attendance) and two
upcoming ones (one in Buenos Aires time with few places left, one in
India's half-hour zone). The fourth winner is left for the editor to make
from the election.
The organisers and the editors see registrations and export attendance.

Dates are relative to today, so the demo always has upcoming events.
Everything is looked up before it is made: running it twice changes
nothing.
"""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Locale, Page

from website.demo import MEMBERS, grant, permission, translate_page

from .factories import in_days
from .models import EventIndexPage, EventPage, EventSpeaker, Registration, Speaker

ORDER = 50  # after the elections, whose winners the past webinar comes from

SPEAKERS = [
    ("Nomvula Dlamini", "University of Cape Town Libraries"),
    ("Arjun Mehta", "Public Library Network of Pune"),
]

EVENTS = [
    # slug, title, Spanish title, days from today, hour, zone, capacity
    (
        "open-access-for-beginners",
        "Open access for beginners",
        "Acceso abierto para principiantes",
        -30,
        14,
        "America/Argentina/Buenos_Aires",
        100,
    ),
    (
        "library-services-for-refugees",
        "Library services for refugees",
        "Servicios bibliotecarios para refugiados",
        10,
        14,
        "America/Argentina/Buenos_Aires",
        12,
    ),
    (
        "data-literacy",
        "Data literacy",
        "Alfabetización en datos",
        24,
        19,
        "Asia/Kolkata",
        None,
    ),
]


def build(seed, stdout):
    grant("organiser", "events", ["view_attendance"])
    Group.objects.get(name="Editors").permissions.add(
        permission("events", "view_attendance")
    )
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    home = Page.objects.get(depth=2, locale=locales["en"]).specific
    index = EventIndexPage.objects.filter(locale=locales["en"]).first()
    if index is None:
        index = home.add_child(
            instance=EventIndexPage(
                title="Events",
                slug="events",
                show_in_menus=True,
                intro="Webinars chosen by members, for librarians on every continent.",
            )
        )
        index.save_revision().publish()
    translate_page(
        index,
        locales["es"],
        title="Eventos",
        slug="eventos",
        intro="Webinarios elegidos por los miembros, para bibliotecarios de "
        "todos los continentes.",
    )
    # Every language's menu has the section in its own words (the events
    # themselves are in English and Spanish).
    for code, title, slug, intro in (
        (
            "fr",
            "Événements",
            "evenements",
            "Des webinaires choisis par les membres, pour les bibliothécaires "
            "de tous les continents.",
        ),
        (
            "ar",
            "الفعاليات",
            "events",
            "ندوات عبر الإنترنت يختارها الأعضاء، لأمناء المكتبات في كل القارات.",
        ),
    ):
        if code in locales:
            translate_page(index, locales[code], title=title, slug=slug, intro=intro)
    speakers = [
        Speaker.objects.get_or_create(
            name=name,
            locale=locales["en"],
            defaults={"affiliation": affiliation},
        )[0]
        for name, affiliation in SPEAKERS
    ]
    election = Page.objects.filter(slug="webinars-2018", locale=locales["en"]).first()
    events = [
        ensure_event(index, locales, speakers[n % 2], election, *row)
        for n, row in enumerate(EVENTS)
    ]
    ensure_registrations(events)
    stdout.write(f"  events: {len(events)} events, {len(speakers)} speakers")


def ensure_event(
    index, locales, speaker, election, slug, title, title_es, days, hour, zone, capacity
):
    event = EventPage.objects.filter(slug=slug, locale=locales["en"]).first()
    if event is None:
        date, start = in_days(days, hour, zone)
        past = days < 0
        event = EventPage(
            title=title,
            slug=slug,
            topic=title,
            description=f"<p>An hour-long webinar on {title.lower()}, with time "
            "for questions. For librarians everywhere; no experience needed.</p>",
            date=date,
            start_time=start,
            time_zone=zone,
            duration_minutes=60,
            capacity=capacity,
            platform="Jitsi Meet",
            join_url=f"https://meet.example.org/librarians-{slug}",
            language_of_delivery="en",
            election=election,
            election_option_key=option_key(election, title),
            recording_url=f"https://video.example.org/{slug}" if past else "",
            summary="<p>Seventy librarians from twenty countries asked how to "
            "start an open access repository on a small budget.</p>"
            if past
            else "",
        )
        index.add_child(instance=event)
        event.speakers.add(EventSpeaker(speaker=speaker))
        event.save_revision().publish()
    translate_page(event, locales["es"], title=title_es, slug=slug)
    return event


def option_key(election, title):
    """The key of the election's option called `title` (the winner this
    event comes from), or None."""
    if election is None:
        return None
    options = election.specific.option_list
    return next((option.key for option in options if option.title == title), None)


def ensure_registrations(events):
    """The past webinar's attendance; the Buenos Aires one almost full."""
    members = list(
        get_user_model()
        .objects.filter(username__in=[username for username, *_rest in MEMBERS])
        .select_related("profile")
        .order_by("username")
    )
    past, nearly_full, _open = events
    now = timezone.now()
    for number, user in enumerate(members[:6]):
        Registration.objects.get_or_create(
            event_key=past.translation_key,
            email=user.email,
            defaults={
                "user": user,
                "name": user.profile.name,
                "language": user.profile.language,
                "country": user.profile.country,
                "status": Registration.Status.REGISTERED,
                "confirmed_at": now - datetime.timedelta(days=40),
                "attended": number % 3 != 0,
            },
        )
    for number in range(10):
        Registration.objects.get_or_create(
            event_key=nearly_full.translation_key,
            email=f"reader{number}@example.org",
            defaults={
                "name": f"Reader {number}",
                "language": "es" if number % 2 else "en",
                "country": ["AR", "PE", "MX", "ES", "NG"][number % 5],
                "status": Registration.Status.REGISTERED,
                "confirmed_at": now - datetime.timedelta(days=2),
            },
        )
