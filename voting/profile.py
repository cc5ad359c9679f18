"""The elections' section of a member's own page: the elections they voted
in, each with their receipt code, and a link to the published list of
receipts where they can check it once voting has closed.

The receipt is found again without anything in the database tying it to
the ballot: it is derived from the voter's row with a key the database
does not hold (voting.secrecy), so the site recomputes it for the member
who asks, and nobody reading the database can. Codes derived under
an earlier key (SECRET_KEY_FALLBACKS) are still found; a voter who voted
before receipts were derived gets no code here, since the one shown then
was random: the site never shows a code it cannot find among the ballots.

It is shown as the elections' section of the member's page by
`voting/activity.py`.
"""

from dataclasses import dataclass
from datetime import datetime

from allauth.account.models import EmailAddress
from django.db.models import Q
from django.utils.translation import get_language

from .models import Ballot, ElectionPage, Voter
from .models.records import normalise_email
from .secrecy import receipts_for


@dataclass(frozen=True)
class VotedElection:
    election: ElectionPage  # in the reader's language where it is translated
    voted_at: datetime
    receipt: str | None  # None: the site cannot show it again
    results_url: str | None  # the published receipts, once they are public


def voted_elections(user, language=None):
    """The elections `user` voted in, newest vote first: as a member, or
    through a ballot link sent to one of their verified addresses."""
    if user is None or not user.is_authenticated:
        return []
    language = language or get_language()
    emails = {
        normalise_email(email)
        for email in EmailAddress.objects.filter(user=user, verified=True).values_list(
            "email", flat=True
        )
    }
    voters = list(
        Voter.objects.filter(Q(user=user) | (Q(email__in=emails) & ~Q(email="")))
        .filter(voted_at__isnull=False)
        .order_by("-voted_at", "pk")
    )
    if not voters:
        return []
    pages = {}
    for page in (
        ElectionPage.objects.live()
        .filter(translation_key__in={voter.election_key for voter in voters})
        .select_related("locale")
        .order_by("pk")
    ):
        chosen = pages.get(page.translation_key)
        if chosen is None or (
            page.locale.language_code == language
            and chosen.locale.language_code != language
        ):
            pages[page.translation_key] = page
    candidates = {voter.pk: receipts_for(voter) for voter in voters}
    stored = set(
        Ballot.objects.filter(
            receipt__in=[code for codes in candidates.values() for code in codes]
        ).values_list("receipt", flat=True)
    )
    found = []
    for voter in voters:
        election = pages.get(voter.election_key)
        if election is None:  # unpublished or deleted since
            continue
        receipt = next((code for code in candidates[voter.pk] if code in stored), None)
        results_url = None
        if election.ballots_public:
            results_url = election.url + election.reverse_subpage("results")
        found.append(VotedElection(election, voter.voted_at, receipt, results_url))
    return found


def my_elections(request):
    """The section's context, or None when there is nothing to show."""
    voted = voted_elections(request.user)
    return {"voted": voted} if voted else None
