"""Registering for an event (events/registration.py and its views): members
in one click, guests confirmed by email, the waiting list moving up, cancel
by link, the join link for registered people only and never cached."""

import pytest
from django.core.cache import cache

from events import registration
from events.factories import RegistrationFactory
from events.models import Registration
from website.models import OutboxMessage

pytestmark = pytest.mark.django_db

Status = Registration.Status


def emails_to(address):
    return list(OutboxMessage.objects.filter(to=address).order_by("pk"))


def test_a_member_registers_in_one_click_and_gets_the_join_link_and_the_ics(
    client, event, member
):
    client.force_login(member)
    url = event.url + "register/"
    form = client.get(url, headers={"X-Fragment": "1"})
    assert form.status_code == 200
    assert b"meet.example.org" not in form.content
    response = client.post(url, {"time_zone": "Europe/Madrid"})
    assert response.status_code == 200
    assert b"You are registered" in response.content
    assert b"https://meet.example.org/librarians-webinar" in response.content
    mine = Registration.objects.get()
    assert (mine.status, mine.email, mine.name) == (
        Status.REGISTERED,
        "amaka@example.org",
        "Amaka Obi",
    )
    assert (mine.time_zone, mine.country.code) == ("Europe/Madrid", "NG")
    [email] = emails_to("amaka@example.org")
    assert email.template == "events/email/registered"
    assert "https://meet.example.org/librarians-webinar" in email.body_text
    # Time in the registrant's zone (Madrid), and in the event's.
    assert "UTC+1, Madrid" in email.body_text
    assert "UTC−3, Buenos Aires" in email.body_text
    [attachment] = email.attachments
    assert attachment["filename"] == "event.ics"
    assert attachment["mimetype"] == "text/calendar"
    assert "BEGIN:VEVENT" in attachment["content"]
    # The cancel link's token is hidden from the admin's view of the outbox.
    assert mine.token not in email.body_text


def test_registering_twice_changes_nothing(client, event, member):
    client.force_login(member)
    client.post(event.url + "register/")
    client.post(event.url + "register/")
    assert Registration.objects.count() == 1
    assert len(emails_to(member.email)) == 1


def test_a_guest_is_registered_only_after_confirming_by_email(client, event):
    response = client.post(
        event.url + "register/",
        {"name": "  Rosa   Díaz ", "email": "Rosa@Example.org", "country": "PE"},
    )
    assert response.status_code == 200
    assert b"we have emailed" in response.content
    guest = Registration.objects.get()
    assert (guest.status, guest.name, guest.email) == (
        Status.PENDING,
        "Rosa Díaz",
        "rosa@example.org",
    )
    [email] = emails_to("rosa@example.org")
    assert email.template == "events/email/confirm"
    assert "meet.example.org" not in email.body_text
    confirm_url = event.url + f"confirm/{guest.token}/"
    # Following the link shows a button; only pressing it confirms (mail
    # scanners follow links).
    page = client.get(confirm_url)
    assert page.status_code == 200
    assert "no-cache" in page["Cache-Control"]
    guest.refresh_from_db()
    assert guest.status == Status.PENDING
    done = client.post(confirm_url)
    assert b"meet.example.org" in done.content
    guest.refresh_from_db()
    assert guest.status == Status.REGISTERED
    assert [m.template for m in emails_to("rosa@example.org")] == [
        "events/email/confirm",
        "events/email/registered",
    ]
    # Confirming again changes nothing.
    client.post(confirm_url)
    assert len(emails_to("rosa@example.org")) == 2


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"name": "", "email": "a@example.org"}, "name"),
        ({"name": "   ", "email": "a@example.org"}, "name"),
        ({"name": "Ann", "email": "not an address"}, "email"),
        ({"name": "Ann", "email": "a@example.org", "country": "XX"}, "country"),
        ({"name": "A" * 500, "email": "a@example.org"}, "name"),
    ],
)
def test_bad_guest_input_is_refused_with_a_message_and_nothing_saved(
    client, event, data, field
):
    response = client.post(event.url + "register/", data)
    assert response.status_code == 400
    assert b'role="alert"' in response.content
    assert not Registration.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_an_unknown_token_is_a_404_with_a_message(client, event):
    for route in ("confirm", "cancel"):
        response = client.post(event.url + f"{route}/nonsense/")
        assert response.status_code == 404
        assert b"not valid" in response.content


