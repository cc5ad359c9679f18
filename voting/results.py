"""Loading ballots into the counting module and turning its result into
what the results page, the JSON and the CSV show.

The count itself is `voting.counting.count`, pure and seeded by the
election's `tie_seed`, run once per published election or per ballot cast
(voting.tallies); this module maps option keys to the titles of the
reader's language, lays out the chart (website/charts.py) and streams the ballots CSV.
"""

from fractions import Fraction

from django.db import connection
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _

from website import csvexport
from website.charts import bar_chart

from . import tallies
from .counting import TIE_COMMITTEE, TIE_EXCLUSION
from .electorate import turnout
from .models import Ballot, BallotType


def number(value):
    if isinstance(value, Fraction):
        if value.denominator == 1:
            return str(value.numerator)
        return f"{float(value):.2f}"
    return str(value)


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
    cast, electorate = turnout(election)
    counted = tallies.counted(election, cast)
    result = counted.result
    context = {
        "ballots_cast": cast,
        "electorate_size": electorate,
        "turnout_percent": round(100 * cast / electorate, 1) if electorate else None,
        "tally_label": tally_label(election),
    }
    if electorate:
        # Turnout as a small chart: who voted and who did not, of the voters.
        context["turnout_chart"] = bar_chart(
            [(_("Voted"), cast, True), (_("Did not vote"), max(electorate - cast, 0))],
            total=electorate,
            rtl=get_language_bidi(),
        )
    if not result.ballots_counted:
        # Nobody voted: the lot alone would "elect" options. Say so instead.
        return {**context, "no_ballots": True}
    titles = election.option_titles()
    counts = counted.tally
    winners = set(result.winners)
    # The tally as the site's bar chart (website/charts.py): every option
    # with its count and share of the ballots, most first, the elected ones
    # named so in words as well as in bold.
    tally_chart = bar_chart(
        [
            (titles.get(key, key), value, key in winners)
            for key, value in sorted(
                counts.items(),
                key=lambda item: (-item[1], titles.get(item[0], item[0])),
            )
        ],
        total=counted.ballots,
        rtl=get_language_bidi(),
        highlight_label=_("%(label)s (elected)"),
    )
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
                # Highest score first, as in the tally above: the counter
                # keeps the options in their own order.
                for key, score in sorted(
                    round_.scores.items(),
                    key=lambda item: (-item[1], titles.get(item[0], item[0])),
                )
            ],
            "elected": [titles.get(key, key) for key in round_.elected],
            "eliminated": [titles.get(key, key) for key in round_.eliminated],
        }
        for round_ in result.rounds
    ]
    return {
        **context,
        "result": result,
        "winners": [titles.get(key, key) for key in result.winners],
        "tally_chart": tally_chart,
        "rounds": rounds,
        "ties": [describe_tie(tie, titles) for tie in result.ties],
    }


def results_json(election):
    cast, electorate = turnout(election)
    result = tallies.counted(election, cast).result
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
        # Without ballots the lot alone would pick winners: there are none.
        **({} if result.ballots_counted else {"winners": [], "ties": []}),
    }


def ballots_csv_rows(election):
    """One row per ballot: its receipt, then per option a 1 (chosen) or the
    rank given (rankings), empty otherwise. Option ids head the columns,
    titles in the second header row, so anyone can recount. Rows are made
    as they are read (a server-side cursor on PostgreSQL), so an export of
    any size holds a few thousand ballots in memory at a time."""
    keys = election.all_option_keys()
    yield from _ballots_csv_header(election, keys)
    ranked = election.ballot_type == BallotType.RANK
    ballots = (
        Ballot.objects.filter(election_key=election.translation_key)
        .order_by("receipt")
        .values_list("receipt", "choices")
        .iterator(chunk_size=5000)
    )
    for receipt, choices in ballots:
        if ranked:
            marks = {key: rank for rank, key in enumerate(choices, start=1)}
        else:
            marks = dict.fromkeys(choices, 1)
        yield [receipt, *[marks.get(key, "") for key in keys]]


def _ballots_csv_header(election, keys):
    titles = election.option_titles()
    yield ["receipt", *keys]
    yield ["", *[titles.get(key, key) for key in keys]]


def ballots_csv_lines(election):
    """`ballots_csv_rows` as CSV text, chunk by chunk. On PostgreSQL the
    database writes the ballots' lines itself, BALLOTS_PER_CHUNK to a
    chunk, read through a server-side cursor: 100,000 ballots without a
    Python object, or a round trip, per ballot, and a chunk in memory at a
    time. Elsewhere the rows are written here. Both write the same file,
    byte for byte: the header through the formula-safe writer, then
    receipts (letters, digits and hyphens, nothing to quote or neutralise)
    and numbers, with CRLF line ends as the csv module writes them."""
    if connection.vendor != "postgresql":
        yield from csvexport.lines(ballots_csv_rows(election))
        return
    keys = election.all_option_keys()
    yield from csvexport.lines(_ballots_csv_header(election, keys))
    query, params = _ballots_chunks_sql(election, keys)
    with connection.chunked_cursor() as cursor:
        cursor.execute(query, params)
        while chunk := cursor.fetchone():
            yield chunk[0]


BALLOTS_PER_CHUNK = 5000


def _ballots_chunks_sql(election, keys):
    """The CSV lines of an election's ballots in receipt order, grouped in
    chunks of BALLOTS_PER_CHUNK lines: per option the rank given
    (rankings) or 1 if chosen, an empty cell otherwise."""
    if election.ballot_type == BallotType.RANK:
        # Each ballot's {option: rank}, worked out once per ballot (the
        # last rank given to an option wins, as in ballots_csv_rows).
        marks = (
            "CROSS JOIN LATERAL (SELECT jsonb_object_agg(e.key, e.rank) AS ranks "
            "FROM jsonb_array_elements_text(b.choices) WITH ORDINALITY "
            "AS e(key, rank)) AS m"
        )
        cell = "COALESCE(m.ranks ->> %s, '')"
    else:
        marks = ""
        cell = "CASE WHEN b.choices ? %s THEN '1' ELSE '' END"
    line = " || ',' || ".join(["b.receipt", *[cell] * len(keys)])
    table = connection.ops.quote_name(Ballot._meta.db_table)
    query = (
        "SELECT string_agg(line, '' ORDER BY receipt) FROM ("
        f"SELECT b.receipt, {line} || E'\\r\\n' AS line, "
        "(row_number() OVER (ORDER BY b.receipt) - 1) / %s AS chunk "
        f"FROM {table} AS b {marks} WHERE b.election_key = %s"
        ") AS lines GROUP BY chunk ORDER BY chunk"
    )
    return query, [*keys, BALLOTS_PER_CHUNK, election.translation_key]
