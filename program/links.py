"""Absolute links into a round, in the reader's language, and the signed
tokens of check-in links."""

from django.utils.crypto import constant_time_compare, salted_hmac
from wagtail.models import Locale

CHECK_IN_SALT = "program.check-in"


def round_in(anchor, language):
    """The round's page in `language` if it has one, else the anchor."""
    locale = Locale.objects.filter(language_code=language).first()
    if locale is not None:
        translation = anchor.get_translation_or_none(locale)
        if translation is not None and translation.live:
            return translation.specific
    return anchor


def round_link(anchor, language, route, *args, request=None):
    page = round_in(anchor, language)
    base = page.get_full_url(request) or ""
    return base + page.reverse_subpage(route, args=args)


def _signature(seat_pk):
    return salted_hmac(CHECK_IN_SALT, str(seat_pk), algorithm="sha256").hexdigest()[:32]


def check_in_token(seat):
    """`<seat>-<HMAC>`: only letters, digits and a hyphen, as Wagtail's page
    URLs allow (Django's signing uses colons, which they do not)."""
    return f"{seat.pk}-{_signature(seat.pk)}"


def seat_pk_from(token):
    """The seat a check-in token names, or None if it is not one of ours."""
    seat, _dash, signature = token.partition("-")
    if not seat.isdigit() or len(seat) > 12:
        return None
    if not constant_time_compare(signature, _signature(int(seat))):
        return None
    return int(seat)
