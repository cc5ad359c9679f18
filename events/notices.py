"""The emails of events, each through the outbox once (its key), in the
person's language, with times in their own zone when known (else the
event's).

- guests: the link that confirms their registration;
- registered: the confirmation with the join link and the `.ics` attached;
- waiting list: that they wait, then that a place is theirs (moved up);
- cancelled: that their registration is cancelled;
- everyone registered or waiting: a change of time, a postponement or a
  cancellation of the event (events.signals);
- reminders a week, a day and an hour before (events.reminders);
- afterwards, registered people who did not attend: the recording.
"""

from django.conf import settings
from django.utils import translation

from website import outbox

from . import calendar, times
from .models import EventPage


def event_in(event, language):
    """The live page of `event` in `language`, else `event` itself."""
    translated = (
        EventPage.objects.live()
        .filter(translation_key=event.translation_key, locale__language_code=language)
        .first()
    )
    return translated or event


def _route_url(page, name, **kwargs):
    return (
        page.get_full_url().rstrip("/")
        + "/"
        + page.reverse_subpage(name, kwargs=kwargs)
    )


def context_for(event, registration):
    """What every event email may say, in the registrant's language."""
    language = registration.language or settings.LANGUAGE_CODE
    page = event_in(event, language)
    zone_name = registration.time_zone or event.time_zone
    with translation.override(language):
        when = times.when(event.starts_at, zone_name) if event.starts_at else ""
        event_when = (
            times.when(event.starts_at, event.time_zone) if event.starts_at else ""
        )
    return {
        "event": page,
        "registration": registration,
        "name": registration.name,
        "when": when,
        "event_when": event_when if event_when != when else "",
        "event_url": page.get_full_url(),
        "cancel_url": _route_url(page, "cancel", token=registration.token),
        "confirm_url": _route_url(page, "confirm", token=registration.token),
        "ics_url": _route_url(page, "ics"),
        "join_url": event.join_url,
        "platform": event.platform,
    }


def _send(name, event, registration, key, *, attach_ics=False, extra=None):
    context = {**context_for(event, registration), **(extra or {})}
    attachments = ()
    if attach_ics and event.starts_at:
        attachments = [
            (
                "event.ics",
                calendar.event_calendar(
                    context["event"], private=True, url=context["event_url"]
                ).decode(),
                "text/calendar",
            )
        ]
    return outbox.send(
        f"events/email/{name}",
        to=registration.email,
        context=context,
        key=key,
        language=registration.language or settings.LANGUAGE_CODE,
        secrets=[registration.token],
        attachments=attachments,
    )


def confirm_guest(event, registration):
    _send(
        "confirm",
        event,
        registration,
        f"event-confirm:{registration.pk}:{registration.token}",
    )


def registration_changed(event, registration):
    """Registered (with the join link and .ics) or waiting."""
    if registration.status == registration.Status.REGISTERED:
        _send(
            "registered",
            event,
            registration,
            f"event-registered:{registration.pk}:{registration.token}",
            attach_ics=True,
        )
    else:
        _send(
            "waiting",
            event,
            registration,
            f"event-waiting:{registration.pk}:{registration.token}",
        )


def moved_up(event, registration):
    _send(
        "moved_up",
        event,
        registration,
        f"event-moved-up:{registration.pk}:{registration.token}",
        attach_ics=True,
    )


def registration_cancelled(event, registration):
    _send(
        "cancelled",
        event,
        registration,
        f"event-cancelled:{registration.pk}:{registration.token}",
    )


def schedule_changed(event, registration, change):
    """`change`: "time", "postponed", "cancelled" or "confirmed"."""
    stamp = event.starts_at.isoformat() if event.starts_at else "none"
    _send(
        "changed",
        event,
        registration,
        f"event-changed:{registration.pk}:{event.schedule_status}:{stamp}",
        attach_ics=change in ("time", "confirmed")
        and registration.status == registration.Status.REGISTERED,
        extra={"change": change},
    )


def reminder(event, registration, kind, label):
    _send(
        "reminder",
        event,
        registration,
        f"event-reminder:{registration.pk}:{kind}:{event.starts_at.isoformat()}",
        extra={"kind": kind, "in_how_long": label},
    )


def recording(event, registration):
    _send("recording", event, registration, f"event-recording:{registration.pk}")
