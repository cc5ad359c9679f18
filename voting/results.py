"""Loading ballots into the counting module and turning its result into
what the results page, the JSON and the CSV show.

The count itself is `voting.counting.count`, pure and seeded by the
election's `tie_seed`; this module only reads ballots, maps option keys to
the titles of the reader's language, and lays out the chart.
"""

import io
from dataclasses import dataclass
from fractions import Fraction

from django.utils.translation import gettext as _

from website import csvexport

from .counting import TIE_COMMITTEE, TIE_EXCLUSION, count
from .electorate import turnout
from .models import Ballot, BallotType

CHART_BAR_HEIGHT = 28
CHART_GAP = 8


def ballots_for_count(election, rows):
    if election.ballot_type == BallotType.CHOOSE:
        return [frozenset(choices) for choices in rows]
    if election.ballot_type == BallotType.RANK:
        return [tuple(choices) for choices in rows]
    return [choices[0] if choices else None for choices in rows]


def stored_ballots(election):
    return Ballot.objects.filter(election_key=election.translation_key)


def run_count(election):
    rows = list(stored_ballots(election).values_list("choices", flat=True))
    options = election.all_option_keys()
    result = count(
        election.counting_rule,
        ballots_for_count(election, rows),
        options,
        election.winners,
        election.tie_seed,
    )
    return result, rows


def number(value):
    if isinstance(value, Fraction):
        if value.denominator == 1:
            return str(value.numerator)
        return f"{float(value):.2f}"
    return str(value)


@dataclass
class Bar:
    title: str
    value: int
    percent: float
    y: int
    won: bool


def tally(election, rows):
    """Per option: approvals ("choose"), first preferences ("rank") or votes
    ("one"): the same figure whatever the rule, for the chart and table."""
    counts = dict.fromkeys(election.all_option_keys(), 0)
    for choices in rows:
        picked = choices if election.ballot_type == BallotType.CHOOSE else choices[:1]
        for key in picked:
            if key in counts:
                counts[key] += 1
    return counts


def tally_label(election):
    return {
        BallotType.CHOOSE: _("Approvals"),
        BallotType.RANK: _("First preferences"),
        BallotType.ONE: _("Votes"),
    }[election.ballot_type]


def describe_tie(tie, titles):
    tied = ", ".join(titles.get(key, key) for key in tie.options)
    chosen = ", ".join(titles.get(key, key) for key in tie.chosen)
    params = {
        "round": tie.round,
        "tied": tied,
        "chosen": chosen,
        "seed": tie.seed,
        "seat": tie.seat,
    }
    if tie.kind == TIE_EXCLUSION:
        return (
            _(
                "Round %(round)d: %(tied)s were tied for exclusion; the seeded "
                "lot (seed %(seed)d) excluded %(chosen)s."
            )
            % params
        )
    if tie.kind == TIE_COMMITTEE:
        return (
            _(
                "Several sets of winners had the same score; the seeded lot "
                "(seed %(seed)d) chose %(chosen)s."
            )
            % params
        )
    return (
        _(
            "Round %(round)d: %(tied)s were tied for seat %(seat)s; the seeded "
            "lot (seed %(seed)d) chose %(chosen)s."
        )
        % params
    )


def results_context(election):
    result, rows = run_count(election)
    titles = election.option_titles()
    counts = tally(election, rows)
    highest = max(counts.values(), default=0) or 1
    winners = set(result.winners)
    bars = [
        Bar(
            title=titles.get(key, key),
            value=value,
            percent=round(100 * value / highest, 1),
            y=index * (CHART_BAR_HEIGHT + CHART_GAP),
            won=key in winners,
        )
        for index, (key, value) in enumerate(
            sorted(
                counts.items(),
                key=lambda item: (-item[1], titles.get(item[0], item[0])),
            )
        )
    ]
    rounds = [
        {
            "number": round_.number,
            "scores": [
                {
                    "title": titles.get(key, key),
                    "score": number(score),
                    "elected": key in round_.elected,
                    "eliminated": key in round_.eliminated,
                }
                for key, score in round_.scores.items()
            ],
            "elected": [titles.get(key, key) for key in round_.elected],
            "eliminated": [titles.get(key, key) for key in round_.eliminated],
        }
        for round_ in result.rounds
    ]
    cast, electorate = turnout(election)
    return {
        "result": result,
        "winners": [titles.get(key, key) for key in result.winners],
        "bars": bars,
        "chart_height": max(len(bars), 1) * (CHART_BAR_HEIGHT + CHART_GAP),
        "bar_height": CHART_BAR_HEIGHT,
        "tally_label": tally_label(election),
        "rounds": rounds,
        "ties": [describe_tie(tie, titles) for tie in result.ties],
        "ballots_cast": cast,
        "electorate_size": electorate,
        "turnout_percent": round(100 * cast / electorate, 1) if electorate else None,
    }


def results_json(election):
    result, _rows = run_count(election)
    cast, electorate = turnout(election)
    titles = election.option_titles()
    return {
        "election": str(election.translation_key),
        "question": election.question,
        "options": [
            {"id": key, "title": titles.get(key, key)}
            for key in election.all_option_keys()
        ],
        "ballot_type": election.ballot_type,
        "winners_wanted": election.winners,
        "ballots_cast": cast,
        "electorate_size": electorate,
        "closed": election.is_closed,
        **result.to_dict(),
    }


def ballots_csv(election):
    """One row per ballot: its receipt, then per option a 1 (chosen) or the
    rank given (rankings), empty otherwise. Option ids head the columns,
    titles in the second header row, so anyone can recount."""
    buffer = io.StringIO()
    writer = csvexport.writer(buffer)
    keys = election.all_option_keys()
    titles = election.option_titles()
    writer.writerow(["receipt", *keys])
    writer.writerow(["", *[titles.get(key, key) for key in keys]])
    for ballot in stored_ballots(election).order_by("receipt"):
        if election.ballot_type == BallotType.RANK:
            marks = {key: rank for rank, key in enumerate(ballot.choices, start=1)}
        else:
            marks = dict.fromkeys(ballot.choices, 1)
        writer.writerow([ballot.receipt, *[marks.get(key, "") for key in keys]])
    return buffer.getvalue()
