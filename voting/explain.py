"""What an election's settings mean, in plain words, for voters.

"Sequential Phragmén", "Top-k approval" or "Choose up to N options" name
a setting; the sentences here say what it does to a ballot. The election
page and the results page show them beside the names (through the
`voting_tags` template tags).
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import BallotType, CountingRule, Electorate

COUNTING = {
    CountingRule.APPROVAL: _("The options ticked on the most ballots win."),
    CountingRule.SEQ_PAV: _(
        "Seats are filled one at a time. Once an option a voter ticked has "
        "won, that voter’s ballot counts for less (a half, then a third, and "
        "so on), so that a large group of voters cannot take every seat."
    ),
    CountingRule.PAV: _(
        "The winners are the set of options that pleases the voters most "
        "overall, where a voter’s second winning option counts half as much "
        "as the first, the third a third, and so on, so that a large group of "
        "voters cannot take every seat."
    ),
    CountingRule.PHRAGMEN: _(
        "Seats are filled one at a time. Each winning option’s weight is "
        "shared among the voters who ticked it, and the next seat goes to the "
        "option whose voters would then carry the least weight, so that groups "
        "of voters win seats in proportion to their size."
    ),
    CountingRule.BORDA: _(
        "Each ranking gives an option one point for every option ranked below "
        "it (options left out get none). The options with the most points win."
    ),
    CountingRule.SCHULZE: _(
        "Options are compared in pairs: an option beats another when more "
        "voters rank it higher, directly or through a chain of such wins. The "
        "option that no other beats wins a seat; it is then set aside and the "
        "comparison is repeated for the next seat."
    ),
    CountingRule.STV: _(
        "Each ballot counts for its first choice. An option that reaches the "
        "quota (the votes needed to win) is elected, and the votes it has "
        "beyond the quota pass on to those voters’ next choices; when no "
        "option reaches it, the one with the fewest votes is excluded and its "
        "ballots pass on. This repeats until every seat is filled."
    ),
    CountingRule.PLURALITY: _("The options chosen on the most ballots win."),
}

SCORES = {
    CountingRule.APPROVAL: _(
        "A score is the number of ballots that ticked the option."
    ),
    CountingRule.SEQ_PAV: _(
        "A score is how much electing the option would add to the voters’ "
        "satisfaction; the highest wins the seat."
    ),
    CountingRule.PAV: _(
        "A score is the number of ballots that ticked the option; the winners "
        "are the set that pleases the voters most, not simply the highest "
        "scores."
    ),
    CountingRule.PHRAGMEN: _(
        "A score is the weight the option’s voters would carry if it won; the "
        "lowest wins the seat."
    ),
    CountingRule.BORDA: _("A score is the option’s number of points."),
    CountingRule.SCHULZE: _(
        "A score is the number of options still in the running that the option beats."
    ),
    CountingRule.STV: _(
        "A score is the votes the option holds at the start of the round "
        "(an elected option keeps the quota)."
    ),
    CountingRule.PLURALITY: _(
        "A score is the number of ballots that chose the option."
    ),
}

ELECTORATE = {
    Electorate.MEMBERS: _("Every signed-in member of the network may vote, once."),
    Electorate.CLOSED: _(
        "Only the people on the organisers’ list vote, each through a personal "
        "link sent to them by email."
    ),
}


def ballot(election):
    """How a voter fills in this election's ballot."""
    if election.ballot_type == BallotType.RANK:
        return _(
            "Number the options in order of preference: 1 for your favourite, "
            "2 for the next, and so on. You may leave out the ones you do not "
            "want to rank."
        )
    if election.ballot_type == BallotType.ONE:
        return _("Choose one option.")
    if election.max_choices:
        return ngettext(
            "Tick up to %(n)d option that you support.",
            "Tick up to %(n)d options that you support.",
            election.max_choices,
        ) % {"n": election.max_choices}
    return _("Tick every option that you support, as many as you like.")


def counting(election):
    """How the ballots are counted, in a sentence or three."""
    return COUNTING.get(election.counting_rule, "")


def scores(election):
    """What the scores in the rounds of the count mean."""
    return SCORES.get(election.counting_rule, "")


def electorate(election):
    """Who may vote, and how."""
    return ELECTORATE.get(election.electorate, "")
