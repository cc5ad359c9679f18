"""A :class:`CountResult` as JSON and back, exactly: what a published
election keeps so that its results are counted once (voting.tallies).

:meth:`CountResult.to_dict` is for readers and turns fractions into floats;
this keeps every score as it was counted (a fraction as ``"n/d"`` text), so
``load(dump(result)) == result``. Option ids are the election's option keys
(text). Pure functions, no Django.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from .result import CountResult, Round, Tie, Transfer


def _score(value):
    if isinstance(value, Fraction):
        return f"{value.numerator}/{value.denominator}"
    return value


def _unscore(value):
    if isinstance(value, str):
        return Fraction(value)
    return value


def _mapping(mapping):
    return [[key, _score(value)] for key, value in mapping.items()]


def _unmapping(pairs):
    return {key: _unscore(value) for key, value in pairs}


def _detail(value):
    if isinstance(value, Fraction):
        return {"fraction": _score(value)}
    if isinstance(value, list | tuple):
        return [_detail(item) for item in value]
    return value


def _undetail(value):
    if isinstance(value, dict) and set(value) == {"fraction"}:
        return Fraction(value["fraction"])
    if isinstance(value, list):
        return [_undetail(item) for item in value]
    return value


def dump(result: CountResult) -> dict[str, Any]:
    return {
        "rule": result.rule,
        "winners": list(result.winners),
        "seed": result.seed,
        "ballots_counted": result.ballots_counted,
        "rounds": [
            {
                "number": round_.number,
                "scores": _mapping(round_.scores),
                "elected": list(round_.elected),
                "eliminated": list(round_.eliminated),
                "transfers": [
                    {
                        "source": transfer.source,
                        "reason": transfer.reason,
                        "value": _score(transfer.value),
                        "received": _mapping(transfer.received),
                        "exhausted": _score(transfer.exhausted),
                    }
                    for transfer in round_.transfers
                ],
            }
            for round_ in result.rounds
        ],
        "ties": [
            {
                "round": tie.round,
                "kind": tie.kind,
                "options": list(tie.options),
                "chosen": list(tie.chosen),
                "seed": tie.seed,
                "seat": tie.seat,
            }
            for tie in result.ties
        ],
        "details": {key: _detail(value) for key, value in result.details.items()},
    }


def load(data: dict[str, Any]) -> CountResult:
    return CountResult(
        rule=data["rule"],
        winners=tuple(data["winners"]),
        seed=data["seed"],
        ballots_counted=data["ballots_counted"],
        rounds=tuple(
            Round(
                number=round_["number"],
                scores=_unmapping(round_["scores"]),
                elected=tuple(round_["elected"]),
                eliminated=tuple(round_["eliminated"]),
                transfers=tuple(
                    Transfer(
                        source=transfer["source"],
                        reason=transfer["reason"],
                        value=_unscore(transfer["value"]),
                        received=_unmapping(transfer["received"]),
                        exhausted=_unscore(transfer["exhausted"]),
                    )
                    for transfer in round_["transfers"]
                ),
            )
            for round_ in data["rounds"]
        ),
        ties=tuple(
            Tie(
                round=tie["round"],
                kind=tie["kind"],
                options=tuple(tie["options"]),
                chosen=tuple(tie["chosen"]),
                seed=tie["seed"],
                seat=tie["seat"],
            )
            for tie in data["ties"]
        ),
        details={key: _undetail(value) for key, value in data["details"].items()},
    )
