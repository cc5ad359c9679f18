"""The organiser's matching desk in the Wagtail admin, one page per round:
run matching, review the pairs with their reasons and the unmatched with
theirs, lock or unpair, re-run for the rest, export CSV, release in batches,
re-send, and see who has not connected."""

import datetime
import io
from functools import wraps

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.ui.tables import Column, Table, TitleColumn
from wagtail.admin.widgets import HeaderButton
from wagtail.log_actions import log

from website.charts import bar_chart
from website.permissions import admin_forbidden

from .matching import MatchInputError
from .models import Application, Match, MatchingRun, MatchSeat, RoundPage
from .release import (
    LeftTheSite,
    delivery_label,
    delivery_states,
    release_matches,
    resend,
    send_reminders,
)
from .stats import pairs_by_countries, participants_by_country
from .storage import (
    export_csv,
    lock,
    not_connected,
    pair_by_hand,
    rematch,
    swap,
    unpair,
)
from .tasks import AlreadyRunning, start_matching

PERMISSION = "program.change_match"


def organiser_required(view):
    """Every view of the desk: 403 for anyone without the organisers' right,
    whatever else they may do with the round's pages."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            return admin_forbidden(
                request,
                _(
                    "Only the program’s organisers can use the Matching desk. "
                    "Editing or translating a round’s page does not give that "
                    "right."
                ),
            )
        return view(request, *args, **kwargs)

    return wrapped


def with_round(view):
    """A view of one round's desk: called with the round's anchor (its
    source page, where applications and matches belong) for the URL's
    `round_id`, which may be any language's page of the round; 404 for no
    round."""

    @wraps(view)
    def wrapped(request, *args, round_id, **kwargs):
        anchor = get_object_or_404(RoundPage, pk=round_id).anchor
        return view(request, anchor, *args, **kwargs)

    return wrapped


def back_to_desk(anchor):
    """Where every action of the desk ends: the round's desk."""
    return redirect("program_round_desk", round_id=anchor.pk)


class ReleaseForm(forms.Form):
    batch_size = forms.IntegerField(
        label=gettext_lazy("People per batch"), min_value=1, max_value=10000, initial=50
    )
    first_at = forms.DateTimeField(
        label=gettext_lazy("First batch at"),
        required=False,
        help_text=gettext_lazy("Empty: now. Format: 2018-03-01 09:00."),
    )
    interval_hours = forms.IntegerField(
        label=gettext_lazy("Hours between batches"),
        min_value=0,
        max_value=24 * 30,
        initial=24,
    )


def source_rounds():
    """One row per round: the source page of each set of translations."""
    seen, rounds = set(), []
    for round_page in RoundPage.objects.order_by("pk"):
        if round_page.translation_key not in seen:
            seen.add(round_page.translation_key)
            rounds.append(round_page)
    return sorted(rounds, key=lambda r: (-r.number, r.pk))


def admin_chrome(title, *trail):
    """What Wagtail's admin layout (wagtailadmin/generic/base.html) needs:
    the title, the icon, and the breadcrumbs from Home to `trail`
    ((url, label) pairs) and the page itself."""
    return {
        "header_title": title,
        "header_icon": "group",
        "breadcrumbs_items": [
            {"url": reverse("wagtailadmin_home"), "label": _("Home")},
            *({"url": url, "label": label} for url, label in trail),
            {"url": "", "label": title},
        ],
    }


def rounds_table(rounds):
    """The rounds, each leading to its desk, as a Wagtail listing table."""
    return Table(
        [
            TitleColumn(
                "title",
                label=_("Round"),
                url_name="program_round_desk",
            ),
            Column("stage_label", label=_("Status")),
        ],
        rounds,
        caption=_("Rounds"),
        classname="listing",
    )


@organiser_required
def index(request):
    rounds = source_rounds()
    return TemplateResponse(
        request,
        "program/admin/index.html",
        {
            "rounds": rounds,
            "table": rounds_table(rounds),
            **admin_chrome(_("Matching")),
        },
    )


# Rows per page of each of the desk's lists: a round of thousands of
# applicants renders in bounded time and size (issue #23).
DESK_PAGE_SIZE = 50


def desk_page(request, queryset, param, anchor):
    """One page of one of the desk's lists, from its own query parameter
    (`param`), so paging one list keeps the others' pages and the check-in
    filter; a bad or too large number gives the nearest page rather than a
    404. Its `previous_url` and `next_url` lead back to the list's heading
    (`anchor`)."""
    page = Paginator(queryset, DESK_PAGE_SIZE).get_page(request.GET.get(param))

    def url(number):
        query = request.GET.copy()
        query[param] = number
        return f"?{query.urlencode()}#{anchor}"

    page.param = param
    page.previous_url = url(page.previous_page_number()) if page.has_previous() else ""
    page.next_url = url(page.next_page_number()) if page.has_next() else ""
    return page


