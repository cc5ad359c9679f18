"""Release: each participant gets their partner's details through the
outbox, in batches of a chosen size at chosen times, exactly once.

Every email has the key ``program-match:<match>:<application>``: the outbox
stores a key once, and the seat remembers it, so releasing again (a second
click, a re-run for newly matched people) never sends anyone a second
email. A batch due later is an outbox row whose `next_attempt_at` is in the
future: delivery skips it until then, and `manage.py process_outbox` sends it
when its time comes. A corrected address is re-sent with a new key
(``…:resend-<n>``).
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext

from website import outbox
from website.lists import and_list
from website.models import OutboxMessage
from website.time_zones import time_zone_label

from .first_call import call_times, invitation, times_for
from .links import check_in_token, round_link
from .models import Match, MatchSeat, RoundPage
from .models.pages import MatchMode

TEMPLATE = "program/email/match_released"


def release_matches(round_page, batch_size=50, first_at=None, interval=None):
    """Queue the match email of every matched person not sent one yet, in
    batches of `batch_size` people: the first at `first_at` (default now),
    each next one `interval` (default a day) later. Returns the number of
    emails queued."""
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    anchor = round_page.anchor
    first_at = first_at or timezone.now()
    interval = interval if interval is not None else datetime.timedelta(days=1)
    with transaction.atomic():
        seats = list(
            MatchSeat.objects.select_for_update(of=("self",))
            .filter(match__round=anchor, message_key="")
            .exclude(application__erase_after_round=True)
            .select_related("application", "match")
            .order_by("match_id", "application_id")
        )
        partners = members_by_match(anchor, {seat.match_id for seat in seats})
        # The same suggested times for everyone in a match, whichever batch
        # their email is in: from the release on.
        times = {}
        for index, seat in enumerate(seats):
            at = first_at + (index // batch_size) * interval
            key = f"program-match:{seat.match_id}:{seat.application_id}"
            members = partners[seat.match_id]
            if seat.match_id not in times:
                times[seat.match_id] = call_times(anchor, members, first_at)
            send_match_email(anchor, seat, members, key, at, times[seat.match_id])
            seat.message_key = key
            seat.released_at = at
            seat.sends = 1
        MatchSeat.objects.bulk_update(
            seats, ["message_key", "released_at", "sends"], batch_size=500
        )
        Match.objects.filter(round=anchor).update(status=Match.Status.RELEASED)
        if seats:
            RoundPage.objects.filter(translation_key=anchor.translation_key).update(
                matches_released=True
            )
    return len(seats)


class LeftTheSite(Exception):
    """The member deleted their account: they are sent nothing more."""


def resend(seat):
    """Send the match email again (for example to a corrected address);
    LeftTheSite for a member who deleted their account."""
    with transaction.atomic():
        seat = MatchSeat.objects.select_for_update().get(pk=seat.pk)
        if seat.application.erase_after_round:
            raise LeftTheSite
        anchor = seat.match.round
        key = f"program-match:{seat.match_id}:{seat.application_id}:resend-{seat.sends}"
        partners = members_by_match(anchor, {seat.match_id})
        send_match_email(anchor, seat, partners[seat.match_id], key, timezone.now())
        seat.sends += 1
        seat.message_key = seat.message_key or key
        seat.save(update_fields=["sends", "message_key"])
    return key


def members_by_match(anchor, match_ids):
    members = {}
    seats = (
        MatchSeat.objects.filter(match_id__in=match_ids)
        .select_related("application")
        .prefetch_related("application__interests")
        .order_by("application_id")
    )
    for seat in seats:
        members.setdefault(seat.match_id, []).append(seat.application)
    return members


def partner_details(partner, language, mentor_mode=False):
    """What a participant is told about a partner, as text in `language`
    (the participant's): lists read as sentences, the time zone as a place
    with today's offset."""
    with translation.override(language):
        return {
            "name": partner.name,
            "email": partner.email,
            "country": str(partner.country.name),
            "role": str(partner.get_role_display()) if mentor_mode else "",
            "languages": and_list(partner.language_names),
            "interests": and_list(partner.interest_names_in(language)),
            "keep_in_touch": and_list(partner.keep_in_touch_labels),
            "time_zone": time_zone_label(partner.time_zone),
        }


def send_match_email(anchor, seat, members, key, at, times=None):
    """Queue one member's match email, due at `at`; `times` are the
    suggested call times (default: from `at` on)."""
    me = seat.application
    token = check_in_token(seat)
    check_in = round_link(anchor, me.language, "check_in", token)
    mentor_mode = anchor.match_mode == MatchMode.MENTOR_MENTEE
    others = [m for m in members if m.pk != me.pk]
    # Three times everyone is free, in each one's own time; the first as a
    # calendar file.
    if times is None:
        times = call_times(anchor, members, at)
    attachments = []
    if times:
        domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].strip(">")
        uid = f"first-call-{seat.match_id}-{me.pk}@{domain or 'localhost'}"
        ics = invitation(me, others, times[0], anchor.title, uid, at)
        attachments.append(("first-call.ics", ics, "text/calendar"))
    message = outbox.send(
        TEMPLATE,
        to=me.email,
        context={
            "me": me,
            "partners": [
                partner_details(m, me.language, mentor_mode)
                for m in members
                if m.pk != me.pk
            ],
            "round_page": anchor,
            "round_title": anchor.title,
            "connected_url": f"{check_in}?answer=connected",
            "cannot_reach_url": f"{check_in}?answer=cannot_reach",
            "call_times": times_for(me, others, times),
        },
        key=key,
        language=me.language,
        secrets=[token],
        attachments=attachments,
    )
    if message.status == OutboxMessage.Status.PENDING and message.attempts == 0:
        OutboxMessage.objects.filter(pk=message.pk).update(next_attempt_at=at)
    return message


