from .pages import (
    BallotType,
    CountingRule,
    ElectionIndexPage,
    ElectionOption,
    ElectionPage,
    ElectionStatus,
    Electorate,
    ResultsVisibility,
)
from .records import AuditEntry, Ballot, Nomination, StoredCount, Voter

__all__ = [
    "AuditEntry",
    "Ballot",
    "BallotType",
    "CountingRule",
    "ElectionIndexPage",
    "ElectionOption",
    "ElectionPage",
    "ElectionStatus",
    "Electorate",
    "Nomination",
    "ResultsVisibility",
    "StoredCount",
    "Voter",
]
