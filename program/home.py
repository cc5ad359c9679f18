"""The program's section of the home page: the rounds that are open for
applications or under way, in the reader's language."""

from .models import RoundPage


def current_rounds(request, locale):
    rounds = [
        round_page
        for round_page in RoundPage.objects.live()
        .filter(locale=locale)
        .order_by("-number")
        if round_page.is_current
    ]
    return {"rounds": rounds} if rounds else None
