"""Reminders a week, a day and an hour before an event, and the recording
afterwards, for everyone registered: `manage.py send_event_reminders`, run
every few minutes (deploy/systemd), catches up on whatever is due.

Each reminder is one outbox message per person, event time and kind (its
key), so however often the job runs, and if two run at once, each goes
once. A person who registers later than a reminder's moment gets only the
nearest one still ahead ("in an hour", not also "in a week"). A new time
makes new reminders.
"""

import datetime

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import notices
from .models import EventPage, Registration, ScheduleStatus

# Narrowest first: the one whose moment has come most recently applies.
KINDS = (
    ("hour", datetime.timedelta(hours=1), _("in an hour")),
    ("day", datetime.timedelta(days=1), _("tomorrow")),
    ("week", datetime.timedelta(days=7), _("in a week")),
)


def due_kind(starts_at, now):
    """The reminder whose moment has come for an event starting at
    `starts_at`, or None (too early, or it has started)."""
    if now >= starts_at:
        return None
    for kind, before, label in KINDS:
        if now >= starts_at - before:
            return kind, label
    return None


def one_page_per_event(pages):
    """The source page of each event among `pages` (lowest id)."""
    seen = {}
    for page in sorted(pages, key=lambda p: p.pk):
        seen.setdefault(page.translation_key, page)
    return list(seen.values())


def send_reminders(now=None):
    """Queue every reminder due at `now`; returns how many were new."""
    now = now or timezone.now()
    pages = EventPage.objects.live().filter(
        schedule_status=ScheduleStatus.SCHEDULED,
        starts_at__gt=now,
        starts_at__lte=now + KINDS[-1][1],
    )
    sent = 0
    for event in one_page_per_event(pages):
        due = due_kind(event.starts_at, now)
        if due is None:
            continue
        kind, label = due
        for registration in Registration.objects.for_event(event).registered():
            message = notices.reminder(event, registration, kind, label)
            sent += message is not None
    return sent


def send_recordings(now=None, pages=None):
    """Email the recording to registered people who did not attend (or whose
    attendance was not recorded), once each, for events that are over
    (among `pages`, default all)."""
    now = now or timezone.now()
    pages = (
        (pages if pages is not None else EventPage.objects.live())
        .exclude(recording_url="")
        .filter(ends_at__lte=now)
        .exclude(schedule_status=ScheduleStatus.CANCELLED)
    )
    count = 0
    for event in one_page_per_event(pages):
        registrations = (
            Registration.objects.for_event(event)
            .registered()
            .filter(Q(attended=False) | Q(attended__isnull=True))
        )
        for registration in registrations:
            notices.recording(event, registration)
            count += 1
    return count
