from .applications import (
    Application,
    ExcludedPair,
    Interest,
    Match,
    MatchSeat,
    normalise_email,
)
from .events import SpeedMentoringEventPage, SpeedMentoringParticipant
from .pages import ProgramPage, RoundPage
from .runs import MatchingRun

__all__ = [
    "Application",
    "ExcludedPair",
    "Interest",
    "Match",
    "MatchSeat",
    "MatchingRun",
    "ProgramPage",
    "RoundPage",
    "SpeedMentoringEventPage",
    "SpeedMentoringParticipant",
    "normalise_email",
]
