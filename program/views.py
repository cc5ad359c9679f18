"""The public side of a round: apply, edit or withdraw through the link in
the confirmation email (or as the signed-in member who applied), and answer
a check-in. Each is a route of RoundPage; these functions do the work."""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from website import outbox, ratelimit
from website.routes import render_route

from .forms import ApplicationForm
from .links import round_link, seat_pk_from
from .models import Application, MatchSeat


def apply_limit():
    """Form submissions allowed per client address and hour."""
    return getattr(settings, "PROGRAM_APPLY_RATE_LIMIT", 10)


def over_limit(request, limit):
    """Count this submission; True once the client has made too many."""
    ip = ratelimit.client_ip(request)
    return not ratelimit.allow("program-apply", ip, limit, 3600)


def message_page(request, round_page, title, text, status, **extra):
    return render_route(
        round_page,
        request,
        "program/message.html",
        {"title": title, "text": text, **extra},
        status,
    )


def closed(request, round_page, address_url=None):
    """`address_url`: where the holder of an application link corrects its
    email address (contributions/addresses.py), still open."""
    return message_page(
        request,
        round_page,
        _("Applications are closed"),
        _(
            "This round is not taking applications or changes to them now. "
            "Nothing was saved."
        ),
        403 if request.method == "POST" else 200,
        address_url=address_url,
    )


def form_page(request, round_page, form, application=None, token=None, status=200):
    return render_route(
        round_page,
        request,
        "program/apply.html",
        {"form": form, "application": application, "token": token},
        status,
    )


def rate_limited(request, round_page):
    return message_page(
        request,
        round_page,
        _("Too many attempts"),
        _("Too many applications came from your address. Try again in an hour."),
        429,
    )


def verified_member(user):
    return (
        user.is_authenticated
        and EmailAddress.objects.filter(
            user=user, email__iexact=user.email, verified=True
        ).exists()
    )


def apply(request, round_page):
    if not round_page.accepts_applications:
        return closed(request, round_page)
    anchor = round_page.anchor
    user = request.user if request.user.is_authenticated else None
    if user and Application.objects.filter(round=anchor, user=user).exists():
        return redirect(round_page.url + round_page.reverse_subpage("my_application"))
    if request.method != "POST":
        form = ApplicationForm(round_page=anchor, user=user)
        return form_page(request, round_page, form)
    if over_limit(request, apply_limit()):
        return rate_limited(request, round_page)
    form = ApplicationForm(request.POST, round_page=anchor, user=user)
    if not form.is_valid():
        return form_page(request, round_page, form, status=400)
    try:
        with transaction.atomic():
            application = form.save(commit=False)
            application.round = anchor
            application.user = user
            application.status = (
                Application.Status.SUBMITTED
                if user and verified_member(user)
                else Application.Status.UNCONFIRMED
            )
            token = application.new_edit_token()
            application.save()
            form.save_m2m()
            send_received(application, token, request)
    except IntegrityError:  # the same person, twice at once
        form.add_error(
            "email", _("You have already applied to this round with this address.")
        )
        return form_page(request, round_page, form, status=400)
    if application.status == Application.Status.UNCONFIRMED:
        messages.success(
            request,
            _(
                "Thank you. We have sent you an email: follow its link to "
                "confirm your application."
            ),
        )
    else:
        messages.success(
            request, _("Thank you: your application is in. We have emailed you.")
        )
    return redirect(round_page.url)


def send_received(application, token, request=None):
    anchor = application.round
    outbox.send(
        "program/email/application_received",
        to=application.email,
        context={
            "application": application,
            "round_title": anchor.title,
            "close_at": anchor.applications_close_at,
            "needs_confirmation": (
                application.status == Application.Status.UNCONFIRMED
            ),
            "edit_url": round_link(
                anchor,
                application.language,
                "application",
                application.pk,
                token,
                request=request,
            ),
        },
        key=f"program-application:{application.pk}:{application.edit_token_hash[:16]}",
        language=application.language,
        secrets=[token],
    )


