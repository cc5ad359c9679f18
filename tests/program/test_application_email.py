"""The application's email asks for what the applicant must do, and the
link it speaks of comes right after the sentence."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from program.factories import RoundPageFactory
from website.factories import UserFactory

from .test_applications import valid_data

pytestmark = pytest.mark.django_db

CLOSE = datetime.datetime(2031, 3, 31, 23, 30, tzinfo=datetime.UTC)


@pytest.fixture
def round_page(program):
    return RoundPageFactory(
        parent=program,
        title="Round 4",
        applications_open_at=timezone.now() - datetime.timedelta(days=1),
        applications_close_at=CLOSE,
        starts_on=datetime.date(2031, 5, 1),
        ends_on=datetime.date(2031, 8, 1),
    )


def lines_of(message):
    return [line for line in message.body.splitlines() if line.strip()]


def test_an_applicant_who_must_confirm_is_given_the_link_to_confirm_with(
    client, round_page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            round_page.url + "apply/",
            valid_data(language="en", time_zone="America/Mexico_City"),
        )
    (message,) = mail.outbox
    lines = lines_of(message)
    ask = lines.index(
        "Thank you for applying to Round 4. To confirm your application, open "
        "this link and press “Confirm my application”:"
    )
    assert "/application/" in lines[ask + 1]
    assert lines[ask + 2] == (
        "Until applications close on March 31, 2031, the same link lets you "
        "see, change or withdraw your application."
    )


def test_a_member_whose_application_is_in_is_given_the_link_to_change_it(
    client, round_page, django_capture_on_commit_callbacks
):
    client.force_login(UserFactory(email="ana@example.org"))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            round_page.url + "apply/",
            valid_data(language="en", time_zone="America/Mexico_City"),
        )
    (message,) = mail.outbox
    lines = lines_of(message)
    assert "Thank you for applying to Round 4: your application is in." in lines
    ask = lines.index(
        "To see, change or withdraw your application until applications close "
        "on March 31, 2031, open this link:"
    )
    assert "/application/" in lines[ask + 1]


def test_the_closing_day_is_the_applicants_own(
    client, round_page, django_capture_on_commit_callbacks
):
    # 23:30 UTC on 31 March is already 1 April in Madrid.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            round_page.url + "apply/",
            valid_data(language="es", time_zone="Europe/Madrid"),
        )
    assert "el 1 de abril de 2031" in mail.outbox[0].body
