"""Applying to a round: the form, its bad input (nothing stored), one
application per person whatever the spelling, edit and withdraw through the
signed link, and the window."""

import datetime

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from program.factories import (
    ApplicationFactory,
    InterestFactory,
    ProgramPageFactory,
    RoundPageFactory,
)
from program.models import Application, normalise_email
from tests.concurrency import at_once
from tests.website.mail_backends import delivered
from website.models import OutboxMessage

pytestmark = pytest.mark.django_db


@pytest.fixture
def apply_url(round_page):
    return round_page.url + "apply/"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    from django.core.cache import cache

    cache.clear()


def valid_data(**overrides):
    interest = InterestFactory(name="cataloguing")
    data = {
        "action": "save",
        "name": "Ana Pérez",
        "email": "Ana.Perez@Example.org",
        "country": "ES",
        "languages": ["es", "en"],
        "time_zone": "Europe/Madrid",
        "sector": "public",
        "career_stage": "mid",
        "interests": [interest.pk],
        "goals": "Learn about outreach.",
        "keep_in_touch": ["email", "video"],
        "earlier_rounds": "0",
        "language": "es",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_round_page_links_to_the_form_while_applications_are_open(
    client, round_page, apply_url
):
    response = client.get(round_page.url)
    assert response.status_code == 200
    assert apply_url in response.text
    form = client.get(apply_url)
    assert form.status_code == 200
    assert '<label for="id_name">' in form.text
    assert "<legend>About you</legend>" in form.text


def test_application_is_stored_and_confirmation_email_is_in_the_applicants_language(
    client, round_page, apply_url, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(apply_url, valid_data(name="Ana O'Neil"))
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.round_id == round_page.pk
    assert application.email_key == "ana.perez@example.org"
    assert application.status == Application.Status.UNCONFIRMED
    assert application.languages == ["es", "en"]
    message = OutboxMessage.objects.get()
    assert message.to == "Ana.Perez@Example.org"
    assert message.language == "es"
    assert "Confirma" in message.subject or "confirm" in message.subject.lower()
    assert f"/application/{application.pk}/" in message.body_text
    assert "Ana O'Neil" in message.body_text  # plain text is not HTML-escaped
    assert "Ana O&#x27;Neil" in message.body_html
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"name": ""}, "name", "Tell us your name."),
        ({"email": ""}, "email", "Give an email address."),
        ({"email": "not-an-address"}, "email", "Enter an email address"),
        ({"country": "XX"}, "country", "XX is not a country on our list."),
        ({"country": None}, "country", "Choose your country."),
        ({"languages": ["en", "xx"]}, "languages", "xx is not a language"),
        ({"languages": None}, "languages", "Choose at least one language."),
        ({"time_zone": "Mars/Olympus"}, "time_zone", "is not a time zone name"),
        ({"sector": "zoo"}, "sector", "Select a valid choice"),
        ({"earlier_rounds": "-1"}, "earlier_rounds", "greater than or equal to 0"),
        # An id no column can hold: SQLite raised OverflowError (a 500).
        ({"interests": [10**30]}, "interests", "Select a valid choice"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_stored(
    client, apply_url, overrides, field, message
):
    response = client.post(apply_url, valid_data(**overrides))
    assert response.status_code == 400
    assert message in response.text
    assert 'class="error-summary"' in response.text
    assert f'href="#id_{field}' in response.text
    assert not Application.objects.exists()
    assert not OutboxMessage.objects.exists()


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("ana@example.org", "ANA@Example.ORG"),
        ("ana.perez@gmail.com", "AnaPerez@gmail.com"),
        ("ana.perez@gmail.com", "a.n.a.perez+mentoring@googlemail.com"),
    ],
)
def test_one_application_per_person_whatever_the_spelling(
    client, apply_url, first, second
):
    assert client.post(apply_url, valid_data(email=first)).status_code == 302
    response = client.post(apply_url, valid_data(email=second))
    assert response.status_code == 400
    assert "You have already applied to this round" in response.text
    assert "follow the link in the confirmation email" in response.text
    assert Application.objects.count() == 1
    assert OutboxMessage.objects.count() == 1


def test_dots_count_outside_gmail():
    assert normalise_email("A.B+x@Example.org") == "a.b+x@example.org"
    assert normalise_email("A.B+x@GMail.com") == "ab@gmail.com"


def test_the_database_refuses_a_second_application_of_the_same_person(round_page):
    ApplicationFactory(round=round_page, email="Ana.Perez@gmail.com")
    with pytest.raises(IntegrityError), transaction.atomic():
        ApplicationFactory(round=round_page, email="anaperez+x@gmail.com")