def delivery_label(status, scheduled_for, now=None):
    """A person's match email as the desk shows it: sent, failed, sending,
    scheduled for a later batch, waiting to go, or not released. A seat
    released in the past whose email the outbox no longer holds (a round
    from before the outbox, the demo's earlier rounds) says so, rather than
    "not released" beside "Released"."""
    now = now or timezone.now()
    if not status:
        if scheduled_for and scheduled_for <= now:
            return gettext("no email on record")
        return gettext("not released")
    if status == OutboxMessage.Status.PENDING and scheduled_for and scheduled_for > now:
        return gettext("scheduled for %(when)s") % {
            "when": formats.date_format(
                timezone.localtime(scheduled_for), "DATETIME_FORMAT"
            )
        }
    return {
        OutboxMessage.Status.PENDING: gettext("waiting to be sent"),
        OutboxMessage.Status.SENDING: gettext("being sent"),
        OutboxMessage.Status.SENT: gettext("sent"),
        OutboxMessage.Status.FAILED: gettext("failed"),
    }.get(status, status)


def delivery_states(keys):
    """{outbox key: status} for the admin's per-person delivery column."""
    return dict(
        OutboxMessage.objects.filter(key__in=[k for k in keys if k]).values_list(
            "key", "status"
        )
    )


def send_reminders(round_page, older_than=None):
    """Remind the members of released matches that have not connected
    (released at least `older_than` ago, default a week) to check in; at most
    one reminder per person per day. Returns the number queued."""
    anchor = round_page.anchor
    older_than = older_than if older_than is not None else datetime.timedelta(days=7)
    today = timezone.localdate()
    seats = (
        MatchSeat.objects.filter(
            match__round=anchor,
            match__status=Match.Status.RELEASED,
            match__connected=False,
            released_at__lte=timezone.now() - older_than,
        )
        .exclude(check_in=MatchSeat.CheckIn.CONNECTED)
        .exclude(application__erase_after_round=True)
        .select_related("application")
        .order_by("pk")
    )
    queued = 0
    with transaction.atomic():
        for seat in seats:
            me = seat.application
            token = check_in_token(seat)
            check_in = round_link(anchor, me.language, "check_in", token)
            key = f"program-reminder:{seat.pk}:{today.isoformat()}"
            if OutboxMessage.objects.filter(key=key).exists():
                continue
            outbox.send(
                "program/email/check_in_reminder",
                to=me.email,
                context={
                    "me": me,
                    "round_title": anchor.title,
                    "connected_url": f"{check_in}?answer=connected",
                    "cannot_reach_url": f"{check_in}?answer=cannot_reach",
                },
                key=key,
                language=me.language,
                secrets=[token],
            )
            queued += 1
    return queued
