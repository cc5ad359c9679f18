"""The demo thread under the round 3 discussion topic, in English on the
English page and in Spanish on the Spanish one: invented readers (some of
them demo members, see `website/demo.py`), replies three levels deep, one
comment held for moderation, a reader whose match email never arrived and
the organiser's answer, a pingback and a reblog with commentary from other
blogs (in date order among the comments), and a few likes.

Called by `blog/demo.py`. Safe to run again: a page that already has
comments is left as it is (but gets the demo linkbacks it lacks), and likes
are one per member and page.
"""

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model

from .models import BlogComment, PostLike

ORGANISER = {"name": "María Ortega", "email": "maria.ortega@example.org"}

# Each entry: (key, parent key or None, author, date and time, text, public).
# An author is a demo member's username, or a (name, email) pair for a
# reader without an account.
THREADS = {
    "en": [
        (
            "kofi",
            None,
            "kofi",
            (5, 10, 12),
            "I work at the Kumasi Polytechnic Library, mostly on the enquiry "
            "desk and teaching first-year students to search the catalogue. "
            "A normal day starts with a queue of students who need a "
            "textbook that we have two copies of.",
            True,
        ),
        (
            "mei",
            "kofi",
            "mei",
            (5, 14, 40),
            "Two copies for a whole year group! We had the same problem at "
            "Harbourside until we started a short-loan shelf. Happy to tell "
            "you how we run it when we talk on Friday.",
            True,
        ),
        (
            "kofi-again",
            "mei",
            "kofi",
            (6, 8, 5),
            "Yes please, Mei. Friday at 9 my time works. I will bring our "
            "loan statistics.",
            True,
        ),
        (
            "grace",
            None,
            ("Grace Mwangi", "grace.mwangi@example.org"),
            (6, 19, 30),
            "I signed up for round 3 in February but I never received my "
            "match email. Is there anything I should do?",
            True,
        ),
        (
            "organiser",
            "grace",
            ORGANISER,
            (7, 9, 15),
            "Sorry about that, Grace. The matches went out in two batches, "
            "and yours was in the second one, sent this morning. If it is "
            "not in your inbox, please look in the spam folder, or write to "
            "mentoring@example.org and I will send it again.",
            True,
        ),
        (
            "grace-thanks",
            "organiser",
            ("Grace Mwangi", "grace.mwangi@example.org"),
            (7, 11, 2),
            "Found it, in the spam folder after all. Thank you, María!",
            True,
        ),
        (
            "tunde",
            None,
            "tunde",
            (8, 16, 48),
            "My goal for this round: learn how other medical libraries "
            "handle journal subscriptions on a small budget. My partner and "
            "I agreed to talk every second Tuesday.",
            True,
        ),
        (
            "held",
            None,
            ("Pat Quinn", "pat.quinn@example.org"),
            (9, 12, 0),
            "Great prompts! We wrote about mentoring in small libraries at "
            "https://smalllibraries.example.org/mentoring and "
            "https://smalllibraries.example.org/peer-support",
            False,  # two links: waits for a moderator
        ),
    ],
    "es": [
        (
            "lucia",
            None,
            "lucia",
            (5, 18, 20),
            "Trabajo en la Biblioteca Pública de Alcaraz, una biblioteca "
            "pequeña con mucha actividad infantil. Un día normal: préstamo "
            "por la mañana y cuentacuentos por la tarde.",
            True,
        ),
        (
            "sofia",
            "lucia",
            "sofia",
            (6, 9, 45),
            "¡Hola, Lucía! En la Biblioteca Universitaria del Sur no tenemos "
            "cuentacuentos, pero me encantaría saber cómo los organizáis.",
            True,
        ),
        (
            "lucia-again",
            "sofia",
            "lucia",
            (6, 20, 10),
            "Claro, Sofía. Te mando el calendario de este trimestre antes de "
            "nuestra llamada del jueves.",
            True,
        ),
        (
            "javier",
            None,
            ("Javier Morales", "javier.morales@example.org"),
            (8, 13, 25),
            "Mi objetivo para esta ronda es aprender a medir el uso de los "
            "recursos electrónicos. ¿Alguien tiene experiencia con eso?",
            True,
        ),
    ],
}

