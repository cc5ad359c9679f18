"""The organisers' views of events in the Wagtail admin: who registered
(attendance to tick, a CSV, registrations by country), and creating events
from an election's winners."""

from collections import Counter

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import get_language_bidi, ngettext
from django.utils.translation import gettext as _
from django_countries import countries
from wagtail.models import Page

from website import csvexport
from website.admin_header import page_view_header
from website.charts import bar_chart

from . import elections
from .models import EventPage, Registration

VIEW_ATTENDANCE = "events.view_attendance"


def may_see_registrations(user):
    return user.has_perm(VIEW_ATTENDANCE)


def by_country(registrations):
    """[(country name, count)], most first, "Not given" last."""
    counts = Counter(registration.country.code or "" for registration in registrations)
    rows = [
        (countries.name(code) or code, count)
        for code, count in counts.most_common()
        if code
    ]
    if counts.get(""):
        rows.append((_("Not given"), counts[""]))
    return rows


def registrations_view(request, page_id):
    if not may_see_registrations(request.user):
        raise PermissionDenied
    event = get_object_or_404(EventPage, pk=page_id).source_page
    rows = list(
        Registration.objects.for_event(event)
        .exclude(status=Registration.Status.PENDING)
        .order_by("status", "name", "pk")
    )
    if request.method == "POST":
        attended = {int(pk) for pk in request.POST.getlist("attended") if pk.isdigit()}
        registered = [r for r in rows if r.status == Registration.Status.REGISTERED]
        for row in registered:
            row.attended = row.pk in attended
        Registration.objects.bulk_update(registered, ["attended"])
        messages.success(request, _("Attendance saved."))
        return redirect("events_registrations", event.pk)
    active = [r for r in rows if r.status != Registration.Status.CANCELLED]
    countries_by_count = by_country(active)
    return TemplateResponse(
        request,
        "events/admin/registrations.html",
        {
            "event": event,
            **page_view_header(
                event,
                title=_("Registrations: %s") % event.title,
                label=_("Registrations"),
                edit_label=_("Edit the event page"),
                icon="group",
            ),
            "registrations": rows,
            "registered_count": sum(r.status == "registered" for r in rows),
            "waiting_count": sum(r.status == "waiting" for r in rows),
            "countries": countries_by_count,
            "countries_chart": bar_chart(countries_by_count, rtl=get_language_bidi()),
        },
    )


def attendance_csv(request, page_id):
    if not may_see_registrations(request.user):
        raise PermissionDenied
    event = get_object_or_404(EventPage, pk=page_id).source_page
    registrations = (
        Registration.objects.for_event(event)
        .exclude(status=Registration.Status.PENDING)
        .order_by("status", "name", "pk")
    )
    yes, no = _("yes"), _("no")
    header = [
        _("Name"),
        _("Email"),
        _("Status"),
        _("Country"),
        _("Language"),
        _("Registered"),
        _("Attended"),
    ]
    rows = (
        [
            r.name,
            r.email,
            r.get_status_display(),
            r.country.name if r.country else "",
            r.language,
            r.created_at.isoformat(timespec="seconds"),
            "" if r.attended is None else (yes if r.attended else no),
        ]
        for r in registrations.iterator()
    )
    return csvexport.streaming_response([header, *rows], f"attendance-{event.slug}.csv")


def may_create_events(user, election):
    index = elections.events_index_for(election)
    if index is None:
        return False
    return user.has_perm("voting.run_election") or (
        index.permissions_for_user(user).can_add_subpage()
    )


def from_election(request, page_id):
    """A confirmation listing the winners, then the events made."""
    page = get_object_or_404(Page, pk=page_id)
    if not elections.is_election(page):
        raise PermissionDenied
    election = page.specific
    if not may_create_events(request.user, election):
        raise PermissionDenied
    winners = elections.winning_options(election)
    have = elections.existing_events(election)
    if request.method == "POST" and winners:
        index = elections.events_index_for(election)
        publish = index.permissions_for_user(request.user).can_publish_subpage()
        made = elections.create_events(election, request.user, publish=publish)
        if made:
            messages.success(
                request,
                ngettext(
                    "%(count)d event created, its date to be confirmed.",
                    "%(count)d events created, their dates to be confirmed.",
                    len(made),
                )
                % {"count": len(made)},
            )
        else:
            messages.info(request, _("Every winning option already has its event."))
        return redirect("wagtailadmin_explore", index.pk)
    return TemplateResponse(
        request,
        "events/admin/from_election.html",
        {
            "election": election,
            "page_title": _("Events from “%s”") % election.title,
            "header_icon": "date",
            "winners": [(key, title, have.get(key)) for key, title, _d in winners],
            "missing": [key for key, _t, _d in winners if key not in have],
        },
    )
