"""Demo content of the mentoring program: the peer-mentoring program with
its rounds, in English and Spanish. Invented dates and people."""

import datetime
import zoneinfo

from django.contrib.auth.models import Permission
from django.utils import timezone
from wagtail.models import GroupPagePermission, Locale, Page

from website.demo import grant, role_group, translate_page

from .demo_people import INTERESTS, generate
from .models import (
    Application,
    Interest,
    Match,
    MatchSeat,
    ProgramPage,
    RoundPage,
    SpeedMentoringEventPage,
    SpeedMentoringParticipant,
)
from .storage import run_matching

ROUND_THREE_APPLICANTS = 240

SPANISH_BODY = (
    "<p>Inscríbete mientras haya una ronda abierta. Te emparejamos con una "
    "persona de otro país que comparte contigo un idioma. Cada quince días "
    "el blog publica un tema del que hablar.</p>"
)

ORDER = 20

ROUNDS = [
    # number, applications open, applications close, start, end
    (
        1,
        datetime.datetime(2017, 1, 9),
        datetime.datetime(2017, 2, 3),
        datetime.date(2017, 3, 1),
        datetime.date(2017, 5, 31),
    ),
    (
        2,
        datetime.datetime(2017, 6, 5),
        datetime.datetime(2017, 7, 7),
        datetime.date(2017, 9, 1),
        datetime.date(2017, 11, 30),
    ),
    (
        3,
        datetime.datetime(2018, 1, 8),
        datetime.datetime(2018, 2, 9),
        datetime.date(2018, 3, 1),
        datetime.date(2018, 5, 31),
    ),
]


def build(seed, stdout):
    # The demo's organiser runs the rounds: applications and the matching desk.
    grant(
        "organiser",
        "program",
        ["view_application", "change_application", "view_match", "change_match"],
    )
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    home = Page.objects.get(depth=2, locale=locales["en"]).specific
    program = ProgramPage.objects.filter(locale=locales["en"]).first()
    if program is None:
        program = home.add_child(
            instance=ProgramPage(
                title="Peer mentoring",
                slug="mentoring",
                show_in_menus=True,
                intro="Librarians from different countries, paired for three "
                "months to learn from each other.",
                body="<p>Apply while a round is open. We match you with a "
                "partner in another country who shares a language with you. "
                "Every fortnight the blog posts a topic to talk about.</p>",
            )
        )
        program.save_revision().publish()
    spanish = translate_page(
        program,
        locales["es"],
        title="Mentoría entre pares",
        slug="mentoria",
        intro="Bibliotecarios de distintos países, en parejas durante "
        "tres meses para aprender unos de otros.",
        body=SPANISH_BODY,
    )
    if spanish.body == program.body:  # made before the body was translated
        spanish.body = SPANISH_BODY
        spanish.save_revision().publish()

    for number, opens, closes, starts, ends in ROUNDS:
        ensure_round(
            program, locales, number, aware(opens), aware(closes), starts, ends
        )
    # The round open now, so that the home page has a current round to show:
    # its dates are set the first time the demo is loaded and kept after.
    today = timezone.localdate()
    ensure_round(
        program,
        locales,
        4,
        timezone.now() - datetime.timedelta(days=3),
        timezone.now() + datetime.timedelta(days=25),
        today + datetime.timedelta(days=40),
        today + datetime.timedelta(days=130),
    )
    grant_rounds(program)
    interests = ensure_interests(locales)
    round_three = RoundPage.objects.get(locale=locales["en"], number=3)
    applicants = populate(round_three, interests, seed)
    event = ensure_speed_mentoring_event(program, locales)
    stdout.write(
        f"  program: peer mentoring with rounds 1–4; round 3 with {applicants} "
        f"applicants, matched and released; {event.title}"
    )


# What the demo's organiser may do with the program's pages: add a round,
# edit it and publish it (opening its applications).
ORGANISER_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]


def grant_rounds(program):
    """The Organisers run the program's rounds: they add, edit and publish
    pages under the (English) program page."""
    group = role_group("organiser")
    for permission in Permission.objects.filter(
        content_type__app_label="wagtailcore",
        codename__in=ORGANISER_PAGE_PERMISSIONS,
    ):
        GroupPagePermission.objects.get_or_create(
            group=group, page=program, permission=permission
        )


def aware(moment):
    return timezone.make_aware(moment, datetime.UTC)


def ensure_round(program, locales, number, opens, closes, starts, ends):
    round_page = RoundPage.objects.filter(locale=locales["en"], number=number).first()
    if round_page is None:
        round_page = program.add_child(
            instance=RoundPage(
                title=f"Round {number}",
                slug=f"round-{number}",
                number=number,
                intro="Apply to be matched with a librarian in another country.",
                applications_open_at=opens,
                applications_close_at=closes,
                starts_on=starts,
                ends_on=ends,
                matches_released=number < 4,
            )
        )
        round_page.save_revision().publish()
    translate_page(
        round_page,
        locales["es"],
        title=f"Ronda {number}",
        slug=f"ronda-{number}",
        intro="Inscríbete para formar pareja con un bibliotecario de otro país.",
    )
    return round_page


