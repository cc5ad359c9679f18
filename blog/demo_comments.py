"""The demo thread under the round 3 discussion topic, in English on the
English page and in Spanish on the Spanish one: invented readers (some of
them demo members, see `website/demo.py`), replies three levels deep, one
comment held for moderation, a reader whose match email never arrived and
the organiser's answer, and a few likes.

Called by `blog/demo.py`. Safe to run again: a page that already has
comments is left as it is, and likes are one per member and page.
"""

import datetime

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

LIKES = {
    "en": ["kofi", "mei", "tunde", "member"],
    "es": ["lucia", "sofia"],
}


def ensure_thread(page, language):
    """The demo comments of `page` (one language of the topic), unless it
    has comments already; returns how many were made."""
    if BlogComment.objects.for_page(page).exists():
        return 0
    users = members()
    made = {}
    for key, parent, author, (day, hour, minute), text, public in THREADS[language]:
        comment = BlogComment(
            content_object=page,
            site_id=settings.SITE_ID,
            comment=text,
            language=language,
            is_public=public,
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
    return len(made)


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
