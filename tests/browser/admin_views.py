"""The admin views we wrote, or set up on Wagtail's generic views, each with
the demo account that uses it and its main actions ((role, accessible
name) for Playwright's `get_by_role`): for the phone-width test
(test_staff_use_their_admin_views_on_a_phone.py) and `make screenshots`.
Call inside a test that has loaded the demo."""

import re

from events.models import EventPage
from program.models import RoundPage
from voting.models import ElectionPage


def desk_views():
    round_page = RoundPage.objects.get(locale__language_code="en", number=3)
    return {
        "Matching": (
            "/admin/program/matching/",
            [("link", "Round 3")],
        ),
        "Matching desk": (
            f"/admin/program/matching/{round_page.pk}/",
            [
                ("link", "Export CSV"),
                ("button", re.compile("^Re-run matching|^Run matching")),
                ("button", "Release the matches not sent yet"),
                ("button", "Show"),
                ("button", re.compile("^Remind those not connected")),
                # The first check-in row's menu (Re-match…).
                ("button", re.compile("^More options for")),
            ],
        ),
    }


def election_views():
    views = {}
    for election in ElectionPage.objects.filter(locale__language_code="en"):
        actions = [("link", "Edit the election page")]
        if election.is_voting_open:
            actions.append(("link", "Close voting now"))
        elif election.results_published:
            actions.append(("link", "See the results"))
        views[f"Election dashboard: {election.title}"] = (
            f"/admin/elections/{election.pk}/",
            actions,
        )
    return views


def registrations_views():
    event = EventPage.objects.get(
        locale__language_code="en", title="Library services for refugees"
    )
    return {
        "Registrations": (
            f"/admin/events/{event.pk}/registrations/",
            [
                ("link", "Edit the event page"),
                ("link", "Download the attendance (CSV)"),
                ("button", "Save attendance"),
            ],
        )
    }


# A generic listing's own actions: its filters, its search and the first
# row's menu.
LISTING_ACTIONS = [
    ("button", "Show filters"),
    ("textbox", re.compile("^Search")),
    ("button", re.compile("^More options for")),
]


def staff_views():
    """{demo account's email: {view's name: (path, main actions)}}."""
    return {
        "organiser@example.org": {
            **desk_views(),
            **election_views(),
            **registrations_views(),
        },
        "moderator@example.org": {
            "Comments": ("/admin/snippets/blog/blogcomment/", LISTING_ACTIONS),
        },
        "admin@example.org": {
            "Outgoing email": ("/admin/outbox/", LISTING_ACTIONS),
        },
    }
