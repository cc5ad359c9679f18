"""Purges of the page cache caused by an election (website.pagecache):
a ballot, when the results are shown live; every organiser's action
(close early, publish results), which the audit log records; and the
clock, when nominations or voting open or close (the periodic job of
website.date_changes, from `elections_that_opened_or_closed`)."""

from django.db.models import F, Q
from django.db.models.signals import post_save

from website.date_changes import passed_in
from website.pagecache import purge_page_on_commit


def elections_with_key(key):
    from .models import ElectionPage

    return ElectionPage.objects.filter(translation_key=key)


def ballot_cast(sender, instance, created=False, raw=False, **kwargs):
    if raw or not created:
        return
    election = elections_with_key(instance.election_key).first()
    if election is not None and election.results_visible:
        # Only the election's own pages (the results) change, in every language.
        for page in elections_with_key(instance.election_key):
            purge_page_on_commit(page, related=False)


def action_recorded(sender, instance, created=False, raw=False, **kwargs):
    if raw or not created:
        return
    election = elections_with_key(instance.election_key).first()
    if election is not None:
        purge_page_on_commit(election)


def elections_that_opened_or_closed(since, now):
    """Live elections whose nominations or voting opened or closed in
    (since, now]: their status, buttons and results link changed, and so
    did the election index and the home page that list them. One page per
    election: it is purged with its other languages."""
    from .models import ElectionPage

    def passed(field):
        return Q(**passed_in(field, since, now))

    # Closing early (an organiser's action, purged then) makes the planned
    # close change nothing.
    closes_as_planned = Q(closed_early_at__isnull=True) | Q(
        closed_early_at__gte=F("voting_closes_at")
    )
    changed = ElectionPage.objects.live().filter(
        passed("nominations_open_at")
        | passed("nominations_close_at")
        | passed("voting_opens_at")
        | (passed("voting_closes_at") & closes_as_planned)
    )
    return list({election.translation_key: election for election in changed}.values())


def connect():
    from .models import AuditEntry, Ballot

    post_save.connect(ballot_cast, sender=Ballot, dispatch_uid="voting-cache")
    post_save.connect(
        action_recorded, sender=AuditEntry, dispatch_uid="voting-cache-audit"
    )
