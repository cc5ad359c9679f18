"""Demo subscriptions: a few readers following the blog, one weekly, one
suspended after a bounce; the Organisers may see who subscribes."""

from django.utils import timezone

from website.demo import grant

from .models import Frequency, Subscription

ORDER = 90

READERS = [
    ("reader.en@example.org", ["en"], Frequency.INSTANT, False),
    ("lectora@example.org", ["es"], Frequency.INSTANT, False),
    ("weekly@example.org", ["en", "fr"], Frequency.WEEKLY, False),
    ("bounced@example.org", ["en"], Frequency.INSTANT, True),
]


def build(seed, stdout):
    grant(
        "organiser",
        "subscriptions",
        ["view_subscription", "change_subscription", "delete_subscription"],
    )
    now = timezone.now()
    for email, languages, frequency, bounced in READERS:
        Subscription.objects.get_or_create(
            email=email,
            defaults={
                "languages": languages,
                "frequency": frequency,
                "confirmed_at": now,
                "suspended_at": now if bounced else None,
                "suspended_reason": "550 5.1.1 No such user" if bounced else "",
            },
        )
