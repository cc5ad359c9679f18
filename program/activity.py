"""The mentoring program's sections of a member's own page
(website.activity): their applications and where each stands, and, once
matches are released, their partners and their check-in."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from website.activity import Section, verified_emails
from website.request_memo import localized

from .links import check_in_token
from .models import Application, Match, MatchSeat
from .models.applications import normalise_email


def applications_of(user):
    """The member's applications: made while logged in, or with an address
    they have verified."""
    keys = {normalise_email(address) for address in verified_emails(user)}
    return Application.objects.filter(Q(user=user) | Q(email_key__in=keys))


def applications(request):
    found = list(
        applications_of(request.user)
        .select_related("round")
        .order_by("-created_at", "-pk")
    )
    if not found:
        return None
    entries = []
    for application in found:
        round_page = localized(application.round)
        url = round_page.get_url(request)
        can_edit = (
            application.user_id == request.user.pk
            and round_page.specific_deferred.accepts_applications
        )
        entries.append(
            {
                "round": round_page.title,
                "url": url,
                "status": application.get_status_display(),
                "date": application.created_at,
                "edit_url": (
                    url + round_page.specific_deferred.reverse_subpage("my_application")
                    if can_edit and url
                    else None
                ),
            }
        )
    return {"entries": entries}


def partners(request):
    """Released matches only: until the organisers release them, proposed
    partners are theirs to change and nobody's to see."""
    seats = list(
        MatchSeat.objects.filter(
            application__in=applications_of(request.user),
            match__status=Match.Status.RELEASED,
        ).select_related(
            "application__round",
            "match__member_a",
            "match__member_b",
            "match__member_c",
        )
    )
    if not seats:
        return None
    entries = []
    for seat in seats:
        round_page = localized(seat.application.round)
        url = round_page.get_url(request)
        entries.append(
            {
                "round": round_page.title,
                "partners": [
                    member
                    for member in seat.match.members
                    if member.pk != seat.application_id
                ],
                "check_in": seat.get_check_in_display(),
                "checked_in_at": seat.checked_in_at,
                "check_in_url": (
                    url
                    + round_page.specific_deferred.reverse_subpage(
                        "check_in", args=[check_in_token(seat)]
                    )
                    if url
                    else None
                ),
            }
        )
    return {"entries": entries}


SECTIONS = [
    Section(
        key="program-applications",
        title=_("Your applications"),
        template="program/activity/applications.html",
        get_context=applications,
        order=40,
    ),
    Section(
        key="program-partners",
        title=_("Your partners"),
        template="program/activity/partners.html",
        get_context=partners,
        order=50,
    ),
]
