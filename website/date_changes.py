"""Pages that change with the clock, purged by a periodic job.

Some pages show a state that the date decides when the page is requested:
a post whose comments close a number of days after its date, an election
whose nominations or voting open and close, a mentoring round whose
applications open and close and whose partnerships start and end. The page
cache (website.pagecache) and the CDN keep the page as it was rendered, so
without a purge a reader would see "Leave a comment" after the comments
closed, or "Upcoming" after voting opened, until the cached copy expired.

`purge_date_changes()` (`manage.py purge_date_changes`, every minute from
deploy/systemd/librarians-date-changes.timer) purges, through
`pagecache.purge`, every page whose state changed between its last run and
now. Each app says which of its pages those are: in its AppConfig.ready(),

    date_changes.register(finder, related=True)

where `finder(since, now)` returns the live pages whose state at `now`
differs from their state at `since` (a change at instant t, "open from t",
is in the window when since < t <= now). With `related`, each page is purged
with everything that shows it (`pagecache.urls_for_page`: its other
languages, its ancestors such as an index and the home page, its listings);
without, only its own URLs (a post's comment form shows on the post alone).

Where the last run ended is a database row (JobProgress), written in the
same transaction that reads it, so a run missed while the machine was down
is caught up by the next one, a run that fails purges again next time, and
two runs at once (the timer enabled on two machines) take turns. The window
goes back at most DATE_CHANGES_MAX_CATCH_UP_SECONDS: a copy rendered before
an older change has expired anyway, as long as the setting stays above the
longest lifetime of a cached page (PAGE_CACHE_SECONDS, and the CDN's). The
first run looks back FIRST_RUN_LOOK_BACK.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from . import pagecache
from .models import JobProgress

logger = logging.getLogger(__name__)

JOB = "purge_date_changes"
FIRST_RUN_LOOK_BACK = timedelta(days=1)


@dataclass(frozen=True)
class Finder:
    find: Any  # (since, now) -> iterable of live pages whose state changed
    related: bool


_finders: list[Finder] = []


def register(find, related=True):
    if not any(finder.find is find for finder in _finders):
        _finders.append(Finder(find, related))


@dataclass(frozen=True)
class Run:
    since: Any
    until: Any
    pages: list
    urls: list


def max_catch_up():
    return timedelta(seconds=settings.DATE_CHANGES_MAX_CATCH_UP_SECONDS)


def changed_urls(since, now):
    """The pages whose state changed in (since, now], and the URLs to purge."""
    pages, urls = [], []
    for finder in _finders:
        for page in finder.find(since, now):
            pages.append(page)
            urls += pagecache.urls_for_page(page, related=finder.related)
    return pages, list(dict.fromkeys(urls))


def purge_date_changes(now=None):
    """Purge what changed with the clock since the last run (see the module
    docstring) and record `now` as done. Returns the Run."""
    now = now or timezone.now()
    with transaction.atomic():
        # The row lock makes a second run at the same time wait for this one
        # (PostgreSQL; SQLite runs one writer at a time anyway).
        progress, _created = JobProgress.objects.select_for_update().get_or_create(
            job=JOB, defaults={"done_until": now - FIRST_RUN_LOOK_BACK}
        )
        since = max(progress.done_until, now - max_catch_up())
        pages, urls = changed_urls(since, now)
        # Purged before the new time is recorded: if the purge fails, the
        # transaction rolls back and the next run tries the window again.
        # Nothing here changes what the pages show, so nothing waits for
        # the commit.
        pagecache.purge(urls)
        # Even when `now` is earlier (a clock set back): the next run then
        # covers that time again, which purges twice at worst.
        progress.done_until = now
        progress.save(update_fields=["done_until"])
    if pages:
        logger.info(
            "Purged %d page(s) whose state changed between %s and %s: %s",
            len(pages),
            since.isoformat(),
            now.isoformat(),
            ", ".join(f"{page.pk} {page.title}" for page in pages),
        )
    return Run(since=since, until=now, pages=pages, urls=urls)


# -- Helpers for the apps' finders ------------------------------------------


def passed_in(field, since, now):
    """Filter arguments: the datetime `field` fell in (since, now]."""
    return {f"{field}__gt": since, f"{field}__lte": now}


def days_begun(since, now):
    """The local dates (TIME_ZONE) whose first instant, midnight, fell in
    (since, now]: a state that holds "from date D" (`localdate() >= D`)
    changed in the window when D is one of these. Empty within one day."""
    first, last = timezone.localdate(since), timezone.localdate(now)
    return [first + timedelta(days=n) for n in range(1, (last - first).days + 1)]
