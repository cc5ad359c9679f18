"""Demo content of the elections: the closed "Webinars 2018" election with
its four winners announced on the blog, and an open members' election the
demo member (member@example.org) can vote in. English and Spanish. The
demo's organiser (organiser@example.org) runs elections and may create and
publish election pages under the English election index.

Invented voters at example.org. Ballots of the closed election are drawn
from a seeded generator and checked to elect the four announced topics.
Everything is looked up before it is made: running it twice changes
nothing.
"""

import datetime
import random

from django.contrib.auth.models import Permission
from django.utils import timezone
from wagtail.models import GroupPagePermission, Locale, Page

from website.demo import grant, role_group, translate_page

from . import secrecy
from .counting import APPROVAL, count
from .models import Ballot, ElectionIndexPage, ElectionOption, ElectionPage, Voter

ORDER = 40  # after the blog, whose "and the winners are…" post it links to

WEBINARS_2018 = [
    # English, Spanish, approval weight
    ("Open access for beginners", "Acceso abierto para principiantes", 0.75),
    (
        "Library services for refugees",
        "Servicios bibliotecarios para refugiados",
        0.7,
    ),
    ("Data literacy", "Alfabetización en datos", 0.65),
    ("Marketing on a shoestring", "Marketing con poco presupuesto", 0.6),
    ("Copyright basics", "Nociones de derechos de autor", 0.35),
    ("Makerspaces", "Espacios maker", 0.3),
    ("Storytime online", "La hora del cuento en línea", 0.25),
    ("Research data management", "Gestión de datos de investigación", 0.2),
]
WEBINARS_2019 = [
    ("Digital preservation", "Preservación digital"),
    ("Reading clubs for teenagers", "Clubes de lectura para adolescentes"),
    ("Wikipedia and libraries", "Wikipedia y bibliotecas"),
    ("Accessible library websites", "Sitios web de biblioteca accesibles"),
    ("Grant writing", "Redacción de solicitudes de subvención"),
]
ELECTORATE_2018 = 40
VOTED_2018 = 31


def build(seed, stdout):
    # The demo's organiser runs the elections.
    grant("organiser", "voting", ["run_election"])
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    home = Page.objects.get(depth=2, locale=locales["en"]).specific
    index = ElectionIndexPage.objects.filter(locale=locales["en"]).first()
    if index is None:
        index = home.add_child(
            instance=ElectionIndexPage(
                title="Elections",
                slug="elections",
                show_in_menus=True,
                intro="Members choose what the network does next.",
            )
        )
        index.save_revision().publish()
    let_organisers_create_elections(index)
    translate(
        index,
        locales["es"],
        title="Elecciones",
        slug="elecciones",
        intro="Los miembros eligen lo que la red hace después.",
    )
    closed = ensure_webinars_2018(index, locales, seed)
    ensure_webinars_2019(index, locales)
    ballots = Ballot.objects.filter(election_key=closed.translation_key).count()
    stdout.write(
        f"  voting: Webinars 2018 ({ballots} ballots, results published) "
        "and Webinars 2019 (open)"
    )


# Page rights of the organisers on the (English) election index: they write
# and publish the election pages they run. Translators translate them.
ORGANISER_PAGE_RIGHTS = ("add_page", "change_page", "publish_page")


def let_organisers_create_elections(index):
    group = role_group("organiser")
    for codename in ORGANISER_PAGE_RIGHTS:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=index,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )


def aware(*args):
    return timezone.make_aware(datetime.datetime(*args), datetime.UTC)


