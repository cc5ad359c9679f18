"""Reminders a week, a day and an hour before, each once, in the
registrant's language and zone; changes of time and cancellations emailed
to everyone registered; the recording to those who did not attend."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import translation

from events import reminders, times
from events.factories import RegistrationFactory
from events.models import Registration
from website.models import OutboxMessage

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)


def templates_to(address):
    return [
        m.template.rpartition("/")[2]
        for m in OutboxMessage.objects.filter(to=address).order_by("pk")
    ]


@pytest.mark.parametrize(
    ("before", "expected"),
    [
        (8 * DAY, None),
        (7 * DAY, "week"),
        (2 * DAY, "week"),
        (DAY, "day"),
        (2 * HOUR, "day"),
        (HOUR, "hour"),
        (datetime.timedelta(minutes=1), "hour"),
        (datetime.timedelta(0), None),
        (-HOUR, None),
    ],
)
def test_the_reminder_due_depends_on_how_long_before(before, expected):
    start = datetime.datetime(2030, 1, 1, 12, tzinfo=datetime.UTC)
    due = reminders.due_kind(start, start - before)
    assert (due[0] if due else None) == expected


def test_each_reminder_goes_once_in_the_registrants_language_and_zone(event):
    spanish = RegistrationFactory(
        event=event, email="lucia@example.org", language="es", time_zone="Europe/Madrid"
    )
    RegistrationFactory(event=event, email="away@example.org", status="cancelled")
    start = event.starts_at
    for moment in (start - 7 * DAY, start - 6 * DAY, start - DAY, start - HOUR):
        for _ in range(2):  # the job runs again, or twice at once
            reminders.send_reminders(now=moment)
    assert templates_to("lucia@example.org") == ["reminder"] * 3
    assert templates_to("away@example.org") == []
    messages = OutboxMessage.objects.filter(to="lucia@example.org").order_by("pk")
    assert all(m.language == "es" for m in messages)
    last = messages.last()
    assert "Madrid" in last.body_text and "UTC+1" in last.body_text
    with translation.override("es"):
        assert times.when(start, "Europe/Madrid") in last.body_text  # "jueves…"
    assert spanish.token not in last.body_text


def test_someone_who_registers_late_gets_only_the_reminders_still_ahead(event):
    RegistrationFactory(event=event, email="late@example.org")
    reminders.send_reminders(now=event.starts_at - 3 * HOUR)
    reminders.send_reminders(now=event.starts_at - 30 * datetime.timedelta(minutes=1))
    messages = OutboxMessage.objects.filter(to="late@example.org").order_by("pk")
    assert [m.subject for m in messages] == [
        "Reminder: Open access tomorrow",
        "Reminder: Open access in an hour",
    ]


def test_the_command_runs_the_reminders(event):
    RegistrationFactory(event=event, email="soon@example.org")
    event.date = (event.starts_at + datetime.timedelta(days=-13)).date()
    event.save_revision().publish()
    call_command("send_event_reminders", verbosity=0)
    call_command("send_event_reminders", verbosity=0)
    assert templates_to("soon@example.org").count("reminder") == 1


def test_a_new_time_is_emailed_to_everyone_registered_or_waiting_once(event):
    event.capacity = 1
    RegistrationFactory(event=event, email="in@example.org", time_zone="Asia/Kolkata")
    RegistrationFactory(event=event, email="wait@example.org", status="waiting")
    RegistrationFactory(event=event, email="gone@example.org", status="cancelled")
    event.start_time = datetime.time(16, 30)
    revision = event.save_revision()
    revision.publish()
    revision.publish()  # published again unchanged: no second email
    assert templates_to("in@example.org") == ["changed"]
    assert templates_to("wait@example.org") == ["changed"]
    assert templates_to("gone@example.org") == []
    message = OutboxMessage.objects.get(to="in@example.org")
    assert message.subject == "New time: Open access"
    assert "UTC+5:30, Kolkata" in message.body_text  # 16:30 in BA is 01:00 there
    assert message.attachments  # the updated .ics
    assert not OutboxMessage.objects.get(to="wait@example.org").attachments
    # Reminders follow the new time.
    reminders.send_reminders(now=event.starts_at - HOUR)
    assert templates_to("in@example.org") == ["changed", "reminder"]


def test_a_cancellation_is_emailed_and_stops_reminders(event):
    RegistrationFactory(event=event, email="in@example.org")
    start = event.starts_at
    event.schedule_status = "cancelled"
    event.save_revision().publish()
    message = OutboxMessage.objects.get(to="in@example.org")
    assert message.subject == "Cancelled: Open access"
    reminders.send_reminders(now=start - HOUR)
    assert templates_to("in@example.org") == ["changed"]


def test_the_recording_goes_once_to_registered_people_who_did_not_attend(event):
    event.capacity = 3
    RegistrationFactory(event=event, email="came@example.org", attended=True)
    RegistrationFactory(event=event, email="missed@example.org", attended=False)
    RegistrationFactory(event=event, email="unknown@example.org")
    RegistrationFactory(event=event, email="waited@example.org", status="waiting")
    event.date = datetime.date(2021, 3, 1)
    event.recording_url = "https://video.example.org/open-access"
    event.save_revision().publish()
    reminders.send_recordings()
    assert templates_to("came@example.org") == ["changed"]
    assert templates_to("missed@example.org") == ["changed", "recording"]
    assert templates_to("unknown@example.org") == ["changed", "recording"]
    assert "recording" not in templates_to("waited@example.org")
    assert Registration.objects.count() == 4
