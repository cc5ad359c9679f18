"""Signed tokens of the confirmation links: `<pk>-<HMAC>`, only letters,
digits and a hyphen, as Wagtail's routes allow."""

from django.utils.crypto import constant_time_compare, salted_hmac

PHOTO_SALT = "contributions.photo-confirm"


def _signature(pk):
    return salted_hmac(PHOTO_SALT, str(pk), algorithm="sha256").hexdigest()[:32]


def submission_token(submission):
    return f"{submission.pk}-{_signature(submission.pk)}"


def submission_pk_from(token):
    """The submission a token names, or None if it is not one of ours."""
    pk, _dash, signature = token.partition("-")
    if not pk.isdigit() or len(pk) > 12:
        return None
    if not constant_time_compare(signature, _signature(int(pk))):
        return None
    return int(pk)
