"""Purges of the page cache caused by an election (website.pagecache):
a ballot, when the results are shown live; and every organiser's action
(close early, publish results), which the audit log records."""

from django.db.models.signals import post_save

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


def connect():
    from .models import AuditEntry, Ballot

    post_save.connect(ballot_cast, sender=Ballot, dispatch_uid="voting-cache")
    post_save.connect(
        action_recorded, sender=AuditEntry, dispatch_uid="voting-cache-audit"
    )
