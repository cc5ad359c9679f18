"""The edges around the matcher: load a round's applications as
`Applicant`s, call `match_applicants()`, store the result.

Locked and released matches are kept as they are (the matcher receives them
as locked groups); every other proposed match is replaced. The whole run is
one transaction: a failure leaves the previous proposal in place.

The matcher's reasons are stored as codes and values (why someone is
unmatched, which rules a locked group breaks, the facts of each link), never
as sentences: program/reasons.py words them in the reader's language.
"""

from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from website import csvexport

from .matching import (
    Applicant,
    MatchInputError,
    MatchResult,
    MatchSettings,
    Pair,
    Weights,
    broken_rules,
    match_applicants,
    score_link,
)
from .models import (
    Application,
    ExcludedPair,
    Interest,
    Match,
    MatchSeat,
    normalise_email,
)
from .reasons import rule_break_data, rule_breaks

__all__ = [
    "InputsChanged",
    "MatchInputError",
    "export_csv",
    "lock",
    "pair_by_hand",
    "rematch",
    "run_matching",
    "swap",
    "unpair",
]


def match_settings(anchor, locked=(), excluded=()):
    return MatchSettings(
        mode=anchor.match_mode,
        allow_same_country=anchor.allow_same_country,
        max_country_share=anchor.max_country_share,
        objective=anchor.match_objective,
        odd_one_out=anchor.odd_one_out,
        seed=anchor.match_seed,
        weights=Weights(
            interests=anchor.weight_interests,
            sector=anchor.weight_sector,
            career_stage_complement=anchor.weight_career_stage,
            timezone=anchor.weight_timezone,
            availability=anchor.weight_availability,
        ),
        first_day=anchor.starts_on,
        last_day=anchor.ends_on,
        min_shared_hours=anchor.min_shared_hours,
        locked=tuple(locked),
        excluded=tuple(excluded),
    )


def interest_names():
    """{translation key: name in the default language} for every interest,
    so applicants choosing in different languages share interests."""
    names = {}
    for key, name, language in Interest.objects.values_list(
        "translation_key", "name", "locale__language_code"
    ).order_by("pk"):
        if key not in names or language == settings.LANGUAGE_CODE:
            names[key] = name
    return names


def load_applicants(anchor):
    """The round's submitted applications as `Applicant`s, with their
    partners of earlier rounds (by email key)."""
    applications = list(
        Application.objects.active()
        .filter(round=anchor)
        .prefetch_related("interests")
        .order_by("pk")
    )
    names = interest_names()
    keys = {a.email_key for a in applications}
    earlier = defaultdict(set)
    seats = (
        MatchSeat.objects.filter(application__email_key__in=keys)
        .exclude(match__round=anchor)
        .values_list("match_id", flat=True)
    )
    mates = defaultdict(set)
    for match_id, key in MatchSeat.objects.filter(match_id__in=seats).values_list(
        "match_id", "application__email_key"
    ):
        mates[match_id].add(key)
    for group in mates.values():
        for key in group:
            earlier[key] |= group - {key}
    applicants = [
        Applicant(
            id=a.pk,
            email_key=a.email_key,
            country=str(a.country),
            languages=frozenset(a.languages),
            sector=a.sector,
            role=a.role,
            career_stage=a.career_stage,
            interests=frozenset(names[i.translation_key] for i in a.interests.all()),
            utc_offset_minutes=a.utc_offset_minutes(anchor.starts_on),
            previous_partners=frozenset(earlier.get(a.email_key, ())),
            time_zone=a.time_zone,
            availability=frozenset(a.availability),
        )
        for a in applications
    ]
    return applications, applicants


