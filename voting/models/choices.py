"""The choices of an election page's fields, and which counting rules
suit which ballot type (the rule names are the counting module's)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from voting.counting import (
    APPROVAL,
    APPROVAL_RULES,
    BORDA,
    PAV,
    PHRAGMEN,
    PLURALITY,
    RANKED_RULES,
    SCHULZE,
    SEQ_PAV,
    SINGLE_CHOICE_RULES,
    STV,
)


class BallotType(models.TextChoices):
    CHOOSE = "choose", _("Choose up to N options")
    RANK = "rank", _("Rank the options")
    ONE = "one", _("One choice")


class CountingRule(models.TextChoices):
    APPROVAL = APPROVAL, _("Top-k approval")
    SEQ_PAV = SEQ_PAV, _("Sequential proportional approval (seq-PAV)")
    PAV = PAV, _("Proportional approval voting (PAV, exact)")
    PHRAGMEN = PHRAGMEN, _("Sequential Phragmén")
    BORDA = BORDA, _("Borda count")
    SCHULZE = SCHULZE, _("Schulze method")
    STV = STV, _("Single transferable vote (weighted inclusive Gregory)")
    PLURALITY = PLURALITY, _("Plurality")


RULES_FOR_BALLOT_TYPE = {
    BallotType.CHOOSE: APPROVAL_RULES,
    BallotType.RANK: RANKED_RULES,
    BallotType.ONE: SINGLE_CHOICE_RULES,
}


class Electorate(models.TextChoices):
    MEMBERS = "members", _("Signed-in members")
    CLOSED = "closed", _("A closed list of voters")


class ResultsVisibility(models.TextChoices):
    AFTER_CLOSE = "after_close", _("Hidden until voting closes")
    LIVE = "live", _("Live while voting is open")


class ElectionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    UPCOMING = "upcoming", _("Upcoming")
    NOMINATIONS_OPEN = "nominations_open", _("Nominations open")
    VOTING_OPEN = "voting_open", _("Voting open")
    CLOSED = "closed", _("Closed")
    RESULTS_PUBLISHED = "results_published", _("Results published")