def ensure_webinars_2018(index, locales, seed):
    election = ElectionPage.objects.filter(
        locale=locales["en"], slug="webinars-2018"
    ).first()
    if election is None:
        post = Page.objects.filter(
            slug="webinars-2018-and-the-winners-are", locale=locales["en"]
        ).first()
        election = ElectionPage(
            title="Webinars 2018",
            slug="webinars-2018",
            question="Which four webinars should the network run in 2018?",
            description="<p>Choose up to four topics. The four most chosen win.</p>",
            winners=4,
            ballot_type="choose",
            max_choices=4,
            counting_rule=APPROVAL,
            electorate="closed",
            nominations_open_at=aware(2017, 12, 1),
            nominations_close_at=aware(2017, 12, 20),
            voting_opens_at=aware(2018, 1, 15),
            voting_closes_at=aware(2018, 2, 9),
            results_post=post,
            tie_seed=seed,
        )
        for order, (title, _es, _weight) in enumerate(WEBINARS_2018):
            election.options.add(ElectionOption(title=title, sort_order=order))
        index.add_child(instance=election)
        election.save_revision().publish()
        ElectionPage.objects.filter(pk=election.pk).update(
            results_published=True, results_published_at=aware(2018, 2, 12)
        )
        election.refresh_from_db()
        cast_2018_ballots(election, seed)
    translate(
        election,
        locales["es"],
        title="Webinarios 2018",
        slug="webinarios-2018",
        question="¿Qué cuatro webinarios debería organizar la red en 2018?",
        description="<p>Elige hasta cuatro temas. Ganan los cuatro más elegidos.</p>",
        options=[spanish for _en, spanish, _weight in WEBINARS_2018],
    )
    return election


def cast_2018_ballots(election, seed):
    keys = [option.key for option in election.option_list]
    weights = [weight for _en, _es, weight in WEBINARS_2018]
    attempt = 0
    while True:  # deterministic: the first seed variant that elects the four
        rng = random.Random(f"{seed}:{attempt}")
        ballots = []
        for _voter in range(VOTED_2018):
            chosen = [
                key for key, w in zip(keys, weights, strict=True) if rng.random() < w
            ][:4]
            ballots.append(chosen or [keys[0]])
        result = count(APPROVAL, map(frozenset, ballots), keys, 4, seed)
        if set(result.winners) == set(keys[:4]) and not result.ties:
            break
        attempt += 1
    key = election.translation_key
    voted_at = aware(2018, 1, 20)
    voters = [
        Voter.objects.create(
            election_key=key,
            email=f"voter{number:02d}@example.org",
            language="es" if number % 3 == 0 else "en",
            invited_at=aware(2018, 1, 15),
            invitations_sent=1,
            voted_at=voted_at if number <= VOTED_2018 else None,
        )
        for number in range(1, ELECTORATE_2018 + 1)
    ]
    for voter, choices in zip(voters, ballots, strict=False):
        secrecy.store_ballot(voter, choices)
    # In a transaction of its own, as after a real cast: the demo is loaded
    # in one transaction, which also wrote the voters.
    secrecy.shuffle_after_commit(key)


def ensure_webinars_2019(index, locales):
    election = ElectionPage.objects.filter(
        locale=locales["en"], slug="webinars-2019"
    ).first()
    if election is None:
        # Open now: the dates are set the first time the demo is loaded.
        now = timezone.now().replace(minute=0, second=0, microsecond=0)
        election = ElectionPage(
            title="Webinars 2019",
            slug="webinars-2019",
            question="Which three webinars should we run next year?",
            description="<p>Choose up to three topics. Seats are filled by "
            "sequential Phragmén, so that a large group of voters cannot take "
            "every seat.</p>",
            winners=3,
            ballot_type="choose",
            max_choices=3,
            counting_rule="phragmen",
            electorate="members",
            results_visibility="live",
            voting_opens_at=now - datetime.timedelta(days=2),
            voting_closes_at=now + datetime.timedelta(days=28),
        )
        for order, (title, _es) in enumerate(WEBINARS_2019):
            election.options.add(ElectionOption(title=title, sort_order=order))
        index.add_child(instance=election)
        election.save_revision().publish()
    translate(
        election,
        locales["es"],
        title="Webinarios 2019",
        slug="webinarios-2019",
        question="¿Qué tres webinarios organizamos el año que viene?",
        description="<p>Elige hasta tres temas.</p>",
        options=[spanish for _en, spanish in WEBINARS_2019],
    )
    return election


def translate(page, locale, options=None, **fields):
    """The demo's translation of an election, its options' titles included."""

    def translate_options(translation):
        for option, title in zip(translation.options.all(), options, strict=True):
            option.title = title
            option.save()

    return translate_page(
        page, locale, prepare=translate_options if options else None, **fields
    )
