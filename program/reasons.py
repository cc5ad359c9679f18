"""Why, in the reader's language: sentences for the codes that the pure
modules give.

program/matching and program/rotations know nothing of Django or languages:
they say why someone is unmatched (a `Reason` and its values), which hard
rules a group breaks (`RuleBreak`s), why two people fit (a `Link`'s facts)
and why a timetable cannot be made (`ScheduleError.code` and values). The
database keeps those codes and values (`Application.unmatched_reason` and
`unmatched_values`, `Match.rule_breaks` and `breakdown`), never sentences,
and the functions below make the sentences with gettext when a page is
rendered, in the active language: on the Matching desk, the organiser's own
admin language.
"""

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django_countries import countries

from .matching import Reason, Rule

# Why someone is unmatched, for the reasons whose sentence has no number:
# {(reason, variant): sentence}. The variant is the missing partner's role in
# mentor/mentee mode (None in peer mode), or the round's odd-one-out setting.
UNMATCHED = {
    (Reason.NO_ROLE, None): gettext_lazy("No role given (mentor or mentee)."),
    (Reason.NO_ONE_ELSE, None): gettext_lazy("No one else is in the pool."),
    (Reason.NO_ONE_ELSE, "mentor"): gettext_lazy("No mentor is in the pool."),
    (Reason.NO_ONE_ELSE, "mentee"): gettext_lazy("No mentee is in the pool."),
    (Reason.NO_SHARED_LANGUAGE, None): gettext_lazy("No one shares a language."),
    (Reason.NO_SHARED_LANGUAGE, "mentor"): gettext_lazy("No mentor shares a language."),
    (Reason.NO_SHARED_LANGUAGE, "mentee"): gettext_lazy("No mentee shares a language."),
    (Reason.ONLY_SAME_COUNTRY, None): gettext_lazy(
        "Everyone who shares a language is from the same country."
    ),
    (Reason.ONLY_PREVIOUS_PARTNERS, None): gettext_lazy(
        "The only compatible people are previous partners."
    ),
    (Reason.ONLY_EXCLUDED, None): gettext_lazy(
        "The only compatible people were unpaired by the organiser."
    ),
    (Reason.TOO_LITTLE_SHARED_TIME, None): gettext_lazy(
        "No one else is free at the same times for long enough each week."
    ),
    (Reason.ODD_ONE_OUT, "trio"): gettext_lazy(
        "Odd one out: all compatible people are taken and no pair can take a third."
    ),
    (Reason.ODD_ONE_OUT, "wait"): gettext_lazy(
        "Odd one out: waiting for the next round."
    ),
}

# Rules a group breaks, as clauses that are joined into one sentence.
RULE_BREAKS = {
    Rule.SAME_PERSON: gettext_lazy("%(a)s and %(b)s are the same person"),
    Rule.PREVIOUS_PARTNERS: gettext_lazy("%(a)s and %(b)s were partners before"),
    Rule.SAME_COUNTRY: gettext_lazy("%(a)s and %(b)s are from the same country"),
    Rule.NO_SHARED_LANGUAGE: gettext_lazy("%(a)s and %(b)s share no language"),
    Rule.UNPAIRED_BY_ORGANISER: gettext_lazy(
        "%(a)s and %(b)s were unpaired by the organiser"
    ),
    Rule.TOO_LITTLE_SHARED_TIME: gettext_lazy(
        "%(a)s and %(b)s are free at the same time for fewer hours a week than "
        "the round asks"
    ),
    Rule.NEEDS_MENTOR_AND_MENTEE: gettext_lazy("a group needs a mentor and a mentee"),
}

# Why a timetable cannot be made (rotations.SCHEDULE_ERRORS), as clauses that
# follow "The timetable cannot be made:"; "too_many_rotations" has numbers.
SCHEDULE_ERRORS = {
    "no_rotations": gettext_lazy("plan at least one rotation"),
    "no_room": gettext_lazy("a table needs room for at least one mentee"),
    "listed_twice": gettext_lazy("someone is listed twice"),
    "mentor_and_mentee": gettext_lazy(
        "someone is listed both as a mentor and as a mentee"
    ),
    "no_mentors": gettext_lazy("there are no mentors to sit at the tables"),
    "no_fit": gettext_lazy("no timetable fits these numbers and preferences"),
    "not_regular": gettext_lazy("an internal error stopped the timetable"),
}


def unmatched(reason, values=None, country=""):
    """Why an application is not matched, from its `Reason` code and values
    (see `matching.Unmatched`); `country` is the applicant's, for a country
    cap recorded without one. "" when there is no reason."""
    values = values or {}
    if reason == Reason.DUPLICATE_APPLICATION:
        return _("Another application by the same person (#%(kept)s) is used.") % {
            "kept": values.get("kept", "?")
        }
    if reason == Reason.COUNTRY_CAP:
        code = values.get("country") or country
        name = countries.name(code) or code
        if "cap" not in values:  # recorded before the cap was kept
            return _("Country cap: %(country)s already has its share of places.") % {
                "country": name
            }
        cap = values["cap"]
        return ngettext(
            "Country cap: %(country)s already has its share of places "
            "(%(cap)d person).",
            "Country cap: %(country)s already has its share of places "
            "(%(cap)d people).",
            cap,
        ) % {"country": name, "cap": cap}
    if reason == Reason.TOO_LITTLE_SHARED_TIME and "hours" in values:
        return _(
            "No one else is free at the same times for %(hours)s hours a week."
        ) % {"hours": hours_number(values["hours"])}
    if reason == Reason.ODD_ONE_OUT:
        variant = values.get("odd_one_out", "trio")
    else:
        variant = values.get("partner")
    sentence = UNMATCHED.get((reason, variant))
    return str(sentence) if sentence is not None else str(reason)


