"""What a count returns: rule names, the result, its rounds, transfers and ties.

Everything here is immutable plain data. Scores are ``int`` where the rule counts
whole votes and :class:`fractions.Fraction` where it needs exact fractions (PAV,
Phragmén, STV transfers), so two counts of the same ballots are equal to the last
digit and a tie is a tie, never a rounding accident. :meth:`CountResult.to_dict`
turns fractions into floats for JSON; the exact values stay on the objects.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from types import MappingProxyType
from typing import Any

# Rule names: stable strings, fit to be the values of a Django ``TextChoices``.
APPROVAL = "approval"
SEQ_PAV = "seq_pav"
PAV = "pav"
PHRAGMEN = "phragmen"
BORDA = "borda"
SCHULZE = "schulze"
STV = "stv"
PLURALITY = "plurality"

#: Rules for "choose up to N" ballots (each ballot a set of option ids).
APPROVAL_RULES = (APPROVAL, SEQ_PAV, PAV, PHRAGMEN)
#: Rules for ranked ballots (each ballot a tuple of option ids, best first).
RANKED_RULES = (BORDA, SCHULZE, STV)
#: Rules for "one choice" ballots (each ballot one option id, or ``None``).
SINGLE_CHOICE_RULES = (PLURALITY,)
RULES = APPROVAL_RULES + RANKED_RULES + SINGLE_CHOICE_RULES

# What a tie was about.
TIE_SEAT = "seat"  # options tied for one or more seats; ``chosen`` were elected
TIE_EXCLUSION = "exclusion"  # STV: options tied for exclusion; ``chosen`` was excluded
TIE_COMMITTEE = "committee"  # exact PAV: several committees share the best score

# Why votes moved in an STV transfer.
TRANSFER_SURPLUS = "surplus"
TRANSFER_EXCLUSION = "exclusion"

OptionId = Hashable
Score = int | Fraction


def _frozen(mapping: Mapping) -> Mapping:
    return MappingProxyType(dict(mapping))


@dataclass(frozen=True)
class Tie:
    """A tie the count had to break, and how the seeded lot broke it.

    ``options`` are the tied options in the seeded priority order (see
    :func:`voting.counting.priority_order`); ``chosen`` are those the lot picked:
    elected for a ``seat`` or ``committee`` tie, excluded for an ``exclusion`` tie.
    ``seat`` is the first seat concerned (1-based) for a ``seat`` tie: "X and Y tied
    for seat 4", or with two of three chosen, "tied for seats 3 and 4".
    """

    round: int
    kind: str
    options: tuple[OptionId, ...]
    chosen: tuple[OptionId, ...]
    seed: int
    seat: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "round": self.round,
            "kind": self.kind,
            "seat": self.seat,
            "options": list(self.options),
            "chosen": list(self.chosen),
            "seed": self.seed,
        }


@dataclass(frozen=True)
class Transfer:
    """STV: votes leaving ``source`` (its surplus, or all of it when excluded)."""

    source: OptionId
    reason: str
    value: Score
    received: Mapping[OptionId, Score]
    exhausted: Score

    def __post_init__(self):
        object.__setattr__(self, "received", _frozen(self.received))

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "reason": self.reason,
            "value": _number(self.value),
            "received": _pairs(self.received, "votes"),
            "exhausted": _number(self.exhausted),
        }


@dataclass(frozen=True)
class Round:
    """One round of a count: the scores the decision was taken on, and the decision.

    What a score means depends on the rule (see the rule's docstring): approvals,
    votes, Borda points, the seq-PAV gain, the Phragmén load (lower is better), the
    number of options an option beats by Schulze's strongest paths, or the STV tally
    at the start of the stage.
    """

    number: int
    scores: Mapping[OptionId, Score]
    elected: tuple[OptionId, ...] = ()
    eliminated: tuple[OptionId, ...] = ()
    transfers: tuple[Transfer, ...] = ()

    def __post_init__(self):
        object.__setattr__(self, "scores", _frozen(self.scores))

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "scores": _pairs(self.scores, "score"),
            "elected": list(self.elected),
            "eliminated": list(self.eliminated),
            "transfers": [transfer.to_dict() for transfer in self.transfers],
        }


@dataclass(frozen=True)
class CountResult:
    """The outcome of one count.

    ``winners`` are in the order the seats were filled (for rules that fill them at
    once: best score first, equal scores in the seeded priority order).
    ``ballots_counted`` is the number of non-empty ballots. ``details`` holds what is
    particular to a rule: the STV ``quota``, the Schulze ``pairwise`` counts, the
    exact PAV ``committee_score``.
    """

    rule: str
    winners: tuple[OptionId, ...]
    rounds: tuple[Round, ...]
    ties: tuple[Tie, ...]
    seed: int
    ballots_counted: int
    details: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self):
        object.__setattr__(self, "details", _frozen(self.details))

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict; fractions become floats, option ids are kept as given."""
        return {
            "rule": self.rule,
            "winners": list(self.winners),
            "seed": self.seed,
            "ballots_counted": self.ballots_counted,
            "rounds": [round_.to_dict() for round_ in self.rounds],
            "ties": [tie.to_dict() for tie in self.ties],
            "details": {key: _jsonable(value) for key, value in self.details.items()},
        }


def _number(value: Score) -> int | float:
    if isinstance(value, Fraction):
        return value.numerator if value.denominator == 1 else float(value)
    return value


def _pairs(mapping: Mapping[OptionId, Score], name: str) -> list[dict[str, Any]]:
    # A list of pairs rather than a dict: JSON object keys are strings and would
    # turn integer option ids into text.
    return [
        {"option": option, name: _number(value)} for option, value in mapping.items()
    ]


def _jsonable(value: Any) -> Any:
    if isinstance(value, Fraction | int):
        return _number(value)
    if isinstance(value, Mapping):
        return {key: _jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(item) for item in value]
    return value
