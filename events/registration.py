"""Registering for an event, cancelling, and the waiting list.

Rules:
- a member is registered in one click; a guest gives a name and an email
  address and is registered once they follow the link emailed to them
  (until then the registration is pending and holds no place);
- places go in the order registrations are confirmed: while fewer than
  `capacity` people are registered the next one is registered, otherwise
  they join the waiting list (no capacity: no limit);
- when a registered person cancels (or the capacity grows), the first on
  the waiting list takes the place and is emailed the join link.

Every change of places happens inside one transaction holding a row lock on
the event's pages (every language: `select_for_update`), so under any
number of simultaneous registrations the count never passes the capacity
(tests/events/test_registration_concurrency.py, on PostgreSQL). Emails go
through the outbox in the same transaction, so a rollback sends nothing.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone

from . import notices
from .models import EventPage, Registration

Status = Registration.Status


class RegistrationClosed(Exception):
    """The event is over or cancelled."""


def lock_event(event):
    """Hold the event's pages (all its languages) until the transaction
    ends: every change of places for one event takes turns here."""
    list(
        EventPage.objects.select_for_update(of=("self",))
        .filter(translation_key=event.translation_key)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def places_left(event):
    if event.capacity is None:
        return None
    taken = Registration.objects.for_event(event).registered().count()
    return max(event.capacity - taken, 0)


def _take_place_or_wait(event, registration):
    """Registered if a place is left, else on the waiting list (inside the
    lock)."""
    left = places_left(event)
    registration.status = (
        Status.REGISTERED if left is None or left > 0 else Status.WAITING
    )
    registration.confirmed_at = timezone.now()
    registration.cancelled_at = None
    registration.save(update_fields=["status", "confirmed_at", "cancelled_at"])
    notices.registration_changed(event, registration)
    return registration


def register_member(event, user, *, language, time_zone="", country=""):
    """One click: registered or waiting at once. Registering again changes
    nothing (the existing registration is returned)."""
    email = user.email.strip().lower()
    profile = getattr(user, "profile", None)
    name = profile.name if profile is not None else user.get_username()
    return _register(
        event,
        email=email,
        defaults={
            "user": user,
            "name": name,
            "language": language,
            "time_zone": time_zone,
            "country": country
            or (profile.country.code if profile and profile.country else ""),
        },
        confirmed=True,
    )


def register_guest(event, *, name, email, language, time_zone="", country=""):
    """A pending registration and an email with the link that confirms it.
    An address already registered or waiting is left as it is."""
    return _register(
        event,
        email=email.strip().lower(),
        defaults={
            "name": name,
            "language": language,
            "time_zone": time_zone,
            "country": country,
        },
        confirmed=False,
    )


def _register(event, *, email, defaults, confirmed):
    if not event.accepts_registrations():
        raise RegistrationClosed()
    with transaction.atomic():
        lock_event(event)
        registration = (
            Registration.objects.select_for_update()
            .filter(event_key=event.translation_key, email=email)
            .first()
        )
        if registration is not None and registration.status in (
            Status.REGISTERED,
            Status.WAITING,
        ):
            return registration
        if registration is None:
            try:
                with transaction.atomic():
                    registration = Registration.objects.create(
                        event_key=event.translation_key, email=email, **defaults
                    )
            except IntegrityError:  # the same address at the same moment
                return Registration.objects.get(
                    event_key=event.translation_key, email=email
                )
        else:  # cancelled or still pending: start again with a new link
            for field, value in defaults.items():
                setattr(registration, field, value)
            registration.status = Status.PENDING
            registration.token = Registration._meta.get_field("token").default()
            registration.save()
        if confirmed:
            return _take_place_or_wait(event, registration)
        notices.confirm_guest(event, registration)
        return registration


def confirm(event, token):
    """A guest followed the link in their email: they take a place or wait.
    Confirming twice changes nothing. None for an unknown token."""
    with transaction.atomic():
        lock_event(event)
        registration = (
            Registration.objects.select_for_update()
            .filter(event_key=event.translation_key, token=token)
            .first()
        )
        if registration is None or registration.status != Status.PENDING:
            return registration
        if not event.accepts_registrations():
            raise RegistrationClosed()
        return _take_place_or_wait(event, registration)


def cancel(event, registration):
    """Give up a place (or a place on the waiting list); the first waiting
    takes a place that frees. Cancelling twice changes nothing."""
    with transaction.atomic():
        lock_event(event)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status == Status.CANCELLED:
            return registration
        had_place = registration.status == Status.REGISTERED
        registration.status = Status.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at"])
        notices.registration_cancelled(event, registration)
        if had_place:
            fill_places(event, locked=True)
        return registration


def fill_places(event, *, locked=False):
    """Move people up from the waiting list while places are free (after a
    cancellation, or when the capacity grows). Returns those moved up."""
    with transaction.atomic():
        if not locked:
            lock_event(event)
        left = places_left(event)
        waiting = Registration.objects.for_event(event).waiting().select_for_update()
        if left is not None:
            waiting = waiting[:left]
        moved = list(waiting)
        for registration in moved:
            registration.status = Status.REGISTERED
            registration.save(update_fields=["status"])
            notices.moved_up(event, registration)
        return moved