def test_when_full_people_wait_and_a_cancellation_moves_the_first_up(event):
    event.capacity = 2
    event.save_revision().publish()
    first, second = (RegistrationFactory(event=event) for _ in range(2))
    waiting = [
        registration.register_guest(
            event, name=f"W{n}", email=f"w{n}@example.org", language="es"
        )
        for n in range(2)
    ]
    for guest in waiting:
        registration.confirm(event, guest.token)
    assert list(Registration.objects.waiting().values_list("email", flat=True)) == [
        "w0@example.org",
        "w1@example.org",
    ]
    registration.cancel(event, first)
    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses[first.email] == Status.CANCELLED
    assert statuses["w0@example.org"] == Status.REGISTERED
    assert statuses["w1@example.org"] == Status.WAITING
    moved = emails_to("w0@example.org")[-1]
    assert moved.template == "events/email/moved_up"
    assert moved.language == "es"
    assert moved.attachments and "meet.example.org" in moved.body_text
    # Cancelling from the waiting list frees no place.
    registration.cancel(event, Registration.objects.get(email="w1@example.org"))
    assert Registration.objects.registered().count() == 2
    # Cancelling twice changes nothing.
    registration.cancel(event, first)
    assert Registration.objects.registered().count() == 2
    assert second.pk


def test_a_larger_capacity_moves_people_up_when_published(event):
    event.capacity = 1
    event.save_revision().publish()
    RegistrationFactory(event=event)
    RegistrationFactory(event=event, status=Status.WAITING, email="next@example.org")
    event.capacity = 2
    event.save_revision().publish()
    assert (
        Registration.objects.get(email="next@example.org").status == Status.REGISTERED
    )


def test_cancel_by_link_asks_first_then_frees_the_place(client, event):
    guest = RegistrationFactory(event=event)
    url = event.url + f"cancel/{guest.token}/"
    assert client.get(url).status_code == 200
    guest.refresh_from_db()
    assert guest.status == Status.REGISTERED
    response = client.post(url)
    assert b"Your registration is cancelled" in response.content
    guest.refresh_from_db()
    assert guest.status == Status.CANCELLED


def test_a_past_or_cancelled_event_takes_no_registrations(client, event, member):
    event.schedule_status = "cancelled"
    event.save_revision().publish()
    client.force_login(member)
    response = client.post(event.url + "register/")
    assert response.status_code == 403
    assert not Registration.objects.exists()


def test_the_join_link_is_never_in_the_cached_page(client, event, member, settings):
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    RegistrationFactory(event=event, email=member.email)
    page = client.get(event.url)
    assert page["X-Cache"] == "miss"
    assert b"meet.example.org" not in page.content
    assert b"csrfmiddlewaretoken" not in page.content
    client.force_login(member)
    fragment = client.get(event.url + "register/", headers={"X-Fragment": "1"})
    assert b"meet.example.org" in fragment.content
    assert "no-cache" in fragment["Cache-Control"]
    assert (
        "private" in fragment["Cache-Control"]
        or "no-store" in fragment["Cache-Control"]
    )
    cache.clear()


def test_guests_are_rate_limited(client, event, settings):
    settings.EVENTS_REGISTRATION_RATE_LIMIT = (2, 3600)
    for n in range(2):
        client.post(
            event.url + "register/", {"name": "A", "email": f"a{n}@example.org"}
        )
    response = client.post(
        event.url + "register/", {"name": "A", "email": "z@example.org"}
    )
    assert response.status_code == 429
    assert Registration.objects.count() == 2