# Linkbacks from other blogs: (kind, date and time, source URL, title,
# site name, excerpt around the link, the reblogger's commentary).
LINKBACKS = {
    "en": [
        (
            BlogComment.Kind.PINGBACK,
            (6, 10, 20),
            "https://kumasi-librarians.example.org/2018/03/06/round-3/",
            "Round 3: getting to know you",
            "Kumasi Librarians' Notes",
            "Our partners come from four countries this time. The third round "
            "of the peer-mentoring program kicked off with getting-to-know-you "
            "questions, and our first call is on Friday.",
            "",
        ),
        (
            BlogComment.Kind.REBLOG,
            (7, 17, 40),
            "https://diario-documentalista.example.org/2018/03/07/conociendonos/",
            "Getting to know you",
            "Diario de una documentalista",
            "Discussion topic: Getting to know you. The third round of our "
            "peer-mentoring program has begun.",
            "Very useful questions for a first conversation with a new "
            "partner. We will use them in our own mentoring circle in Madrid.",
        ),
    ],
    "es": [],
}

LIKES = {
    "en": ["kofi", "mei", "tunde", "member"],
    "es": ["lucia", "sofia"],
}


def ensure_thread(page, language):
    """The demo comments of `page` (one language of the topic), unless it
    has comments already; returns how many were made."""
    if BlogComment.objects.for_page(page).exists():
        return ensure_linkbacks(page, language)
    users = members()
    made = {}
    linkbacks = sorted(LINKBACKS[language], key=lambda entry: entry[1])
    for key, parent, author, (day, hour, minute), text, public in THREADS[language]:
        # The linkbacks that came before this comment, so that the thread
        # (in creation order) is in date order.
        while linkbacks and linkbacks[0][1] < (day, hour, minute):
            make_linkback(page, language, *linkbacks.pop(0))
        comment = BlogComment(
            content_object=page,
            site_id=settings.SITE_ID,
            comment=text,
            language=language,
            is_public=public,
            # The demo's one held comment has two links (moderation.judge).
            hold_reason="" if public else BlogComment.HoldReason.LINKS,
            submit_date=datetime.datetime(
                2018, 3, day, hour, minute, tzinfo=datetime.UTC
            ),
            parent_id=made[parent].pk if parent else 0,
        )
        if isinstance(author, str):
            user = users[author]
            comment.user = user
            comment.user_name = user.get_username()
            comment.user_email = user.email
        else:
            name, email = (
                (author["name"], author["email"])
                if isinstance(author, dict)
                else author
            )
            comment.user_name, comment.user_email = name, email
        comment.save()
        made[key] = comment
    for linkback in linkbacks:
        make_linkback(page, language, *linkback)
    return len(made) + len(LINKBACKS[language])


def ensure_linkbacks(page, language):
    """The demo linkbacks a page with comments lacks (from an older demo)."""
    existing = set(
        BlogComment.objects.for_page(page).values_list("source_url", flat=True)
    )
    missing = [entry for entry in LINKBACKS[language] if entry[2] not in existing]
    for linkback in missing:
        make_linkback(page, language, *linkback)
    return len(missing)


def make_linkback(page, language, kind, when, url, title, site, excerpt, text):
    day, hour, minute = when
    BlogComment(
        content_object=page,
        site_id=settings.SITE_ID,
        kind=kind,
        language=language,
        source_url=url,
        source_title=title,
        source_site_name=site,
        source_excerpt=excerpt,
        comment=text or excerpt,
        user_name=site[:50],
        user_url=f"{urlsplit(url).scheme}://{urlsplit(url).netloc}/",
        is_public=True,
        submit_date=datetime.datetime(2018, 3, day, hour, minute, tzinfo=datetime.UTC),
    ).save()


def ensure_likes(page, language):
    users = members()
    for username in LIKES[language]:
        PostLike.objects.get_or_create(page_id=page.pk, user=users[username])


def members():
    usernames = {
        author
        for thread in THREADS.values()
        for _key, _parent, author, *_rest in thread
        if isinstance(author, str)
    }
    usernames.update(name for names in LIKES.values() for name in names)
    users = get_user_model().objects.filter(username__in=usernames)
    return {user.get_username(): user for user in users}


def build(topic, translations):
    """The thread and likes of the topic (`translations`: {language: page}
    of the topic's other languages)."""
    made = ensure_thread(topic, "en")
    ensure_likes(topic, "en")
    for language, page in translations.items():
        made += ensure_thread(page, language)
        ensure_likes(page, language)
    return made
