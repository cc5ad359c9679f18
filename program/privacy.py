"""Applications, matches and check-ins of an address (website/privacy.py's
contract).

Applications are found by the address (its normalised form, as the
program compares addresses) or by the member account. Erasing anonymises
them rather than deleting them, so that a partner's match and the round's
figures stay whole: the name becomes "a former member", the address an
invalid one of its own, the free text and the tokens go. An application to
a round that has not ended is withdrawn as well, so nobody is matched with,
or emailed about, a person who left.
"""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from website.privacy import users_with

from .models import Application
from .models.applications import normalise_email
from .models.pages import RoundStage

FORMER_MEMBER = "a former member"


def applications_of(email):
    return Application.objects.filter(
        Q(email_key=normalise_email(email)) | Q(user__in=users_with(email))
    ).select_related("round")


def export_personal_data(email):
    exported = []
    for application in applications_of(email).order_by("pk"):
        seat = getattr(application, "seat", None)
        exported.append(
            {
                "round": application.round.title,
                "name": application.name,
                "email": application.email,
                "status": application.status,
                "language": application.language,
                "time_zone": application.time_zone,
                "goals": application.goals,
                "applied": application.created_at.isoformat(),
                "match": {
                    "status": seat.match.status,
                    "check_in": seat.check_in,
                    "checked_in_at": seat.checked_in_at.isoformat()
                    if seat.checked_in_at
                    else None,
                }
                if seat is not None
                else None,
            }
        )
    return {"applications": exported}


def erase_personal_data(email, *, keep_comments):
    with transaction.atomic():
        for application in applications_of(email):
            anchor = application.round.specific.anchor
            if anchor.stage_at(timezone.now()) != RoundStage.FINISHED:
                application.status = Application.Status.WITHDRAWN
            application.name = FORMER_MEMBER
            application.email = f"erased-{application.pk}@erased.invalid"
            application.user = None
            application.goals = ""
            application.edit_token_hash = ""
            application.save()