def swappable_seats(anchor):
    """The seats whose people the organiser may still swap: in proposed
    matches that are not locked."""
    return MatchSeat.objects.filter(
        match__round=anchor, match__status=Match.Status.PROPOSED, match__locked=False
    )


@organiser_required
@with_round
def round_desk(request, anchor):
    matches = desk_page(
        request,
        Match.objects.filter(round=anchor)
        .select_related("member_a", "member_b", "member_c")
        .prefetch_related("seats__application")
        .order_by("pk"),
        "page",
        "matches-heading",
    )
    states = delivery_states(
        seat.message_key for match in matches for seat in match.seats.all()
    )
    now = timezone.now()
    for match in matches:
        for seat in match.seats.all():
            seat.delivery = delivery_label(
                states.get(seat.message_key, ""), seat.released_at, now
            )
    unmatched = desk_page(
        request,
        Application.objects.active()
        .filter(round=anchor, seat__isnull=True)
        .order_by("pk"),
        "unmatched",
        "unmatched-heading",
    )
    days = days_from(request.GET)
    rtl = translation.get_language_bidi()
    # The chart counts every match, so it reads only the members' countries.
    all_matches = (
        Match.objects.filter(round=anchor)
        .select_related("member_a", "member_b", "member_c")
        .only("member_a__country", "member_b__country", "member_c__country")
    )
    return TemplateResponse(
        request,
        "program/admin/round.html",
        {
            "round_page": anchor,
            "countries_chart": bar_chart(participants_by_country(anchor), rtl=rtl),
            "pairs_chart": bar_chart(pairs_by_countries(all_matches), rtl=rtl),
            "matches": matches,
            "unmatched": unmatched,
            "applications": Application.objects.active().filter(round=anchor).count(),
            "not_connected": not_connected(anchor).count(),
            "days": days,
            "waiting": desk_page(
                request,
                not_connected(anchor, datetime.timedelta(days=days))
                .prefetch_related("seats__application")
                .order_by("pk"),
                "waiting",
                "check-ins",
            ),
            **admin_chrome(
                _("Matching: %(title)s") % {"title": anchor.title},
                (reverse("program_matching"), _("Matching")),
            ),
            "header_buttons": [
                HeaderButton(
                    _("Export CSV"),
                    reverse("program_export", args=[anchor.pk]),
                    icon_name="download",
                )
            ],
            "release_form": ReleaseForm(),
            "run": MatchingRun.objects.filter(round=anchor).first(),
        },
    )


@organiser_required
@with_round
def swap_choices(request, anchor, application_id):
    """Whom one person of a proposed, unlocked match may be swapped with:
    the desk fetches this form when the organiser opens a person's swap
    control (`?fragment=1`); without JavaScript the control links here and
    this is a page of its own. 404 for someone who cannot be swapped."""
    seat = get_object_or_404(
        swappable_seats(anchor).select_related("application"),
        application_id=application_id,
    )
    choices = (
        swappable_seats(anchor)
        .exclude(match_id=seat.match_id)
        .select_related("application")
        .order_by("application__name", "pk")
    )
    context = {
        "round_page": anchor,
        "person": seat.application,
        "choices": [other.application for other in choices],
    }
    if request.GET.get("fragment"):
        return TemplateResponse(request, "program/admin/swap_choices.html", context)
    title = _("Swap %(name)s") % {"name": seat.application.name}
    return TemplateResponse(
        request,
        "program/admin/swap.html",
        {
            **context,
            **admin_chrome(
                title,
                (reverse("program_matching"), _("Matching")),
                (reverse("program_round_desk", args=[anchor.pk]), anchor.title),
            ),
        },
    )


@organiser_required
@require_POST
@with_round
def run(request, anchor):
    """Queue matching as a background task; the desk shows its progress."""
    try:
        start_matching(anchor, request.user)
    except AlreadyRunning:
        messages.error(
            request,
            _("Matching is already running for this round: wait for it to finish."),
        )
    return back_to_desk(anchor)


@organiser_required
@with_round
def progress(request, anchor):
    """The latest run's state as JSON, for the desk's progress poller."""
    run = MatchingRun.objects.filter(round=anchor).first()
    if run is None:
        return JsonResponse({"status": "none", "unfinished": False})
    return JsonResponse(
        {
            "status": run.status,
            "phase": str(run.phase_label),
            "percent": run.percent,
            "unfinished": run.unfinished,
        }
    )


