"""The public views of events, reached through the pages' routes:
registering (a fragment: the event page itself is cached), confirming and
cancelling from the links in the emails, the `.ics` and the calendar feed."""

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.utils.translation import gettext as _

from website import ratelimit
from website.fragments import HEADER, is_fragment_request
from website.routes import render_route

from . import calendar, registration
from .forms import GuestRegistrationForm, MemberRegistrationForm
from .models import EventPage, Registration

REGISTER_TEMPLATE = "events/fragments/register.html"


def _render(request, event, template, context, status=200):
    """A page of its own for a link from an email: never cached, and its
    token kept from other sites."""
    response = render_route(event, request, template, context, status)
    add_never_cache_headers(response)
    response["Referrer-Policy"] = "same-origin"
    return response


def _fragment(request, event, context, status=200):
    """The registration box alone for fragments.js (website.fragments),
    else on a page of its own rendered through the event page; never
    cached either way."""
    if is_fragment_request(request):
        response = render(request, REGISTER_TEMPLATE, {"page": event, **context})
        response[HEADER] = "1"
    else:
        response = render_route(event, request, "events/register.html", context)
    response.status_code = status
    patch_vary_headers(response, [HEADER])
    add_never_cache_headers(response)
    return response


def my_registration(request, event):
    if not request.user.is_authenticated or not request.user.email:
        return None
    return (
        Registration.objects.for_event(event)
        .filter(email=request.user.email.strip().lower())
        .exclude(status=Registration.Status.CANCELLED)
        .first()
    )


def register(request, event):
    """GET: the member's registration or the one-click button, or the
    guests' form. POST: register."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    if not event.accepts_registrations():
        return _fragment(
            request,
            event,
            {"closed": True},
            status=403 if request.method == "POST" else 200,
        )
    member = request.user.is_authenticated
    form_class = MemberRegistrationForm if member else GuestRegistrationForm
    if request.method != "POST":
        return _fragment(
            request,
            event,
            {"form": form_class(), "mine": my_registration(request, event)},
        )
    limit, window = getattr(settings, "EVENTS_REGISTRATION_RATE_LIMIT", (20, 3600))
    if not ratelimit.allow(
        "event-registration", ratelimit.client_ip(request), limit, window
    ):
        return _fragment(request, event, {"too_many": True}, status=429)
    form = form_class(request.POST)
    if not form.is_valid():
        return _fragment(request, event, {"form": form}, status=400)
    data = form.cleaned_data
    try:
        if member:
            mine = registration.register_member(
                event, request.user, language=language, time_zone=data["time_zone"]
            )
            return _fragment(request, event, {"mine": mine, "just_registered": True})
        registration.register_guest(
            event,
            name=data["name"],
            email=data["email"],
            language=language,
            time_zone=data["time_zone"],
            country=data["country"] or "",
        )
    except registration.RegistrationClosed:
        return _fragment(request, event, {"closed": True}, status=403)
    # The same answer whether or not the address was registered before.
    return _fragment(request, event, {"check_email": data["email"]})


def _by_token(event, token):
    return Registration.objects.filter(
        event_key=event.translation_key, token=token
    ).first()


def confirm(request, event, token):
    """A guest's link: a button (mail scanners follow links, people press
    buttons), then their place or their turn on the waiting list."""
    template = "events/confirm.html"
    found = _by_token(event, token)
    if found is None:
        return _render(request, event, template, {"unknown": True}, status=404)
    if request.method != "POST" or found.status != Registration.Status.PENDING:
        return _render(request, event, template, {"mine": found, "token": token})
    try:
        found = registration.confirm(event, token)
    except registration.RegistrationClosed:
        return _render(request, event, template, {"closed": True}, status=403)
    return _render(request, event, template, {"mine": found, "confirmed": True})


def cancel(request, event, token):
    template = "events/cancel.html"
    found = _by_token(event, token)
    if found is None:
        return _render(request, event, template, {"unknown": True}, status=404)
    if request.method != "POST" or found.status == Registration.Status.CANCELLED:
        return _render(request, event, template, {"mine": found, "token": token})
    found = registration.cancel(event, found)
    return _render(request, event, template, {"mine": found, "cancelled": True})


def ics_response(content, filename):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def event_ics(request, event):
    """The public `.ics` (no join link: that goes to registered people)."""
    if event.starts_at is None:
        return HttpResponse(
            _("The date of this event is not confirmed yet."),
            status=404,
            content_type="text/plain; charset=utf-8",
        )
    content = calendar.event_calendar(event, url=event.get_full_url(request))
    return ics_response(content, f"{event.slug}.ics")


def calendar_feed(request, index):
    """Every upcoming event of the index's language, for a calendar
    subscription (`webcal:`)."""
    pages = EventPage.objects.upcoming().child_of(index).in_schedule_order()
    content = calendar.feed(
        pages, name=index.title, url_of=lambda page: page.get_full_url(request)
    )
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    return response
