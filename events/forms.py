import zoneinfo

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import LazyTypedChoiceField


def clean_zone(name):
    """An IANA zone the browser reported, or "" (unknown, or not one)."""
    name = (name or "").strip()
    if not name or len(name) > 64:
        return ""
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return ""
    return name


class MemberRegistrationForm(forms.Form):
    """One click: only the reader's time zone, filled in by the page's
    script (reminders then give the time in it)."""

    time_zone = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean_time_zone(self):
        return clean_zone(self.cleaned_data.get("time_zone"))


class GuestRegistrationForm(MemberRegistrationForm):
    name = forms.CharField(
        label=_("Your name"),
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Your email address"),
        max_length=254,
        help_text=_("We email you a link to confirm; nothing is shown to others."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    country = LazyTypedChoiceField(
        label=_("Country (optional)"),
        choices=[("", "—"), *countries],
        required=False,
    )

    field_order = ["name", "email", "country", "time_zone"]

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Please give your name."))
        return name
