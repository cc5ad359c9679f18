"""The member's subscription on "Your activity" (slot 70)."""

from django.conf import settings
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from website.activity import Section

from . import tokens
from .models import Subscription


def subscription(request):
    found = Subscription.objects.filter(user=request.user).first()
    if found is None:
        return None
    names = dict(settings.LANGUAGES)
    languages = ", ".join(str(names.get(code, code)) for code in found.languages)
    return {
        "subscription": found,
        "token": tokens.manage_token(found),
        "frequency": format_lazy("{}", found.get_frequency_display()).lower(),
        "languages": languages,
    }


SECTIONS = [
    Section(
        key="subscriptions-email",
        title=_("Your email subscription"),
        template="subscriptions/activity/subscription.html",
        get_context=subscription,
        order=70,
    ),
]
