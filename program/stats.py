"""Numbers per round for the program page, in a fixed number of queries
whatever the number of rounds."""

from collections import defaultdict

from django.db.models import Count, Q

from .models import Application, Match


def round_numbers(rounds):
    """{translation key: {"participants", "countries", "pairs", "connected"}}
    for the given round pages (any language version)."""
    keys = {round_page.translation_key for round_page in rounds}
    numbers = defaultdict(
        lambda: {"participants": 0, "countries": 0, "pairs": 0, "connected": 0}
    )
    if not keys:
        return numbers
    applications = (
        Application.objects.active()
        .filter(round__translation_key__in=keys)
        .values("round__translation_key")
        .annotate(participants=Count("pk"), countries=Count("country", distinct=True))
    )
    for row in applications:
        numbers[row["round__translation_key"]].update(
            participants=row["participants"], countries=row["countries"]
        )
    matches = (
        Match.objects.filter(round__translation_key__in=keys)
        .values("round__translation_key")
        .annotate(pairs=Count("pk"), connected=Count("pk", filter=Q(connected=True)))
    )
    for row in matches:
        numbers[row["round__translation_key"]].update(
            pairs=row["pairs"], connected=row["connected"]
        )
    return numbers


# A country with fewer participants than this is counted under "Other
# countries" on the public round page, so that no one person stands out.
SMALLEST_PUBLIC_GROUP = 3
# A small chart: the countries with the most participants, then the rest.
MOST_COUNTRIES_SHOWN = 8


def participants_by_country(round_page, smallest_group=1, most=MOST_COUNTRIES_SHOWN):
    """[(country name in the reader's language, participants)] of a round's
    active applications, most first (ties by name): the `most` largest
    countries of at least `smallest_group` participants, then the others
    summed as one last row, "Other countries". One query."""
    from django.utils.translation import gettext as _
    from django_countries import countries

    rows = (
        Application.objects.active()
        .for_round(round_page)
        .values("country")
        .annotate(participants=Count("pk"))
    )
    named, others = [], 0
    for row in rows:
        if row["participants"] < smallest_group:
            others += row["participants"]
        else:
            named.append(
                (countries.name(row["country"]) or row["country"], row["participants"])
            )
    named.sort(key=lambda pair: (-pair[1], pair[0]))
    others += sum(participants for _name, participants in named[most:])
    named = named[:most]
    if others:
        named.append((_("Other countries"), others))
    return named


def pairs_by_countries(matches, smallest_group=1, most=MOST_COUNTRIES_SHOWN):
    """[("Italy – Japan", pairs)] for matches whose members are loaded
    (`select_related`): how often each combination of countries was
    matched, most first; the combinations of fewer than `smallest_group`
    matches and those past the `most` largest are summed as one last row,
    "Other combinations". No query."""
    from collections import Counter

    from django.utils.translation import gettext as _

    combinations = Counter()
    for match in matches:
        members = [match.member_a, match.member_b, match.member_c]
        names = sorted(str(member.country.name) for member in members if member)
        combinations[" – ".join(names)] += 1
    rows = sorted(
        (pair for pair in combinations.items() if pair[1] >= smallest_group),
        key=lambda pair: (-pair[1], pair[0]),
    )
    others = sum(combinations.values()) - sum(count for _name, count in rows[:most])
    rows = rows[:most]
    if others:
        rows.append((_("Other combinations"), others))
    return rows
