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