def test_every_language_version_of_a_round_shares_its_applications(
    client, round_page, locales
):
    spanish = round_page.copy_for_translation(locales["es"], copy_parents=True)
    spanish.save_revision().publish()
    spanish.refresh_from_db()
    assert spanish.anchor.pk == round_page.pk
    response = client.post(spanish.url + "apply/", valid_data())
    assert response.status_code == 302
    assert Application.objects.get().round_id == round_page.pk
    again = client.post(
        spanish.url + "apply/", valid_data(email="ana.perez@example.org")
    )
    assert again.status_code == 400


def test_after_the_window_nothing_is_stored(client, round_page, apply_url):
    round_page.applications_close_at = timezone.now() - datetime.timedelta(hours=1)
    round_page.save_revision().publish()
    assert "Applications are closed" in client.get(apply_url).text
    response = client.post(apply_url, valid_data())
    assert response.status_code == 403
    assert "Applications are closed" in response.text
    assert not Application.objects.exists()


def edit_link(application_pk):
    message = OutboxMessage.objects.get(key__startswith="program-application:")
    body = delivered(message).body
    start = body.index("http")
    url = body[start:].split()[0]
    assert f"/application/{application_pk}/" in url
    return url.split("localhost", 1)[-1]


def test_the_link_in_the_email_confirms_edits_and_withdraws(client, apply_url):
    client.post(apply_url, valid_data())
    application = Application.objects.get()
    url = edit_link(application.pk)
    page = client.get(url)
    assert page.status_code == 200
    assert "Confirm my application" in page.text

    assert client.post(url, {"action": "confirm"}).status_code == 302
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED

    response = client.post(url, valid_data(name="Ana P. Pérez", email=None))
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.name == "Ana P. Pérez"
    assert application.email == "Ana.Perez@Example.org"  # the address stays

    client.post(url, {"action": "withdraw"})
    application.refresh_from_db()
    assert application.status == Application.Status.WITHDRAWN


def test_a_forged_or_someone_elses_link_is_refused(client, round_page, apply_url):
    client.post(apply_url, valid_data())
    other = ApplicationFactory(round=round_page)
    other_token = other.new_edit_token()
    other.save()
    mine = Application.objects.get(email_key="ana.perez@example.org")
    base = round_page.url + "application/"
    for url in (
        f"{base}{mine.pk}/forged-token/",
        f"{base}{mine.pk}/{other_token}/",  # someone else's token
        f"{base}999999/{other_token}/",
    ):
        response = client.post(url, {"action": "withdraw"})
        assert response.status_code == 404
        assert "This link does not work" in response.text
    mine.refresh_from_db()
    other.refresh_from_db()
    assert mine.status == Application.Status.UNCONFIRMED
    assert other.status == Application.Status.SUBMITTED


def test_edits_after_the_window_are_refused(client, round_page, apply_url):
    client.post(apply_url, valid_data())
    application = Application.objects.get()
    url = edit_link(application.pk)
    round_page.applications_close_at = timezone.now() - datetime.timedelta(hours=1)
    round_page.save_revision().publish()
    response = client.post(url, {"action": "withdraw"})
    assert response.status_code == 403
    application.refresh_from_db()
    assert application.status == Application.Status.UNCONFIRMED


def test_a_verified_member_applies_with_their_own_address(
    client, round_page, apply_url
):
    from website.factories import UserFactory

    user = UserFactory(email="member@example.org")  # verified address
    client.force_login(user)
    response = client.post(apply_url, valid_data(email="someone-else@example.org"))
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.email == "member@example.org"
    assert application.user == user
    assert application.status == Application.Status.SUBMITTED
    # Applying again leads to their application.
    again = client.get(apply_url)
    assert again.status_code == 302
    assert again["Location"].endswith("my-application/")
    assert client.get(again["Location"]).status_code == 200


def test_applications_are_rate_limited_per_address(client, apply_url, settings):
    settings.PROGRAM_APPLY_RATE_LIMIT = 2
    for _ in range(2):
        client.post(apply_url, valid_data(name=""))
    response = client.post(apply_url, valid_data())
    assert response.status_code == 429
    assert not Application.objects.exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_same_person_applying_twice_at_once_is_stored_once(home):
    from django.test import Client

    program = ProgramPageFactory(parent=home)
    round_page = RoundPageFactory(parent=program, number=3)
    url = round_page.url + "apply/"
    data = valid_data()

    def post(email):
        return lambda: Client().post(url, {**data, "email": email}).status_code

    statuses = at_once(
        *[
            post(email)
            for email in (
                "ana@gmail.com",
                "a.na@gmail.com",
                "ANA+x@gmail.com",
                "ana@gmail.com",
            )
        ]
    )
    assert sorted(statuses) == [302, 400, 400, 400]
    assert Application.objects.count() == 1
    assert OutboxMessage.objects.count() == 1
