"""The pattern page (/<lang>/_util/patterns/): every component of the
design system (website/templates/components/, site.css) rendered with
sample content, left to right in English and right to left in Arabic, for
the people who build and check the site. Only people who may use the
Wagtail admin see it; it is never cached.
"""

import datetime

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from .charts import bar_chart

# The two directions shown: (language, direction).
DIRECTIONS = [("en", "ltr"), ("ar", "rtl")]


class SampleForm(forms.Form):
    """A form field with help and an error, and a checkbox beside its label."""

    email = forms.EmailField(
        label=gettext_lazy("Email"),
        help_text=gettext_lazy("We send the confirmation link here."),
    )
    remember = forms.BooleanField(label=gettext_lazy("Remember me"), required=False)


def samples(language, rtl):
    """Sample content for every component, in `language`."""
    with translation.override(language):
        today = timezone.localdate()
        form = SampleForm({"email": "not-an-address", "remember": "on"})
        form.is_valid()  # the error shows
        form.auto_id = f"id_{language}_%s"
        return {
            "language": language,
            "direction": "rtl" if rtl else "ltr",
            "form": form,
            "chart": bar_chart(
                [
                    (_("Research data management"), 24, True),
                    (_("Open access publishing"), 17, True),
                    (_("Information literacy for first-year students"), 9),
                    (_("Preservation"), 0),
                ],
                total=31,
                rtl=rtl,
                highlight_label=_("%(label)s (elected)"),
            ),
            "steps": [
                {
                    "when": today - datetime.timedelta(days=30),
                    "label": _("Applications open"),
                    "state": "past",
                },
                {"when": today, "label": _("Applications close"), "state": "current"},
                {
                    "when": today + datetime.timedelta(days=30),
                    "label": _("Partnerships start"),
                    "state": "future",
                },
            ],
            "page_obj": Paginator(range(50), 10).page(2),
            "trail": [
                {"title": _("Home"), "url": "#"},
                {"title": _("Blog"), "url": "#"},
                {"title": _("2018: a blank book"), "url": None},
            ],
        }


@never_cache
@login_required
def patterns(request):
    if not request.user.has_perm("wagtailadmin.access_admin"):
        raise PermissionDenied
    return render(
        request,
        "website/patterns.html",
        {
            "directions": [
                samples(language, direction == "rtl")
                for language, direction in DIRECTIONS
            ]
        },
    )
