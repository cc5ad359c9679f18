"""Following the blog by email: subscribe, confirm, change, unsubscribe.

A reader without an account subscribes with double opt-in: the form stores
an unconfirmed subscription and emails a confirmation link; nothing is sent
until it is followed. The answer is the same whether the address was known
or not (an address already confirmed is sent its manage link instead), so
the form tells nobody who subscribes. A member subscribes in one click with
their verified address.

The unsubscribe URL (outside the language prefixes, like the site's other
machine endpoints) is RFC 8058's one-click target: a POST with a signed
token and no session or CSRF token unsubscribes. A person opening it sees
a page with the same button. Unsubscribing deletes the subscription: we
keep nothing about an address that left.
"""

from django.contrib import messages
from django.db import transaction
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from website import outbox, ratelimit
from website.activity import verified_emails

from . import tokens
from .forms import ChoicesForm, FollowForm
from .models import Subscription

# Subscription requests per client address and hour (each sends an email).
FOLLOW_RATE_LIMIT = 10


def member_address(user):
    """The member's address if they have proven it is theirs, else None."""
    email = (user.email or "").lower()
    return email if email and email in verified_emails(user) else None


@never_cache
def follow(request):
    user = request.user if request.user.is_authenticated else None
    existing = None
    if user is not None:
        existing = Subscription.objects.filter(user=user).first()
        form_class = ChoicesForm
    else:
        form_class = FollowForm
    if request.method == "POST":
        form = form_class(request.POST, subscription=existing)
        if not form.is_valid():
            return render(
                request, "subscriptions/follow.html", {"form": form}, status=400
            )
        if not ratelimit.allow(
            "follow", ratelimit.client_ip(request), FOLLOW_RATE_LIMIT, 3600
        ):
            return render(request, "blog/comments/rate_limited.html", status=429)
        if user is not None:
            return follow_as_member(request, form, user, existing)
        follow_as_reader(request, form)
        return render(
            request,
            "subscriptions/check_inbox.html",
            {"email": form.cleaned_data["email"]},
        )
    initial = {"languages": [translation.get_language()]}
    if email := request.GET.get("email", "").strip():
        initial["email"] = email[:254]
    form = form_class(initial=initial, subscription=existing)
    return render(
        request,
        "subscriptions/follow.html",
        {"form": form, "existing": existing},
    )


def follow_as_member(request, form, user, existing):
    email = member_address(user)
    if email is None:
        messages.error(
            request,
            _("Confirm your email address first (Email addresses, on your profile)."),
        )
        return render(request, "subscriptions/follow.html", {"form": form}, status=400)
    with transaction.atomic():
        subscription = existing or Subscription.objects.filter(email=email).first()
        if subscription is None:
            subscription = Subscription(email=email)
        subscription.user = user
        subscription.confirmed_at = subscription.confirmed_at or timezone.now()
        form.save_to(subscription)
    messages.success(request, _("You now follow the blog by email."))
    return redirect("subscriptions:manage", tokens.manage_token(subscription))


def follow_as_reader(request, form):
    email = form.cleaned_data["email"]
    with transaction.atomic():
        subscription = (
            Subscription.objects.select_for_update().filter(email=email).first()
        )
        if subscription is not None and subscription.confirmed:
            # Known and confirmed: its choices change only through its own
            # link, which we send again (to the address, not to this page).
            send_manage_link(request, subscription)
            return
        if subscription is None:
            subscription = Subscription(email=email)
        form.save_to(subscription)
        send_confirmation(request, subscription)


def _reverse(name, token):
    return reverse(name, args=[token])


def send_confirmation(request, subscription):
    token = tokens.confirm_token(subscription)
    url = request.build_absolute_uri(_reverse("subscriptions:confirm", token))
    outbox.send(
        "subscriptions/email/confirm",
        to=subscription.email,
        context={"confirm_url": url},
        key=f"subscriptions-confirm:{subscription.pk}:{token}",
        secrets=[token],
    )


def send_manage_link(request, subscription):
    token = tokens.manage_token(subscription)
    outbox.send(
        "subscriptions/email/manage_link",
        to=subscription.email,
        context={
            "manage_url": request.build_absolute_uri(
                _reverse("subscriptions:manage", token)
            ),
            "unsubscribe_url": request.build_absolute_uri(
                _reverse("subscriptions_unsubscribe", token)
            ),
        },
        key=f"subscriptions-manage-link:{subscription.pk}:{timezone.now().isoformat()}",
        secrets=[token],
    )


@never_cache
def confirm(request, token):
    subscription = tokens.subscription_for_confirm(token)
    if subscription is None:
        return render(request, "subscriptions/link_invalid.html", status=404)
    if request.method == "POST":
        if not subscription.confirmed:
            Subscription.objects.filter(pk=subscription.pk).update(
                confirmed_at=timezone.now()
            )
        messages.success(request, _("Thank you: you now follow the blog by email."))
        return redirect("subscriptions:manage", tokens.manage_token(subscription))
    return render(request, "subscriptions/confirm.html", {"subscription": subscription})


@never_cache
def manage(request, token):
    subscription = tokens.subscription_for_manage(token)
    if subscription is None:
        return render(request, "subscriptions/link_invalid.html", status=404)
    if request.method == "POST":
        form = ChoicesForm(request.POST, subscription=subscription)
        if form.is_valid():
            form.save_to(subscription)
            messages.success(request, _("Your choices have been saved."))
            return redirect("subscriptions:manage", token)
        status = 400
    else:
        form = ChoicesForm(subscription=subscription)
        status = 200
    return render(
        request,
        "subscriptions/manage.html",
        {"form": form, "subscription": subscription, "token": token},
        status=status,
    )


@csrf_exempt
@never_cache
def unsubscribe(request, token):
    """RFC 8058 one-click unsubscribe (POST, no session, no CSRF token:
    the signed token is the proof); GET shows the button."""
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    if tokens.manage_key(token) is None:
        return render(request, "subscriptions/link_invalid.html", status=400)
    subscription = tokens.subscription_for_manage(token)
    language = (
        subscription.languages[0]
        if subscription is not None and subscription.languages
        else translation.get_language()
    )
    with translation.override(language):
        if request.method == "POST":
            if subscription is not None:
                subscription.delete()
            return render(request, "subscriptions/unsubscribed.html")
        if subscription is None:
            return render(request, "subscriptions/unsubscribed.html")
        return render(
            request,
            "subscriptions/unsubscribe.html",
            {"subscription": subscription, "token": token},
        )
