"""The rows around an election page that are not page content: who may
vote (Voter), what was voted (Ballot), proposed options (Nomination) and
what organisers did (AuditEntry).

Every row refers to its election by the page's `translation_key`, which is
the same in every language, so one election has one electorate and one
ballot box whatever language its voters read it in.

A Ballot does not identify its voter, and nothing in the database ties it
to one: it holds the election, the choices and a receipt code, and no time.
Its receipt is derived from its voter's `receipt_salt` with a key the
database does not hold, so one voter has one receipt (a second ballot of the
same voter breaks the receipt's unique constraint) while only the site can
say which receipt is whose. The ballot box is shuffled after ballots are
cast (voting.secrecy), which removes what the cast's transaction, the order
of the rows and their ids would tell. voting/THREAT_MODEL.md says what this
protects and what it does not.
"""

import hashlib
import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

RECEIPT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I


def new_receipt_code():
    """Twelve characters in three groups, e.g. "K7PD-Q2XM-9HTA": 60 bits."""
    raw = "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def new_receipt_salt():
    return secrets.token_hex(16)


def hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


def normalise_email(email):
    """One spelling per address: trimmed and lower-cased (the local part too:
    mail systems treat it case-insensitively in practice, and an electorate
    with "Ana@x" and "ana@x" would give one person two ballots)."""
    return (email or "").strip().lower()


class VoterQuerySet(models.QuerySet):
    def for_election(self, election):
        return self.filter(election_key=election.translation_key)

    def not_voted(self):
        return self.filter(voted_at__isnull=True)

    def voted(self):
        return self.filter(voted_at__isnull=False)


class Voter(models.Model):
    """One member of an election's electorate.

    In a closed election the rows are imported from a list and each voter
    gets a one-time link; only the SHA-256 of the link's token is stored. In
    a members' election a row is made for a signed-in member when they vote.
    `voted_at` is set, at most once, in the transaction that stores the
    ballot (see `voting.casting`). `receipt_salt`, drawn when the row is
    made, gives the voter's receipt code (`voting.secrecy.receipt_for`).
    """

    election_key = models.UUIDField(_("election"), db_index=True)
    email = models.EmailField(_("email"), blank=True)
    name = models.CharField(_("name"), max_length=200, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    language = models.CharField(_("language"), max_length=10, blank=True)
    token_salt = models.CharField(max_length=32, blank=True, editable=False)
    receipt_salt = models.CharField(
        max_length=32, default=new_receipt_salt, editable=False
    )
    token_hash = models.CharField(
        max_length=64, null=True, blank=True, unique=True, editable=False
    )
    invitations_sent = models.PositiveSmallIntegerField(
        _("invitations sent"), default=0
    )
    invited_at = models.DateTimeField(_("invited"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded"), null=True, blank=True)
    voted_at = models.DateTimeField(_("voted"), null=True, blank=True)
    created_at = models.DateTimeField(_("added"), default=timezone.now)

    objects = VoterQuerySet.as_manager()

    class Meta:
        verbose_name = _("voter")
        verbose_name_plural = _("voters")
        ordering = ["email", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["election_key", "email"],
                condition=~models.Q(email=""),
                name="voting_voter_one_row_per_email",
            ),
            models.UniqueConstraint(
                fields=["election_key", "user"],
                condition=models.Q(user__isnull=False),
                name="voting_voter_one_row_per_member",
            ),
        ]

    def __str__(self):
        return self.email or str(self.user)


class Ballot(models.Model):
    """One anonymous ballot: choices are option ids (the options'
    translation keys), best first for a ranking.

    No time, no voter, a random id. `shuffled` is false from the cast until
    the next shuffle of the election's ballot box rewrites every ballot of
    the election in a random order (voting.secrecy)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    election_key = models.UUIDField(_("election"), db_index=True)
    choices = models.JSONField(_("choices"))
    receipt = models.CharField(
        _("receipt code"), max_length=14, unique=True, default=new_receipt_code
    )
    shuffled = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        ordering = ["receipt"]
        indexes = [
            models.Index(
                fields=["election_key"],
                condition=models.Q(shuffled=False),
                name="voting_ballot_unshuffled",
            ),
            # The ballots CSV reads an election's ballots in receipt order
            # (100,000 without a sort).
            models.Index(
                fields=["election_key", "receipt"], name="voting_ballot_receipts"
            ),
        ]

    def __str__(self):
        return self.receipt


class Nomination(models.Model):
    """An option proposed by a member while nominations are open; an editor
    accepts it (it becomes an option of the election) or rejects it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    election_key = models.UUIDField(_("election"), db_index=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=2000)
    language = models.CharField(_("language"), max_length=10, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    proposed_at = models.DateTimeField(_("proposed"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["-proposed_at", "pk"]

    def __str__(self):
        return self.title


class AuditEntry(models.Model):
    """What an organiser did to an election, who and when."""

    class Action(models.TextChoices):
        IMPORT = "import", _("Imported the electorate")
        INVITE = "invite", _("Sent invitations")
        RESEND = "resend", _("Re-sent an invitation")
        REMIND = "remind", _("Sent reminders")
        CLOSE_EARLY = "close_early", _("Closed voting early")
        PUBLISH = "publish", _("Published the results")
        NOMINATION = "nomination", _("Reviewed a nomination")

    election_key = models.UUIDField(_("election"), db_index=True)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("when"), default=timezone.now)
    detail = models.CharField(_("detail"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.get_action_display()} ({self.at:%Y-%m-%d %H:%M})"

    @classmethod
    def record(cls, election, action, user=None, detail=""):
        return cls.objects.create(
            election_key=election.translation_key,
            action=action,
            user=user if user is not None and user.is_authenticated else None,
            detail=str(detail)[:500],
        )


class StoredCount(models.Model):
    """The count of a published election, kept so that its results are
    counted once (voting.tallies): the count's result exactly as counted
    (voting.counting.stored), the figure per option that the chart shows and
    how many ballots were read. `inputs` fingerprints what the count was
    made from (the rule, seats, seed, options and number of ballots); a row
    whose inputs no longer match is counted again and replaced."""

    election_key = models.UUIDField(_("election"), unique=True)
    inputs = models.CharField(max_length=64)
    ballots = models.PositiveIntegerField(_("ballots"))
    result = models.JSONField()
    tally = models.JSONField()
    counted_at = models.DateTimeField(_("counted"), default=timezone.now)

    class Meta:
        verbose_name = _("stored count")
        verbose_name_plural = _("stored counts")

    def __str__(self):
        return f"{self.election_key} ({self.ballots})"
