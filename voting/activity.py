"""The elections' section of a member's own page (website.activity): the
elections they voted in, each with its receipt code found again without
anything in the database tying it to the ballot (voting.profile)."""

from django.utils.translation import gettext_lazy as _

from website.activity import Section

from .profile import my_elections

SECTIONS = [
    Section(
        key="voting-elections",
        title=_("Elections you voted in"),
        template="voting/activity/elections.html",
        get_context=my_elections,
        order=60,
    ),
]
