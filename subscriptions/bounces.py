"""Hard bounces: an address the mail server refuses for good (an SMTP 5xx
at RCPT, `website.outbox.is_hard_bounce`) is suspended, whatever email it
was, so that no more posts are queued for it. The admin lists suspended
subscriptions with the server's reply; an administrator who knows the
address works again clears the suspension there."""

from django.utils import timezone

from website import outbox

from .models import Subscription


def connect():
    outbox.recipient_refused.connect(suspend, dispatch_uid="subscriptions-bounce")


def suspend(sender, message, error, **kwargs):
    Subscription.objects.filter(
        email__iexact=message.to, suspended_at__isnull=True
    ).update(suspended_at=timezone.now(), suspended_reason=error[:2000])
