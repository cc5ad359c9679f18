"""The signed links of a subscription.

The manage and unsubscribe link never expires (an old email's unsubscribe
link must keep working) and stops working when the subscription is gone:
it signs the subscription's random `key`. The confirmation link expires
after CONFIRM_MAX_AGE. Every token is URL-safe text (the outbox hides it
in the stored message: `outbox.send(..., secrets=[token])`).
"""

from django.core import signing

CONFIRM_MAX_AGE = 7 * 24 * 3600

_manage = signing.Signer(salt="subscriptions.manage")
_confirm = signing.TimestampSigner(salt="subscriptions.confirm")


def manage_token(subscription):
    return _manage.sign(subscription.key)


def confirm_token(subscription):
    return _confirm.sign(subscription.key)


def manage_key(token):
    """The key a manage or unsubscribe token signs, None if it is not one
    of ours."""
    try:
        return _manage.unsign(token)
    except signing.BadSignature:
        return None


def subscription_for_manage(token):
    """The subscription a manage or unsubscribe token names, or None."""
    from .models import Subscription

    key = manage_key(token)
    return Subscription.objects.filter(key=key).first() if key else None


def subscription_for_confirm(token):
    from .models import Subscription

    try:
        key = _confirm.unsign(token, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature:  # includes SignatureExpired
        return None
    return Subscription.objects.filter(key=key).first()
