"""Casting a ballot: one per voter, guaranteed by the database.

In one transaction: lock the voter's row (SELECT … FOR UPDATE), mark it
used with a conditional UPDATE that only succeeds where `voted_at` is still
empty, and insert the anonymous ballot under the voter's receipt code,
which is unique. Any number of simultaneous submissions of one link (or by
one member) store one ballot; the others are refused with `AlreadyVoted`.
A process that dies before the commit leaves neither row, after it both.

The ballot row holds no reference to the voter; what the shared
transaction and the row's place would still tell, the shuffle queued once
it commits removes (voting.secrecy, voting/THREAT_MODEL.md).
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from . import secrecy
from .models import Electorate, Voter
from .models.records import hash_token


class BallotRefused(Exception):
    """A ballot that cannot be accepted, with a message for the voter and
    the HTTP status that says why."""

    status = 400
    message = _("This ballot cannot be accepted.")

    def __init__(self, message=None):
        super().__init__(message or self.message)
        if message:
            self.message = message


class UnknownLink(BallotRefused):
    status = 404
    message = _(
        "This ballot link is not valid. Check that you copied the whole link "
        "from your invitation, or ask the organisers for a new one."
    )


class ForeignLink(BallotRefused):
    status = 403
    message = _("This ballot link belongs to another election.")


class AlreadyVoted(BallotRefused):
    status = 409
    message = _(
        "A ballot has already been cast with this link or account: each voter "
        "votes once."
    )


class TooManyAttempts(BallotRefused):
    status = 429
    message = _("Too many attempts from your address: wait a minute and try again.")


class NotOpen(BallotRefused):
    status = 403


class NotEligible(BallotRefused):
    status = 403
    message = _("Only the voters on this election's list can vote, by their link.")


def check_window(election, now):
    if now < election.voting_opens_at:
        raise NotOpen(
            _("Voting has not opened yet. It opens on %(date)s.")
            % {"date": date_format(election.voting_opens_at, "DATETIME_FORMAT")}
        )
    if election.is_closed_at(now):
        raise NotOpen(_("Voting has closed: ballots are no longer accepted."))


def voter_for_token(election, token):
    """The voter a link belongs to, checked against `election` (no lock)."""
    voter = Voter.objects.filter(token_hash=hash_token(token)).first()
    if voter is None:
        raise UnknownLink()
    if voter.election_key != election.translation_key:
        raise ForeignLink()
    return voter


def cast_ballot(election, choices, *, token=None, user=None, now=None):
    """Store `choices` (a list of option keys) as one ballot of the voter
    identified by `token` (closed electorate) or `user` (members), and
    return the Ballot. Raises BallotRefused."""
    now = now or timezone.now()
    check_window(election, now)
    with transaction.atomic():
        if election.electorate == Electorate.CLOSED:
            if token is None:
                raise NotEligible()
            voter = voter_for_token(election, token)
        else:
            if user is None or not user.is_authenticated:
                raise NotEligible(_("Sign in to vote."))
            voter, _created = Voter.objects.get_or_create(
                election_key=election.translation_key,
                user=user,
                defaults={"language": election.locale.language_code},
            )
        voter = Voter.objects.select_for_update().get(pk=voter.pk)
        if voter.voted_at is not None:
            raise AlreadyVoted()
        marked = Voter.objects.filter(pk=voter.pk, voted_at__isnull=True).update(
            voted_at=now
        )
        if marked != 1:
            raise AlreadyVoted()
        try:
            ballot = secrecy.store_ballot(voter, choices)
        except IntegrityError:  # the voter's receipt is taken: voted already
            raise AlreadyVoted() from None
        secrecy.shuffle_after_commit(election.translation_key)
        return ballot


def has_voted(election, user):
    if user is None or not user.is_authenticated:
        return False
    return Voter.objects.filter(
        election_key=election.translation_key, user=user, voted_at__isnull=False
    ).exists()