@organiser_required
@require_POST
@with_round
def match_action(request, anchor, match_id, action):
    match = get_object_or_404(Match, pk=match_id, round=anchor)
    if action == "lock":
        lock(match, True)
        log(match, "program.lock", user=request.user)
    elif action == "unlock":
        lock(match, False)
        log(match, "program.unlock", user=request.user)
    elif action == "rematch":
        if match.status != Match.Status.RELEASED or match.connected:
            messages.error(
                request,
                _("Only a released match that has not connected can be re-matched."),
            )
        else:
            log(match, "program.rematch", user=request.user)
            rematch(match)
            messages.success(
                request,
                _(
                    "Dissolved: run matching to propose new partners for them, "
                    "then release."
                ),
            )
    elif action == "unpair":
        if match.status == Match.Status.RELEASED:
            messages.error(request, _("A released match cannot be unpaired."))
        else:
            log(match, "program.unpair", user=request.user)
            unpair(match)
    else:
        raise PermissionDenied
    return back_to_desk(anchor)


@organiser_required
@require_POST
@with_round
def pair(request, anchor):
    try:
        ids = [int(x) for x in request.POST.getlist("members") if x]
    except ValueError:  # not an id: Python's message is no help to an organiser
        ids = []
    try:
        match = pair_by_hand(anchor, ids)
    except MatchInputError as error:
        messages.error(
            request, _("These people cannot be paired: %(error)s") % {"error": error}
        )
    else:
        log(match, "program.pair", user=request.user)
        messages.success(request, _("Paired and locked: %(match)s") % {"match": match})
        if match.warnings:
            messages.warning(
                request, _("Rules broken: %(rules)s") % {"rules": match.warnings}
            )
    return back_to_desk(anchor)


@organiser_required
@require_POST
@with_round
def swap_people(request, anchor):
    """Swap two people of different matches (each gets the other's partners)."""
    try:
        first, second = (
            int(request.POST.get(name, "")) for name in ("first", "second")
        )
    except ValueError:
        messages.error(request, _("Choose two people to swap."))
        return back_to_desk(anchor)
    try:
        matches = swap(anchor, first, second)
    except MatchInputError as error:
        messages.error(request, _("Not swapped: %(reason)s") % {"reason": error})
    else:
        for match in matches:
            log(
                match,
                "program.swap",
                user=request.user,
                data={"people": [first, second]},
            )
        messages.success(
            request,
            _("Swapped and locked: %(first)s; %(second)s")
            % {"first": matches[0], "second": matches[1]},
        )
    return back_to_desk(anchor)


@organiser_required
@require_POST
@with_round
def release(request, anchor):
    form = ReleaseForm(request.POST)
    if not form.is_valid():
        messages.error(
            request,
            _("Check the release settings: %(errors)s")
            % {"errors": form.errors.as_text()},
        )
        return back_to_desk(anchor)
    count = release_matches(
        anchor,
        batch_size=form.cleaned_data["batch_size"],
        first_at=form.cleaned_data["first_at"] or timezone.now(),
        interval=datetime.timedelta(hours=form.cleaned_data["interval_hours"]),
    )
    messages.success(request, _("%(count)d emails queued.") % {"count": count})
    return back_to_desk(anchor)


@organiser_required
@require_POST
@with_round
def resend_seat(request, anchor, seat_id):
    seat = get_object_or_404(MatchSeat, pk=seat_id, match__round=anchor)
    try:
        resend(seat)
    except LeftTheSite:
        messages.error(
            request,
            _("%(name)s deleted their account: they are sent no more emails.")
            % {"name": seat.application.display_name},
        )
        return back_to_desk(anchor)
    messages.success(
        request, _("Sent again to %(email)s.") % {"email": seat.application.email}
    )
    return back_to_desk(anchor)


def days_from(data, default=7):
    """The "released at least N days ago" of the check-in forms."""
    try:
        return min(max(0, int(data.get("days", default))), 3650)
    except ValueError:
        return default


@organiser_required
@require_POST
@with_round
def remind(request, anchor):
    days = days_from(request.POST)
    count = send_reminders(anchor, datetime.timedelta(days=days))
    messages.success(request, _("%(count)d reminders queued.") % {"count": count})
    return back_to_desk(anchor)


@organiser_required
@with_round
def export(request, anchor):
    stream = export_csv(anchor, io.StringIO())
    response = HttpResponse(stream.getvalue(), content_type="text/csv")
    response["Content-Disposition"] = (
        f'attachment; filename="round-{anchor.number}-matches.csv"'
    )
    return response
