"""Event pages whose status the clock changed (upcoming → live → past):
purged by website.date_changes with their index, calendar feed and the
home page that list them."""

from django.db.models import Q

from website.date_changes import passed_in


def events_whose_status_changed(since, now):
    from .models import EventPage

    return EventPage.objects.live().filter(
        Q(**passed_in("starts_at", since, now)) | Q(**passed_in("ends_at", since, now))
    )