def breakdown(pair):
    return {
        "links": [
            {
                "a": link.a,
                "b": link.b,
                "shared_languages": list(link.shared_languages),
                "shared_interests": list(link.shared_interests),
                "same_sector": link.same_sector,
                "career_stage_gap": link.career_stage_gap,
                "minutes_apart": link.minutes_apart,
                "interests": link.interest_points,
                "sector": link.sector_points,
                "career_stage": link.career_stage_points,
                "timezone": link.timezone_points,
                "shared_hours": link.shared_hours,
                "availability": link.availability_points,
                "score": link.score,
            }
            for link in pair.links
        ],
        "mentors": list(pair.mentors),
    }


def create_match(anchor, members, **fields):
    """Store one group and its seats (a seat per member: the database
    refuses a second match for anyone)."""
    members = sorted(members)
    match = Match.objects.create(
        round=anchor,
        member_a_id=members[0],
        member_b_id=members[1],
        member_c_id=members[2] if len(members) > 2 else None,
        **fields,
    )
    MatchSeat.objects.bulk_create(
        MatchSeat(match=match, application_id=member) for member in members
    )
    return match


def matching_inputs(anchor):
    """What one run of matching starts from: the applicants, the groups
    kept as they are (locked or released), the people left out because
    their released match lost a member, the proposed matches to replace,
    and the pairs the organiser unpaired."""
    _applications, applicants = load_applicants(anchor)
    active = {a.id for a in applicants}
    locked, seated, dropped = [], set(), []
    for match in Match.objects.filter(round=anchor).order_by("pk"):
        members = set(match.member_ids)
        if match.status == Match.Status.RELEASED:
            # Sent out: never changed. If a member withdrew since, the
            # others stay out of this run all the same.
            if members <= active:
                locked.append(match.member_ids)
            else:
                seated |= members
        elif match.locked and members <= active:
            locked.append(match.member_ids)
        else:
            dropped.append(match.pk)
    excluded = tuple(
        ExcludedPair.objects.filter(round=anchor)
        .order_by("pk")
        .values_list("application_a_id", "application_b_id")
    )
    applicants = [a for a in applicants if a.id not in seated]
    return applicants, tuple(locked), tuple(dropped), excluded


class InputsChanged(MatchInputError):
    """Applications or matches changed while matching ran: nothing stored."""


def run_matching(round_page, progress=None):
    """Match the round's submitted applications; keep locked and released
    matches. Returns the `MatchResult`. Raises `MatchInputError` when the
    settings or the locked groups cannot be used, or `InputsChanged` when
    applications or matches changed while it ran (nothing is stored then:
    run again).

    The matcher works outside any transaction, so that `progress(phase,
    percent)` can be seen by others while it runs; the result is stored in
    one transaction that first checks its inputs are still the same."""
    report = progress or (lambda phase, percent: None)
    anchor = round_page.anchor
    report("load", 2)
    inputs = matching_inputs(anchor)
    applicants, locked, _dropped, excluded = inputs
    result = match_applicants(
        applicants, match_settings(anchor, locked, excluded), progress=report
    )
    report("save", 96)
    with transaction.atomic():
        # One store at a time per round, and only from unchanged inputs.
        type(anchor).objects.select_for_update().filter(pk=anchor.pk).first()
        if matching_inputs(anchor) != inputs:
            raise InputsChanged(
                _(
                    "applications or matches changed while matching ran; "
                    "nothing was stored: run it again"
                )
            )
        Match.objects.filter(pk__in=inputs[2]).delete()
        store(anchor, result)
    report("done", 100)
    return result


def store(anchor, result: MatchResult):
    for pair in result.pairs:
        if pair.locked:
            Match.objects.filter(round=anchor, member_a_id=min(pair.members)).update(
                score=pair.score,
                rule_breaks=rule_break_data(pair.breaks),
            )
            continue
        create_match(anchor, pair.members, score=pair.score, breakdown=breakdown(pair))
    unmatched = {u.applicant_id: u for u in result.unmatched}
    applications = list(Application.objects.filter(round=anchor))
    for application in applications:
        why = unmatched.get(application.pk)
        application.unmatched_reason = str(why.reason) if why else ""
        application.unmatched_values = dict(why.values) if why else {}
    Application.objects.bulk_update(
        applications, ["unmatched_reason", "unmatched_values"], batch_size=500
    )


