"""The demo's mentoring program reads in Spanish on the Spanish site: the
program's introduction, its rounds and the strings of their pages."""

import re

import pytest
from django.core.management import call_command

from program.models import ProgramPage

# What the program and round pages say in English, template and content.
ENGLISH = [
    "Apply while a round is open",
    "Apply to be matched",
    "Status:",
    "Applications",
    "Partnerships",
    "Apply to this round",
    "Discussion topics",
    "rounds",
    " to ",
    "Participants",
    "Countries",
    "Pairs",
]


def main_text(html):
    main = re.search(r"<main.*?</main>", html, re.S).group(0)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))


@pytest.mark.django_db
def test_the_spanish_program_and_its_rounds_read_in_spanish(client):
    call_command("seed_demo", verbosity=0)
    program = main_text(client.get("/es/mentoria/").text)
    assert "Inscríbete mientras haya una ronda abierta." in program
    assert "Rondas en curso" in program
    pages = [program] + [
        main_text(client.get(f"/es/mentoria/ronda-{number}/").text)
        for number in (1, 2, 3, 4)
    ]
    for text in pages:
        assert [words for words in ENGLISH if words in text] == []
    assert "Inscríbete en esta ronda" in pages[4]


@pytest.mark.django_db
def test_an_old_demo_with_the_english_body_in_spanish_is_put_right(client):
    call_command("seed_demo", verbosity=0)
    english = ProgramPage.objects.get(locale__language_code="en")
    spanish = ProgramPage.objects.get(locale__language_code="es")
    spanish.body = english.body
    spanish.save_revision().publish()
    call_command("seed_demo", verbosity=0)
    assert "Inscríbete mientras" in client.get("/es/mentoria/").text
