"""Helpers of the tests of the date-change job (website/date_changes.py).

The pages decide their state from the real clock when they are rendered,
and tests do not wait for the clock: instead of moving the clock past a
date, a test moves the date behind the clock, with a queryset update (no
signal, so nothing purges the page as an edit would). The cached page still
shows the old state; the job, run with the real time, must purge it."""

import datetime

from django.utils import timezone

from website import date_changes
from website.models import JobProgress


def last_run_at(when):
    """As if the job had last run at `when`."""
    JobProgress.objects.update_or_create(
        job=date_changes.JOB, defaults={"done_until": when}
    )


def move_dates(page, **fields):
    """Set date fields of `page` and its translations, as if the clock had
    moved instead (see the module docstring)."""
    model = type(page)
    model.objects.filter(translation_key=page.translation_key).update(**fields)


def start_of_today():
    """Local midnight (TIME_ZONE) at the start of today."""
    today = timezone.localdate()
    return timezone.make_aware(datetime.datetime.combine(today, datetime.time()))


def minutes(n):
    return datetime.timedelta(minutes=n)