def lock(match, locked=True):
    Match.objects.filter(pk=match.pk).update(locked=locked)


def dissolve(match):
    """Delete `match` and remember not to pair its members together again."""
    with transaction.atomic():
        ids = sorted(match.member_ids)
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                ExcludedPair.objects.get_or_create(
                    round=match.round, application_a_id=a, application_b_id=b
                )
        match.delete()


def unpair(match):
    """Dissolve a proposed match and remember not to pair its members again."""
    if match.status == Match.Status.RELEASED:
        raise MatchInputError(_("A released match cannot be unpaired."))
    dissolve(match)


def rematch(match):
    """Give the members of a released match that did not connect a new
    chance: the match is dissolved, its members are not paired with each
    other again, and the next run of matching proposes new partners for them
    (released with a new email, since the match is new)."""
    if match.status != Match.Status.RELEASED or match.connected:
        raise MatchInputError(
            _("only a released match that has not connected can be re-matched")
        )
    dissolve(match)


CSV_COLUMNS = [
    "match",
    "status",
    "locked",
    "score",
    "member",
    "email",
    "country",
    "languages",
    "check_in",
    "explanation",
]


def export_csv(anchor, stream):
    """Write the round's matches and unmatched applications as CSV. Column
    names and codes (status, country, languages) are fixed; the explanation
    column (why a match was made, why someone is unmatched) is in the active
    language, on the desk the organiser's admin language."""
    writer = csvexport.writer(stream)
    writer.writerow(CSV_COLUMNS)
    seats = MatchSeat.objects.filter(match__round=anchor).select_related(
        "match__member_a", "match__member_b", "match__member_c", "application"
    )
    for seat in seats.order_by("match_id", "application_id"):
        a = seat.application
        writer.writerow(
            [
                seat.match_id,
                seat.match.status,
                seat.match.locked,
                seat.match.score,
                a.display_name,
                a.email,
                a.country.code,
                " ".join(a.languages),
                seat.check_in,
                seat.match.explanation,
            ]
        )
    for a in Application.objects.filter(round=anchor, seat__isnull=True).order_by("pk"):
        writer.writerow(
            [
                "",
                a.status,
                "",
                "",
                a.display_name,
                a.email,
                a.country.code,
                " ".join(a.languages),
                "",
                a.get_unmatched_reason_display(),
            ]
        )
    return stream


def not_connected(anchor, older_than=None):
    """Released matches where nobody has said they connected."""
    matches = Match.objects.filter(
        round=anchor, status=Match.Status.RELEASED, connected=False
    )
    if older_than is not None:
        matches = matches.filter(seats__released_at__lte=timezone.now() - older_than)
    return matches.distinct()


def pair_by_hand(anchor, application_ids):
    """Store a locked group the organiser chose (two or three applications
    not yet in a match), with its score and the rules it breaks, if any.
    Raises `MatchInputError` for a group that cannot be stored."""
    ids = sorted(set(application_ids))
    if len(ids) not in (2, 3) or len(ids) != len(application_ids):
        raise MatchInputError(_("choose two or three different people"))
    with transaction.atomic():
        _applications, applicants = load_applicants(anchor)
        by_id = {a.id: a for a in applicants}
        if any(i not in by_id for i in ids):
            raise MatchInputError(
                _("only submitted applications of this round can be paired")
            )
        if MatchSeat.objects.filter(application_id__in=ids).exists():
            raise MatchInputError(_("someone chosen is already in a match"))
        members = [by_id[i] for i in ids]
        settings_ = match_settings(anchor)
        if len({normalise_email(m.email_key) for m in members}) < len(members):
            raise MatchInputError(_("the same person is chosen twice"))
        pair = hand_made_pair(members, settings_)
        return create_match(
            anchor,
            ids,
            score=pair.score,
            breakdown=breakdown(pair),
            rule_breaks=rule_break_data(pair.breaks),
            locked=True,
        )


