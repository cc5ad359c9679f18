from .applications import (
    Application,
    ExcludedPair,
    Interest,
    Match,
    MatchSeat,
    normalise_email,
)
from .pages import ProgramPage, RoundPage

__all__ = [
    "Application",
    "ExcludedPair",
    "Interest",
    "Match",
    "MatchSeat",
    "ProgramPage",
    "RoundPage",
    "normalise_email",
]
