"""Purges of the page cache caused by the clock: a round's stage (upcoming,
applications open, matching, running, finished) follows its dates, and the
round page, its application page, the program page and the home page show
it. The periodic job of website.date_changes purges them, from
`rounds_whose_stage_changed`; an organiser's release of the matches is an
edit of the page, which Wagtail's publish purges."""

from datetime import timedelta

from django.db.models import Q

from website.date_changes import days_begun, passed_in


def rounds_whose_stage_changed(since, now):
    """Live rounds whose stage at `now` differs from their stage at `since`.
    One page per round: it is purged with its other languages."""
    from .models import RoundPage

    changed = Q(**passed_in("applications_open_at", since, now)) | Q(
        **passed_in("applications_close_at", since, now)
    )
    days = days_begun(since, now)
    if days:
        # Partnerships run from `starts_on`; the round is finished from the
        # day after `ends_on` (both local dates, see RoundPage.stage_at).
        changed |= Q(starts_on__in=days) | Q(
            ends_on__in=[day - timedelta(days=1) for day in days]
        )
    rounds = {}
    for round_page in RoundPage.objects.live().filter(changed):
        # Reaching `starts_on` changes nothing before the matches are released.
        if round_page.stage_at(since) != round_page.stage_at(now):
            rounds.setdefault(round_page.translation_key, round_page)
    return list(rounds.values())
