"""A person's own data: "My data" for members (download as JSON, delete
the account) and, for a reader without an account, a download link sent to
the address (website/privacy.py does the work)."""

import json

from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from . import outbox, privacy, ratelimit

EXPORT_SALT = "website.privacy.export"
EXPORT_LINK_MAX_AGE = 24 * 3600
# Download links asked for per client address and hour.
REQUEST_RATE_LIMIT = 5


class DeleteAccountForm(forms.Form):
    comments = forms.ChoiceField(
        label=gettext_lazy("Your comments"),
        choices=[
            ("keep", gettext_lazy("Keep them, shown as written by a former member")),
            ("remove", gettext_lazy("Remove them")),
        ],
        widget=forms.RadioSelect,
        initial="keep",
    )
    confirm = forms.BooleanField(
        label=gettext_lazy(
            "I understand that my account and what the site holds about me "
            "will be deleted, and that this cannot be undone."
        )
    )


class ExportRequestForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("Your email address"), max_length=254)


def json_download(data, name):
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@never_cache
@login_required
def my_data(request):
    return render(
        request,
        "website/my_data.html",
        {
            "delete_form": DeleteAccountForm(),
            "erase_plan": privacy.plan(request.user.email),
        },
    )


@never_cache
@login_required
def my_data_download(request):
    stamp = timezone.now().strftime("%Y-%m-%d")
    return json_download(privacy.export(request.user.email), f"my-data-{stamp}.json")


@never_cache
@login_required
@require_POST
def delete_account(request):
    form = DeleteAccountForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "website/my_data.html",
            {"delete_form": form, "erase_plan": privacy.plan(request.user.email)},
            status=400,
        )
    email = request.user.email
    keep = form.cleaned_data["comments"] == "keep"
    kept = privacy.erase(email, keep_comments=keep)
    logout(request)
    messages.success(request, _("Your account and your data have been deleted."))
    for sentence in kept:
        messages.info(request, sentence)
    return redirect("/")


@never_cache
def request_export(request):
    """A reader without an account asks for their data: a link to the
    download is sent to the address (the same answer whatever it is)."""
    form = ExportRequestForm(request.POST or None)
    if request.method == "POST":
        if not form.is_valid():
            return render(
                request, "website/my_data_request.html", {"form": form}, status=400
            )
        if not ratelimit.allow(
            "data-export", ratelimit.client_ip(request), REQUEST_RATE_LIMIT, 3600
        ):
            return render(request, "blog/comments/rate_limited.html", status=429)
        email = form.cleaned_data["email"].strip().lower()
        token = signing.dumps(email, salt=EXPORT_SALT)
        url = request.build_absolute_uri(reverse("my_data_link", args=[token]))
        outbox.send(
            "website/email/data_export",
            to=email,
            context={"url": url},
            key=f"data-export:{email}:{timezone.now().isoformat()}",
            secrets=[token],
        )
        return render(request, "website/my_data_request.html", {"sent": email})
    return render(request, "website/my_data_request.html", {"form": form})


@never_cache
def export_by_link(request, token):
    try:
        email = signing.loads(token, salt=EXPORT_SALT, max_age=EXPORT_LINK_MAX_AGE)
    except signing.BadSignature:
        return render(request, "website/my_data_link_invalid.html", status=404)
    return json_download(privacy.export(email), "my-data.json")