def rule_breaks(breaks, names):
    """The rules a group breaks, as one "; "-separated clause list, from
    `Match.rule_breaks` ([{"rule": code, "people": [id, id]}]); people are
    named by `names` (application id: name), else by their id."""
    clauses = []
    for broken in breaks:
        sentence = RULE_BREAKS.get(broken.get("rule"))
        if sentence is None:  # a warning recorded in words before codes
            clauses.append(broken.get("text", ""))
            continue
        people = [names.get(x, x) for x in broken.get("people", ())]
        if len(people) == 2:
            clauses.append(sentence % {"a": people[0], "b": people[1]})
        else:
            clauses.append(str(sentence))
    return "; ".join(clauses)


def rule_break_data(breaks):
    """`matching.RuleBreak`s as stored in `Match.rule_breaks`."""
    return [{"rule": str(b.rule), "people": list(b.people)} for b in breaks]


def link_reasons(link, language_names, sector_names):
    """Why two people fit, from one link of `Match.breakdown`: the languages
    and interests they share, the same sector, how far apart their career
    stages and time zones are. Names of codes come from `language_names` and
    `sector_names` (code: name)."""
    parts = []
    if languages := link.get("shared_languages"):
        names = ", ".join(str(language_names.get(code, code)) for code in languages)
        parts.append(_("shared languages: %(languages)s") % {"languages": names})
    if interests := link.get("shared_interests"):
        parts.append(
            _("shared interests: %(interests)s") % {"interests": ", ".join(interests)}
        )
    if sector := link.get("same_sector"):
        parts.append(
            _("same sector: %(sector)s") % {"sector": sector_names.get(sector, sector)}
        )
    if steps := abs(link.get("career_stage_gap") or 0):
        parts.append(
            ngettext(
                "%(count)d career stage apart", "%(count)d career stages apart", steps
            )
            % {"count": steps}
        )
    parts.append(time_apart(link.get("minutes_apart", 0)))
    if (hours := link.get("shared_hours")) is not None:
        parts.append(shared_time(hours))
    return "; ".join(parts)


def shared_time(hours):
    """How many hours a week two people are free at the same time."""
    if not hours:
        return _("never free at the same time")
    return _("free at the same time %(hours)s hours a week") % {
        "hours": hours_number(hours)
    }


def hours_number(hours):
    """A number of hours in the active language's format: 5, 15.25 (15,25)."""
    hours = float(hours)
    return formats.number_format(int(hours) if hours.is_integer() else hours)


def time_apart(minutes):
    """How far apart two time zones are."""
    hours, rest = divmod(minutes, 60)
    if not minutes:
        return _("same time zone")
    if not rest:
        return ngettext("%(count)d hour apart", "%(count)d hours apart", hours) % {
            "count": hours
        }
    if not hours:
        return ngettext(
            "%(count)d minute apart", "%(count)d minutes apart", minutes
        ) % {"count": minutes}
    return _("%(hours)d h %(minutes)d min apart") % {"hours": hours, "minutes": rest}


def match_explanation(breakdown, names, language_names, sector_names):
    """Why a match was made, from its `Match.breakdown`: a pair's reasons,
    or a trio's link by link, people named by `names` (id: name)."""
    links = (breakdown or {}).get("links", [])
    if len(links) == 1:
        return link_reasons(links[0], language_names, sector_names)
    return " | ".join(
        _("%(a)s and %(b)s: %(reasons)s")
        % {
            "a": names.get(link.get("a"), link.get("a")),
            "b": names.get(link.get("b"), link.get("b")),
            "reasons": link_reasons(link, language_names, sector_names),
        }
        for link in links
    )


# The criteria of a link's score, in the order the desk lists them:
# (key of the link in `Match.breakdown`, name).
SCORE_PARTS = [
    ("interests", gettext_lazy("Shared interests")),
    ("sector", gettext_lazy("Same sector")),
    ("career_stage", gettext_lazy("Career stages")),
    ("timezone", gettext_lazy("Time zones")),
    ("availability", gettext_lazy("Free at the same time")),
]


def score_parts(breakdown):
    """What a match's score is made of, from its `Match.breakdown`: each
    criterion's points, summed over the group's links (a trio has three),
    as [(name, points)]; criteria that gave no points are left out."""
    links = (breakdown or {}).get("links", [])
    parts = []
    for key, name in SCORE_PARTS:
        points = sum(link.get(key) or 0 for link in links)
        if points:
            parts.append((str(name), points))
    return parts


def schedule_error(error):
    """Why a timetable cannot be made, from a `rotations.ScheduleError`, as
    clauses that follow "The timetable cannot be made:"."""
    if error.code == "too_many_rotations":
        values = error.values
        return "; ".join(
            [
                ngettext(
                    "each mentee would have to meet %(count)d different mentor",
                    "each mentee would have to meet %(count)d different mentors",
                    values["needed"],
                )
                % {"count": values["needed"]},
                ngettext(
                    "there is only %(count)d mentor",
                    "there are only %(count)d mentors",
                    values["mentors"],
                )
                % {"count": values["mentors"]},
                ngettext(
                    "plan at most %(count)d rotation",
                    "plan at most %(count)d rotations",
                    values["most"],
                )
                % {"count": values["most"]},
            ]
        )
    return str(SCHEDULE_ERRORS.get(error.code, error))
