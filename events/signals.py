"""What publishing an event changes for the people registered:

- a new time, a postponement, a cancellation (or a date confirmed) is
  emailed to everyone registered or waiting, once per change;
- a larger capacity moves people up from the waiting list;
- a recording added after the event goes to those who did not attend.
"""

from django.db import transaction
from wagtail.signals import page_published

from . import notices, registration, reminders
from .models import AnnouncedSchedule, EventPage, Registration, ScheduleStatus


def what_changed(announced, event):
    """ "time", "postponed", "cancelled", "confirmed" or None."""
    if announced.schedule_status != event.schedule_status:
        if event.schedule_status in (
            ScheduleStatus.CANCELLED,
            ScheduleStatus.POSTPONED,
        ):
            return event.schedule_status
        if event.schedule_status == ScheduleStatus.SCHEDULED:
            return "confirmed" if announced.starts_at is None else "time"
        return None
    if event.schedule_status == ScheduleStatus.SCHEDULED and (
        announced.starts_at != event.starts_at
    ):
        return "time" if announced.starts_at else "confirmed"
    return None


def event_published(sender, instance, **kwargs):
    event = instance.specific if not isinstance(instance, EventPage) else instance
    event = EventPage.objects.get(pk=event.pk)  # the facts as saved
    with transaction.atomic():
        announced, created = (
            AnnouncedSchedule.objects.select_for_update().get_or_create(
                event_key=event.translation_key,
                defaults={
                    "starts_at": event.starts_at,
                    "schedule_status": event.schedule_status,
                },
            )
        )
        change = None if created else what_changed(announced, event)
        if change:
            for person in Registration.objects.for_event(event).active():
                notices.schedule_changed(event, person, change)
        if not created and (
            announced.starts_at != event.starts_at
            or announced.schedule_status != event.schedule_status
        ):
            announced.starts_at = event.starts_at
            announced.schedule_status = event.schedule_status
            announced.save(update_fields=["starts_at", "schedule_status"])
        if event.schedule_status != ScheduleStatus.CANCELLED:
            registration.fill_places(event)
    reminders.send_recordings(pages=EventPage.objects.live().filter(pk=event.pk))


def connect():
    page_published.connect(event_published, sender=EventPage)
