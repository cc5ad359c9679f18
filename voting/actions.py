"""The organiser's actions on an election, each recorded in the audit log:
closing voting early, publishing the results, reviewing a nomination.
(Importing, inviting and reminding are in voting/electorate.py.)

State changes are written to every translation of the election at once;
`ElectionPage.with_content_json` keeps them through later revisions.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import secrecy, tallies
from .models import AuditEntry, ElectionOption, ElectionPage, Nomination


class ActionRefused(Exception):
    pass


def translations_of(election):
    return ElectionPage.objects.filter(translation_key=election.translation_key)


def close_early(election, user=None, now=None):
    now = now or timezone.now()
    if not election.is_voting_open_at(now):
        raise ActionRefused(_("Only an election whose voting is open can be closed."))
    with transaction.atomic():
        translations_of(election).filter(closed_early_at__isnull=True).update(
            closed_early_at=now
        )
        AuditEntry.record(election, AuditEntry.Action.CLOSE_EARLY, user)
    election.closed_early_at = now
    # The last ballots' shuffles may still be queued: do it now.
    secrecy.shuffle_ballot_box(election.translation_key)


def publish_results(election, user=None, now=None):
    now = now or timezone.now()
    if not election.is_closed_at(now):
        raise ActionRefused(_("Results can be published once voting has closed."))
    if election.results_published:
        raise ActionRefused(_("The results are already published."))
    secrecy.shuffle_ballot_box(election.translation_key)
    with transaction.atomic():
        translations_of(election).update(
            results_published=True, results_published_at=now
        )
        # Counted once, here: the results pages read this count from now on.
        tallies.recount(election)
        AuditEntry.record(election, AuditEntry.Action.PUBLISH, user)
    election.results_published = True
    election.results_published_at = now


def review_nomination(election, nomination, accept, user=None):
    """Accept (the nomination becomes an option of the election, in a new
    revision of the page, published at once unless the page has other
    unpublished changes) or reject a pending nomination."""
    with transaction.atomic():
        nomination = Nomination.objects.select_for_update().get(
            pk=nomination.pk, election_key=election.translation_key
        )
        if nomination.status != Nomination.Status.PENDING:
            raise ActionRefused(_("This nomination has already been reviewed."))
        if accept:
            if election.is_voting_open or election.is_closed:
                raise ActionRefused(
                    _("Options cannot be added once voting has opened.")
                )
            had_changes = election.has_unpublished_changes
            page = election.get_latest_revision_as_object()
            page.options.add(
                ElectionOption(
                    title=nomination.title,
                    description=nomination.description,
                    locale=page.locale,
                    sort_order=len(page.options.all()),
                )
            )
            revision = page.save_revision(user=user, log_action=True)
            if not had_changes and election.live:
                revision.publish(user=user)
        nomination.status = (
            Nomination.Status.ACCEPTED if accept else Nomination.Status.REJECTED
        )
        nomination.decided_by = user
        nomination.decided_at = timezone.now()
        nomination.save(update_fields=["status", "decided_by", "decided_at"])
        AuditEntry.record(
            election,
            AuditEntry.Action.NOMINATION,
            user,
            f"{nomination.get_status_display()}: {nomination.title}",
        )
    return nomination
