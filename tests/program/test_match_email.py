"""The match email tells each person about their partner in their own
language, as text a person writes: lists read as sentences, the time zone
as a place with its offset, interests in the reader's language."""

import pytest
from django.core import mail
from wagtail.models import Locale

from program.factories import (
    ApplicationFactory,
    InterestFactory,
    ProgramPageFactory,
    RoundPageFactory,
)
from program.release import release_matches
from program.storage import run_matching
from website.time_zones import time_zone_label

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(home, locales):
    round_page = RoundPageFactory(parent=ProgramPageFactory(parent=home))
    outreach = InterestFactory(name="outreach", locale=locales["en"])
    spanish_outreach = outreach.copy_for_translation(locales["es"])
    spanish_outreach.name = "difusión"
    spanish_outreach.save()
    ana = ApplicationFactory(
        round=round_page,
        name="Ana",
        email="ana@example.org",
        country="ES",
        languages=["es", "en"],
        time_zone="Europe/Madrid",
        keep_in_touch=["video", "email"],
        language="es",
    )
    bola = ApplicationFactory(
        round=round_page,
        name="Bola",
        email="bola@example.org",
        country="NG",
        languages=["fr", "en"],
        time_zone="Africa/Lagos",
        keep_in_touch=["email"],
        language="en",
    )
    bola.interests.add(outreach)
    ana.interests.add(outreach)
    run_matching(round_page)
    return round_page


def email_to(address):
    (message,) = [m for m in mail.outbox if address in m.to]
    return message


def released(round_page, capture):
    with capture(execute=True):
        release_matches(round_page)


def test_lists_read_as_a_sentence_in_the_plain_text_email(
    people, django_capture_on_commit_callbacks
):
    released(people, django_capture_on_commit_callbacks)
    to_bola = email_to("bola@example.org").body
    assert "Languages: English and Spanish\n" in to_bola
    assert "Likes to keep in touch by: Video calls and Email\n" in to_bola
    assert "['" not in to_bola
    html = email_to("bola@example.org").alternatives[0][0]
    assert "Languages: English and Spanish</li>" in html


def test_the_partner_is_described_in_the_readers_language(
    people, django_capture_on_commit_callbacks
):
    released(people, django_capture_on_commit_callbacks)
    to_ana = email_to("ana@example.org").body
    assert "Idiomas: Francés e Inglés\n" in to_ana
    assert "País: Nigeria\n" in to_ana
    assert "Intereses: difusión\n" in to_ana
    assert "Zona horaria: Nigeria (UTC+01:00)\n" in to_ana


def test_the_time_zone_is_a_place_with_its_offset_not_a_zone_name(
    people, django_capture_on_commit_callbacks
):
    released(people, django_capture_on_commit_callbacks)
    to_bola = email_to("bola@example.org").body
    assert f"Time zone: {time_zone_label('Europe/Madrid')}\n" in to_bola
    assert "Europe/Madrid" not in to_bola
    assert Locale.objects.filter(language_code="es").exists()


def test_peers_are_not_told_their_partners_role(
    people, django_capture_on_commit_callbacks
):
    released(people, django_capture_on_commit_callbacks)
    assert "Role:" not in email_to("bola@example.org").body
    assert "Rol:" not in email_to("ana@example.org").body