def ensure_interests(locales):
    """The interests in English, with their Spanish translations."""
    interests = []
    for english, spanish in INTERESTS:
        interest, _created = Interest.objects.get_or_create(
            name=english, locale=locales["en"]
        )
        if interest.get_translation_or_none(locales["es"]) is None:
            translation = interest.copy_for_translation(locales["es"])
            translation.name = spanish
            translation.save()
        interests.append(interest)
    return interests


def populate(round_page, interests, seed):
    """Round 3's applicants, matched, released (without sending email: the
    round is in the past) and mostly connected. Each step runs only if it
    has not run before, so a second run changes nothing."""
    if not Application.objects.filter(round=round_page).exists():
        people = generate(seed, ROUND_THREE_APPLICANTS)
        applications = Application.objects.bulk_create(
            Application(
                round=round_page,
                email_key=person["email"],
                created_at=round_page.applications_open_at,
                **{
                    key: value
                    for key, value in person.items()
                    if key not in {"interests", "connected"}
                },
            )
            for person in people
        )
        Through = Application.interests.through
        Through.objects.bulk_create(
            Through(application_id=application.pk, interest_id=interests[i].pk)
            for application, person in zip(applications, people, strict=True)
            for i in person["interests"]
        )
        connected = {
            application.pk
            for application, person in zip(applications, people, strict=True)
            if person["connected"]
        }
    else:
        connected = None
    if not Match.objects.filter(round=round_page).exists():
        run_matching(round_page)
        seats = list(MatchSeat.objects.filter(match__round=round_page))
        released_at = round_page.applications_close_at
        for seat in seats:
            seat.message_key = f"demo:{seat.match_id}:{seat.application_id}"
            seat.released_at = released_at
            seat.sends = 1
            if connected is not None and seat.application_id in connected:
                seat.check_in = MatchSeat.CheckIn.CONNECTED
                seat.checked_in_at = released_at
        MatchSeat.objects.bulk_update(
            seats,
            ["message_key", "released_at", "sends", "check_in", "checked_in_at"],
        )
        Match.objects.filter(round=round_page).update(status=Match.Status.RELEASED)
        Match.objects.filter(
            round=round_page, seats__check_in=MatchSeat.CheckIn.CONNECTED
        ).update(connected=True)
    return Application.objects.filter(round=round_page).count()


HONG_KONG_MENTORS = [
    "Winnie Chan",
    "Kelvin Lau",
    "Priya Raman",
    "Ho Ka-man",
    "Margaret Leung",
    "Tony Wong",
    "Fatima Siddiqui",
    "Daniel Cheung",
]
HONG_KONG_MENTEES = [
    ("Cindy Ng", "Winnie Chan, Priya Raman"),
    ("Jason Li", ""),
    ("Amy Tsang", "Tony Wong"),
    ("Rahul Menon", ""),
    ("Grace Yip", "Margaret Leung"),
    ("Eric Fung", ""),
    ("Joyce Lam", "Winnie Chan"),
    ("Samuel Poon", ""),
    ("Iris Kwok", "Daniel Cheung"),
    ("Ben Tam", ""),
    ("Natalie Choi", ""),
    ("Vincent Ho", "Kelvin Lau"),
    ("Sandy Mak", ""),
    ("Ahmed Karim", "Fatima Siddiqui"),
    ("Heidi Chow", ""),
    ("Leo Yeung", ""),
    ("Michelle Siu", "Ho Ka-man"),
    ("Patrick Lo", ""),
    ("Queenie Tse", ""),
    ("Raymond Kwan", "Tony Wong, Kelvin Lau"),
    ("Stella Au", ""),
    ("Terence Hui", ""),
    ("Ursula Ma", ""),
    ("Wing Lee", ""),
]


def ensure_speed_mentoring_event(program, locales):
    """The Hong Kong speed-mentoring evening: 8 mentors at tables of 3, 24
    mentees, 6 rotations of 12 minutes; some mentees named mentors they
    hoped to meet."""
    event = SpeedMentoringEventPage.objects.filter(
        locale=locales["en"], slug="hong-kong-speed-mentoring"
    ).first()
    if event is None:
        people = [
            SpeedMentoringParticipant(name=name, role="mentor")
            for name in HONG_KONG_MENTORS
        ] + [
            SpeedMentoringParticipant(name=name, role="mentee", preferred_mentors=wish)
            for name, wish in HONG_KONG_MENTEES
        ]
        for order, person in enumerate(people):
            person.sort_order = order
        event = program.add_child(
            instance=SpeedMentoringEventPage(
                title="Speed mentoring evening in Hong Kong",
                slug="hong-kong-speed-mentoring",
                intro="Eight experienced librarians each host a table; newer "
                "colleagues move from table to table every twelve minutes.",
                starts_at=datetime.datetime(
                    2018, 4, 20, 18, 30, tzinfo=zoneinfo.ZoneInfo("Asia/Hong_Kong")
                ),
                time_zone="Asia/Hong_Kong",
                place="Hong Kong Central Library, 66 Causeway Road, Causeway Bay",
                rotations=6,
                minutes=12,
                changeover_minutes=3,
                table_capacity=3,
                participants=people,
            )
        )
        event.save_revision().publish()
    translate_page(
        event,
        locales["es"],
        title="Tarde de mentoría rápida en Hong Kong",
        slug="mentoria-rapida-hong-kong",
        intro="Ocho bibliotecarios con experiencia reciben en su mesa a colegas "
        "más nuevos, que cambian de mesa cada doce minutos.",
    )
    return event
