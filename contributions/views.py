"""The public forms of ContributePage: a message to the organisers, a
workspace photo, a guest post. Each refuses a filled-in honeypot and too
many sends from one address (as the comment form), answers bad input with
a 400 and the form, and saves everything or nothing."""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.shortcuts import redirect
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from website import ratelimit
from website.routes import render_route

from . import emails, guest_posts
from .forms import ContactForm, GuestPostForm, PhotoForm
from .links import submission_pk_from
from .models import PhotoSubmission


def rate_limit():
    """(sends, seconds) allowed per client address and form."""
    return getattr(settings, "CONTRIBUTIONS_RATE_LIMIT", (5, 600))


def over_limit(request, scope):
    limit, window = rate_limit()
    return not ratelimit.allow(scope, ratelimit.client_ip(request), limit, window)


def page_language(page):
    return page.locale.language_code


def answer(page, request, template, context, status=200):
    response = render_route(page, request, template, context, status)
    add_never_cache_headers(response)
    return response


def message(page, request, title, text, status):
    return answer(
        page,
        request,
        "contributions/message.html",
        {"title": title, "text": text},
        status,
    )


def too_many(page, request):
    return message(
        page,
        request,
        _("Too many messages"),
        _("Too many forms came from your address. Try again in a few minutes."),
        429,
    )


def robot(page, request):
    return message(
        page,
        request,
        _("Your form was refused"),
        _("The form had a field filled in that people leave empty."),
        400,
    )


def verified_member(user):
    return (
        user.is_authenticated
        and EmailAddress.objects.filter(
            user=user, email__iexact=user.email, verified=True
        ).exists()
    )


def contact(request, page):
    form = ContactForm(request.POST or None, user=request.user)
    if request.method == "POST":
        if over_limit(request, "contact"):
            return too_many(page, request)
        if form.caught_a_robot():
            return robot(page, request)
        if form.is_valid():
            with transaction.atomic():
                contact_message = form.save(commit=False)
                contact_message.language = page_language(page)
                contact_message.save()
                emails.route_contact_message(request, contact_message)
            return redirect(page.url + page.reverse_subpage("sent", args=["message"]))
    return answer(
        page,
        request,
        "contributions/contact_form.html",
        {"form": form},
        400 if form.errors else 200,
    )


def submit_photo(request, page):
    form = PhotoForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST":
        if over_limit(request, "photo"):
            return too_many(page, request)
        if form.caught_a_robot():
            return robot(page, request)
        if form.is_valid():
            submission = save_photo(request, page, form)
            what = (
                "photo"
                if submission.status == PhotoSubmission.Status.PENDING
                else "photo-confirm"
            )
            return redirect(page.url + page.reverse_subpage("sent", args=[what]))
    return answer(
        page,
        request,
        "contributions/photo_form.html",
        {"form": form},
        400 if form.errors else 200,
    )


def save_photo(request, page, form):
    """Store the cleaned photo and its details; a reader who is not a
    confirmed member is sent a link to confirm the address first."""
    data, extension = form.cleaned_photo
    submission = form.save(commit=False)
    submission.photo = ContentFile(data, name=f"photo.{extension}")
    submission.licence = form.cleaned_data["licence"]
    submission.consent = True
    submission.language = page_language(page)
    user = request.user
    if verified_member(user):
        submission.user, submission.email = user, user.email
        submission.status = PhotoSubmission.Status.PENDING
    else:
        submission.email = form.cleaned_data.get("email") or user.email
        submission.status = PhotoSubmission.Status.UNCONFIRMED
    try:
        with transaction.atomic():
            submission.save()
            if submission.status == PhotoSubmission.Status.UNCONFIRMED:
                emails.ask_to_confirm_photo(
                    request, page, submission, form.cleaned_data.get("name", "")
                )
    except Exception:
        submission.photo.delete(save=False)  # no file without its row
        raise
    return submission


def confirm_photo(request, page, token):
    pk = submission_pk_from(token)
    updated = 0
    if pk is not None:
        updated = PhotoSubmission.objects.filter(
            pk=pk, status=PhotoSubmission.Status.UNCONFIRMED
        ).update(status=PhotoSubmission.Status.PENDING)
        if not updated and PhotoSubmission.objects.filter(pk=pk).exists():
            updated = 1  # followed twice: already confirmed
    if not updated:
        return message(
            page,
            request,
            _("This link does not work"),
            _("The link is wrong or the photo was removed. Send the photo again."),
            404,
        )
    return redirect(page.url + page.reverse_subpage("sent", args=["photo"]))


def write_for_us(request, page):
    form = GuestPostForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST":
        if over_limit(request, "guest-post"):
            return too_many(page, request)
        if form.caught_a_robot():
            return robot(page, request)
        if form.is_valid():
            post = guest_posts.submit(
                request, page, form.cleaned_data, form.cleaned_photo
            )
            if post is None:
                return message(
                    page,
                    request,
                    _("The blog is not open for guest posts"),
                    _("There is no blog in this language yet. Nothing was saved."),
                    409,
                )
            return redirect(page.url + page.reverse_subpage("sent", args=["post"]))
    return answer(
        page,
        request,
        "contributions/write_form.html",
        {"form": form},
        400 if form.errors else 200,
    )


SENT = {
    "message": (
        gettext_lazy("Message sent"),
        gettext_lazy(
            "Thank you. The organisers will answer you by email; a copy is on its way."
        ),
    ),
    "photo": (
        gettext_lazy("Photo received"),
        gettext_lazy(
            "Thank you. A moderator will look at your photo; we will tell you "
            "by email when it is featured."
        ),
    ),
    "photo-confirm": (
        gettext_lazy("Check your email"),
        gettext_lazy(
            "We sent you a link to confirm your address. Your photo goes to the "
            "moderators once you follow it."
        ),
    ),
    "post": (
        gettext_lazy("Post received"),
        gettext_lazy(
            "Thank you. An editor will review your post; we will tell you by "
            "email when it is published, or why not."
        ),
    ),
}


def sent(request, page, what):
    if what not in SENT:
        return message(
            page, request, _("Page not found"), _("There is nothing here."), 404
        )
    title, text = SENT[what]
    return message(page, request, str(title), str(text), 200)
