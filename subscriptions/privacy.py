"""The email subscription of an address (website/privacy.py's contract)."""

from website.privacy import users_with

from .models import Subscription


def subscriptions_of(email):
    return Subscription.objects.filter(email__iexact=email) | (
        Subscription.objects.filter(user__in=users_with(email))
    )


def export_personal_data(email):
    return {
        "subscriptions": [
            {
                "email": s.email,
                "languages": s.languages,
                "categories": [c.name for c in s.categories.all()],
                "frequency": s.frequency,
                "created": s.created_at.isoformat(),
                "confirmed": s.confirmed_at.isoformat() if s.confirmed_at else None,
                "suspended": s.suspended_at.isoformat() if s.suspended_at else None,
                "suspended_reason": s.suspended_reason,
            }
            for s in subscriptions_of(email).distinct().order_by("pk")
        ]
    }


def erase_personal_data(email, *, keep_comments):
    """Subscriptions are removed (their deliveries with them)."""
    Subscription.objects.filter(
        pk__in=list(subscriptions_of(email).values_list("pk", flat=True))
    ).delete()
