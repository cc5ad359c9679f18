"""What events hold about a person (the privacy contract: see
website/privacy.py): their registrations, found by email address or by the
member account with that address."""

from django.db.models import Q

from .models import EventPage, Registration

ERASED_NAME = "—"


def _registrations(email):
    email = email.strip().lower()
    return Registration.objects.filter(
        Q(email__iexact=email) | Q(user__email__iexact=email)
    )


def export_personal_data(email: str) -> dict:
    titles = {
        page.translation_key: page.title
        for page in EventPage.objects.filter(
            translation_key__in=_registrations(email).values("event_key")
        ).order_by("-pk")
    }
    return {
        "event_registrations": [
            {
                "event": titles.get(r.event_key, str(r.event_key)),
                "name": r.name,
                "email": r.email,
                "status": r.status,
                "language": r.language,
                "time_zone": r.time_zone,
                "country": r.country.code or "",
                "registered_at": r.created_at.isoformat(),
                "confirmed_at": r.confirmed_at.isoformat() if r.confirmed_at else None,
                "cancelled_at": r.cancelled_at.isoformat() if r.cancelled_at else None,
                "attended": r.attended,
            }
            for r in _registrations(email).order_by("created_at", "pk")
        ]
    }


def erase_personal_data(email: str, *, keep_comments: bool) -> None:
    """Registrations go; a place they held passes to the waiting list.
    (`keep_comments` concerns comments only: events hold none.)"""
    from . import registration

    for found in _registrations(email):
        if found.status == Registration.Status.REGISTERED:
            event = EventPage.objects.filter(translation_key=found.event_key).first()
            found.delete()
            if event is not None:
                registration.fill_places(event)
        else:
            found.delete()


def activity_section(user) -> dict | None:
    from django.utils.translation import gettext as _

    if not user.email:
        return None
    rows = list(
        _registrations(user.email)
        .exclude(status=Registration.Status.CANCELLED)
        .order_by("-created_at")
    )
    if not rows:
        return None
    pages = {
        page.translation_key: page
        for page in EventPage.objects.live().filter(
            translation_key__in=[r.event_key for r in rows]
        )
    }
    return {
        "title": _("Your events"),
        "template": "events/activity/registrations.html",
        "context": {
            "event_registrations": [
                (pages.get(r.event_key).localized if r.event_key in pages else None, r)
                for r in rows
            ]
        },
    }
