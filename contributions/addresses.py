""" "Correct my own address": a participant whose match email went to an old
address changes the email on their application from the link they already
have (their application link), confirms from the new address, and may ask
for their match email again. Routes of RoundPage (program/models/pages.py)
call these; the round's own code is not changed beyond that."""

from django import forms
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from program.models import Application
from program.release import resend
from website import outbox, ratelimit
from website.routes import render_route

from .forms import HoneypotMixin
from .models import AddressChange

SALT = "contributions.address-change"


class AddressForm(HoneypotMixin, forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("Your correct email address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=gettext_lazy(
            "We send a link to it: the change counts once you follow it."
        ),
    )

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, **kwargs)
        self.application = application
        self.add_honeypot()

    def clean_email(self):
        email = self.cleaned_data["email"]
        if email.lower() == self.application.email.lower():
            raise forms.ValidationError(_("This is already the address we have."))
        taken = (
            Application.objects.filter(round_id=self.application.round_id)
            .exclude(pk=self.application.pk)
            .filter(email__iexact=email)
            .exists()
        )
        if taken:
            raise forms.ValidationError(
                _("Another application to this round uses this address.")
            )
        return email


def _signature(change):
    value = f"{change.pk}:{change.new_email.lower()}"
    return salted_hmac(SALT, value, algorithm="sha256").hexdigest()[:32]


def change_token(change):
    return f"{change.pk}-{_signature(change)}"


def change_from(token):
    pk, _dash, signature = token.partition("-")
    if not pk.isdigit() or len(pk) > 12:
        return None
    change = (
        AddressChange.objects.select_related("application").filter(pk=int(pk)).first()
    )
    if change is None or not constant_time_compare(signature, _signature(change)):
        return None
    return change


def page(request, round_page, template, context, status=200):
    return render_route(round_page, request, template, context, status)


def message(request, round_page, title, text, status=200):
    return page(
        request,
        round_page,
        "contributions/address_message.html",
        {"title": title, "text": text},
        status,
    )


def invalid_link(request, round_page):
    return message(
        request,
        round_page,
        _("This link does not work"),
        _("Use the link in your own email, exactly as it was sent."),
        404,
    )


def correct_address(request, round_page, pk, token):
    application = Application.objects.filter(pk=pk, round=round_page.anchor).first()
    if application is None or not application.token_matches(token):
        return invalid_link(request, round_page)
    form = AddressForm(request.POST or None, application=application)
    if request.method == "POST":
        limit, window = getattr(settings, "CONTRIBUTIONS_RATE_LIMIT", (5, 600))
        ip = ratelimit.client_ip(request)
        if not ratelimit.allow("address-change", ip, limit, window):
            return message(
                request,
                round_page,
                _("Too many attempts"),
                _("Try again in a few minutes."),
                429,
            )
        if form.caught_a_robot():
            return message(
                request,
                round_page,
                _("Your form was refused"),
                _("The form had a field filled in that people leave empty."),
                400,
            )
        if form.is_valid():
            with transaction.atomic():
                change = AddressChange.objects.create(
                    application=application,
                    old_email=application.email,
                    new_email=form.cleaned_data["email"],
                )
                send_confirmation(request, round_page, change)
            return message(
                request,
                round_page,
                _("Check your new inbox"),
                _(
                    "We sent a link to %(email)s. Your application keeps its "
                    "old address until you follow it."
                )
                % {"email": change.new_email},
            )
    return page(
        request,
        round_page,
        "contributions/address_form.html",
        {"form": form, "application": application},
        400 if form.errors else 200,
    )


def send_confirmation(request, round_page, change):
    token = change_token(change)
    url = round_page.get_full_url(request) + round_page.reverse_subpage(
        "confirm_address", args=[token]
    )
    outbox.send(
        "contributions/email/address_confirm",
        change.new_email,
        {"change": change, "round_title": round_page.title, "confirmation_url": url},
        key=f"address-confirm:{change.pk}",
        language=change.application.language,
        secrets=[token],
    )


def released_seat(application):
    """The application's seat in a match whose email went out, or None."""
    from program.models import MatchSeat

    return MatchSeat.objects.filter(application=application, sends__gt=0).first()


def confirm_address(request, round_page, token):
    change = change_from(token)
    if change is None or change.application.round_id != round_page.anchor.pk:
        return invalid_link(request, round_page)
    application = change.application
    with transaction.atomic():
        if change.confirmed_at is None:
            if (
                Application.objects.filter(
                    round_id=application.round_id, email__iexact=change.new_email
                )
                .exclude(pk=application.pk)
                .exists()
            ):
                return message(
                    request,
                    round_page,
                    _("This address is taken"),
                    _("Another application to this round uses this address."),
                    409,
                )
            application.email = change.new_email
            application.save()
            change.confirmed_at = timezone.now()
            change.save(update_fields=["confirmed_at"])
    seat = released_seat(application)
    resent = change.match_email_resent_at is not None
    asks = request.method == "POST" and request.POST.get("action") == "resend"
    if asks and seat is not None and not resent:
        with transaction.atomic():
            claimed = AddressChange.objects.filter(
                pk=change.pk, match_email_resent_at=None
            ).update(match_email_resent_at=timezone.now())
            if claimed:  # one resend per change, however often it is asked
                resend(seat)
        resent = True
    return page(
        request,
        round_page,
        "contributions/address_confirmed.html",
        {
            "change": change,
            "can_resend": seat is not None and not resent,
            "resent": resent and seat is not None,
        },
    )
