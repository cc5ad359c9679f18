"""The events' section of the home page: the next events in the reader's
language, beside the open round and the open election."""

from .models import EventIndexPage, EventPage

NEXT_EVENTS = 3


def next_events(request, locale):
    events = list(
        EventPage.objects.upcoming()
        .filter(locale=locale)
        .in_schedule_order()[:NEXT_EVENTS]
    )
    if not events:
        return None
    index = EventIndexPage.objects.live().filter(locale=locale).first()
    return {"events": events, "index": index}
