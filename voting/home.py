"""The elections' section of the home page: the elections taking
nominations or votes now, in the reader's language."""

from .models import ElectionPage


def open_elections(request, locale):
    elections = list(
        ElectionPage.objects.open().filter(locale=locale).order_by("voting_closes_at")
    )
    return {"elections": elections} if elections else None
