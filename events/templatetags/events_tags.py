from django import template
from django.conf import settings
from django.utils import timezone
from wagtail.models import Locale, Site

from website.structured_data import json_ld

from .. import home, times
from ..structured_data import event_data

register = template.Library()


@register.simple_tag
def event_status(event):
    return event.status_at(timezone.now()).label


@register.simple_tag
def event_when(event):
    """ "Thursday 14 May 2026, 14:00 UTC−3, Buenos Aires" (the event's
    zone), or "" without a date."""
    if event.starts_at is None:
        return ""
    return times.when(event.starts_at, event.time_zone)


@register.inclusion_tag(
    "website/includes/site_structured_data.html", takes_context=True
)
def event_structured_data(context, page):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    name = (site.site_name if site else "") or settings.WAGTAIL_SITE_NAME
    url = page.get_full_url(request)
    return {"json_ld": json_ld(event_data(page, url, name)), "request": request}


@register.inclusion_tag("events/includes/next_events.html", takes_context=True)
def next_events(context):
    """The next events of the reader's language (dated ones first), with a
    link to all events: the home page's section, for any other page."""
    try:
        locale = Locale.get_active()
    except Locale.DoesNotExist:
        return {}
    return home.next_events(context.get("request"), locale) or {}