def invalid_link(request, round_page):
    return message_page(
        request,
        round_page,
        _("This link does not work"),
        _(
            "This link is not valid for any application of this round. Use the "
            "link in your own confirmation email, exactly as it was sent."
        ),
        404,
    )


def edit_application(request, round_page, pk, token):
    application = Application.objects.filter(pk=pk, round=round_page.anchor).first()
    if application is None or not application.token_matches(token):
        return invalid_link(request, round_page)
    if not round_page.accepts_applications:
        address_url = round_page.url + round_page.reverse_subpage(
            "correct_address", args=[pk, token]
        )
        return closed(request, round_page, address_url)
    return edit(request, round_page, application, token)


def my_application(request, round_page):
    if not request.user.is_authenticated:
        # LOGIN_URL, reversed in the reader's language (not a bare
        # /accounts/login/, which lands on the default language).
        return redirect_to_login(request.get_full_path())
    application = Application.objects.filter(
        round=round_page.anchor, user=request.user
    ).first()
    if application is None:
        return redirect(round_page.url + round_page.reverse_subpage("apply"))
    return edit(request, round_page, application, None)


def edit(request, round_page, application, token):
    if not round_page.accepts_applications:
        return closed(request, round_page)
    anchor = round_page.anchor
    if request.method != "POST":
        form = ApplicationForm(instance=application, round_page=anchor)
        return form_page(request, round_page, form, application, token)
    if over_limit(request, apply_limit() * 3):
        return rate_limited(request, round_page)
    action = request.POST.get("action", "save")
    if action == "withdraw":
        Application.objects.filter(pk=application.pk).update(
            status=Application.Status.WITHDRAWN, updated_at=timezone.now()
        )
        messages.success(request, _("Your application is withdrawn."))
        return redirect(request.path)
    if action == "confirm":
        if application.status == Application.Status.UNCONFIRMED:
            Application.objects.filter(pk=application.pk).update(
                status=Application.Status.SUBMITTED, updated_at=timezone.now()
            )
        messages.success(request, _("Your application is confirmed. Thank you."))
        return redirect(request.path)
    form = ApplicationForm(request.POST, instance=application, round_page=anchor)
    if not form.is_valid():
        return form_page(request, round_page, form, application, token, status=400)
    with transaction.atomic():
        application = form.save(commit=False)
        if application.status == Application.Status.WITHDRAWN:
            application.status = Application.Status.SUBMITTED
        application.save()
        form.save_m2m()
    messages.success(request, _("Your changes are saved."))
    return redirect(request.path)


def check_in(request, round_page, token):
    seat_pk = seat_pk_from(token)
    seat = (
        MatchSeat.objects.select_related("match", "application")
        .filter(pk=seat_pk, match__round=round_page.anchor)
        .first()
        if seat_pk
        else None
    )
    if seat is None:
        return invalid_link(request, round_page)
    answers = dict(MatchSeat.CheckIn.choices)
    answers.pop(MatchSeat.CheckIn.UNKNOWN)
    if request.method == "POST":
        answer = request.POST.get("answer", "")
        if answer not in answers:
            return render_route(
                round_page,
                request,
                "program/check_in.html",
                {
                    "seat": seat,
                    "answers": answers,
                    "error": _("Choose one of the two answers."),
                },
                400,
            )
        record_check_in(seat, answer)
        messages.success(request, _("Thank you: we have noted your answer."))
        return redirect(request.path)
    return render_route(
        round_page,
        request,
        "program/check_in.html",
        {
            "seat": seat,
            "answers": answers,
            "selected": request.GET.get("answer", seat.check_in),
        },
    )


def record_check_in(seat, answer):
    with transaction.atomic():
        MatchSeat.objects.filter(pk=seat.pk).update(
            check_in=answer, checked_in_at=timezone.now()
        )
        if answer == MatchSeat.CheckIn.CONNECTED:
            type(seat.match).objects.filter(pk=seat.match_id).update(connected=True)