def hand_made_pair(members, settings_):
    """The `Pair` of a group the organiser formed, with its score, its
    reasons and the rules it breaks (in mentor/mentee mode only the links
    between a mentor and a mentee count, as in the matcher)."""
    mentor_mode = settings_.mode == "mentor_mentee"
    links = [
        score_link(a, b, settings_)
        for x, a in enumerate(members)
        for b in members[x + 1 :]
        if not mentor_mode or (a.role == "mentor") != (b.role == "mentor")
    ]
    return Pair(
        members=tuple(sorted(m.id for m in members)),
        links=tuple(links),
        mentors=tuple(sorted(m.id for m in members if m.role == "mentor"))
        if mentor_mode
        else (),
        locked=True,
        breaks=broken_rules(members, settings_),
    )


class SwapRefused(MatchInputError):
    """The swap cannot be made; the message says why, for the organiser."""


def swap(anchor, first_id, second_id):
    """Swap two people of different proposed matches: each takes the
    other's place, so each gets the other's partners. Both matches are
    locked afterwards, so re-running matching keeps the organiser's choice.

    Refused (`SwapRefused`, nothing changed) when either match is released
    or locked, when both are in the same match, or when a new group would
    break a hard rule. Returns the two updated matches."""
    with transaction.atomic():
        seats = {
            seat.application_id: seat
            for seat in MatchSeat.objects.select_for_update(of=("self",))
            .filter(match__round=anchor, application_id__in=[first_id, second_id])
            .select_related("match", "application")
        }
        if first_id == second_id or len(seats) != 2:
            raise SwapRefused(_("Choose two different people who are in matches."))
        first, second = seats[first_id], seats[second_id]
        if first.match_id == second.match_id:
            raise SwapRefused(
                _("%(a)s and %(b)s are already in the same match.")
                % {"a": first.application.name, "b": second.application.name}
            )
        for seat in (first, second):
            if seat.match.status == Match.Status.RELEASED:
                raise SwapRefused(
                    _("The match of %(name)s is released: it cannot change.")
                    % {"name": seat.application.name}
                )
            if seat.match.locked:
                raise SwapRefused(
                    _("The match of %(name)s is locked: unlock it first.")
                    % {"name": seat.application.name}
                )
        _applications, applicants = load_applicants(anchor)
        by_id = {a.id: a for a in applicants}
        groups = [
            [m for m in first.match.member_ids if m != first_id] + [second_id],
            [m for m in second.match.member_ids if m != second_id] + [first_id],
        ]
        if any(m not in by_id for group in groups for m in group):
            raise SwapRefused(_("Someone in these matches has withdrawn."))
        excluded = ExcludedPair.objects.filter(round=anchor).values_list(
            "application_a_id", "application_b_id"
        )
        settings_ = match_settings(anchor, excluded=excluded)
        names = dict(
            Application.objects.filter(
                pk__in=[m for group in groups for m in group]
            ).values_list("pk", "name")
        )
        pairs = [
            hand_made_pair([by_id[m] for m in group], settings_) for group in groups
        ]
        broken = rule_break_data(b for pair in pairs for b in pair.breaks)
        if broken:
            raise SwapRefused(
                _("This swap would break a rule: %(rules)s.")
                % {"rules": rule_breaks(broken, names)}
            )
        matches = [first.match, second.match]
        for match, pair in zip(matches, pairs, strict=True):
            members = sorted(pair.members)
            match.member_a_id, match.member_b_id = members[0], members[1]
            match.member_c_id = members[2] if len(members) > 2 else None
            match.score = pair.score
            match.breakdown = breakdown(pair)
            match.rule_breaks = []
            match.locked = True
            match.save()
        first.match, second.match = matches[1], matches[0]
        MatchSeat.objects.bulk_update([first, second], ["match"])
    return matches
