from django import forms
from django.conf import settings
from django.utils.choices import BlankChoiceIterator
from django.utils.dates import WEEKDAYS
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from wagtail.models import Locale

from website import i18n
from website.forms import ModelMultipleChoiceField
from website.time_zones import TimeZoneField

from .matching.availability import PERIODS, hours_of_periods, periods_of_hours
from .models import Application, Interest
from .models.applications import (
    LANGUAGE_CHOICES,
    ApplicantRole,
    CareerStage,
    KeepInTouch,
    Sector,
    normalise_email,
)
from .models.pages import MatchMode


def language_choices():
    """The languages applicants choose from, sorted by their names in the
    reader's language."""
    return i18n.by_name(LANGUAGE_CHOICES)


def site_language_choices():
    return i18n.by_name(settings.LANGUAGES)


PERIOD_NAMES = {
    "morning": _("Morning"),
    "afternoon": _("Afternoon"),
    "evening": _("Evening"),
}


def availability_choices():
    """The grid's blocks ("0-morning": Monday morning), day by day, each
    named in full for the screen reader ("Monday, morning")."""
    return [
        (
            f"{day}-{code}",
            _("%(day)s, %(period)s")
            % {"day": WEEKDAYS[day], "period": str(PERIOD_NAMES[code]).lower()},
        )
        for day in range(7)
        for code, _start, _end in PERIODS
    ]


class AvailabilityGrid(forms.CheckboxSelectMultiple):
    """Checkboxes in a table: a row per weekday, a column per part of the
    day, each with its headers (and a full label for screen readers); no
    JavaScript."""

    template_name = "program/widgets/availability_grid.html"
    grid = True

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        groups = context["widget"]["optgroups"]
        options = [option for _name, group, _index in groups for option in group]
        width = len(PERIODS)
        context["widget"]["periods"] = [
            {"name": PERIOD_NAMES[code], "start": f"{start}:00", "end": f"{end}:00"}
            for code, start, end in PERIODS
        ]
        context["widget"]["rows"] = [
            (WEEKDAYS[day], options[day * width : (day + 1) * width])
            for day in range(7)
        ]
        return context


class ApplicationForm(forms.ModelForm):
    """The application to one round. `round_page` is the anchor round;
    `user` the signed-in member, if any (their address is used as is)."""

    languages = forms.MultipleChoiceField(
        label=_("Languages you can hold a conversation in"),
        choices=language_choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose at least one language."),
            "invalid_choice": _("%(value)s is not a language on our list."),
        },
    )
    keep_in_touch = forms.MultipleChoiceField(
        label=_("Ways you like to keep in touch"),
        choices=KeepInTouch.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": _("%(value)s is not one of the ways.")},
    )
    time_zone = TimeZoneField(
        label=_("Time zone"),
        help_text=_(
            "Where you will be during the partnership: your country, or in a "
            "country with several time zones the city nearest to you."
        ),
        error_messages={
            "required": _("Choose your time zone."),
            "invalid_choice": _("%(value)s is not a time zone name."),
        },
    )
    language = forms.ChoiceField(
        label=_("Language of our emails to you"), choices=site_language_choices
    )
    availability = forms.MultipleChoiceField(
        label=_("When you are usually free to talk"),
        choices=availability_choices,
        widget=AvailabilityGrid,
        required=False,
        help_text=_(
            "In your own time zone, in a typical week. We match you with someone "
            "free at the same times, and suggest times for your first call. Leave "
            "it empty if your week changes too much to say."
        ),
        error_messages={"invalid_choice": _("%(value)s is not a time on the grid.")},
    )

    class Meta:
        model = Application
        fields = [
            "name",
            "email",
            "country",
            "languages",
            "time_zone",
            "availability",
            "sector",
            "role",
            "career_stage",
            "interests",
            "goals",
            "keep_in_touch",
            "earlier_rounds",
            "language",
        ]
        labels = {
            "name": _("Your name"),
            "email": _("Email address"),
            "country": _("Country you work in"),
            "sector": _("Library sector"),
            "role": _("Role"),
            "career_stage": _("Career stage"),
            "interests": _("Professional interests"),
            "goals": _("What you hope to get from the partnership"),
            "earlier_rounds": _("Earlier rounds you took part in"),
        }
        field_classes = {"interests": ModelMultipleChoiceField}
        widgets = {
            "interests": forms.CheckboxSelectMultiple,
            "goals": forms.Textarea(attrs={"rows": 4}),
        }
        error_messages = {
            "name": {"required": _("Tell us your name.")},
            "email": {
                "required": _("Give an email address."),
                "invalid": _("Enter an email address such as ana@example.org."),
            },
            "country": {
                "required": _("Choose your country."),
                "invalid_choice": _("%(value)s is not a country on our list."),
            },
            "sector": {"required": _("Choose your library sector.")},
            "career_stage": {"required": _("Choose your career stage.")},
        }

    fieldsets = [
        (
            _("About you"),
            ["name", "email", "country", "languages", "time_zone", "availability"],
        ),
        (_("Your work"), ["sector", "role", "career_stage", "interests"]),
        (
            _("The partnership"),
            ["goals", "keep_in_touch", "earlier_rounds", "language"],
        ),
    ]

    def __init__(self, *args, round_page, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.round_page = round_page
        self.user = user
        locale = Locale.get_active()
        interests = Interest.objects.filter(locale=locale)
        if not interests.exists():
            interests = Interest.objects.filter(locale=Locale.get_default())
        self.fields["interests"].queryset = interests
        if not self.instance.pk:
            self.initial.setdefault("language", get_language() or "en")
        self.fields["time_zone"].current = self.instance.time_zone
        if self.instance.pk:
            self.initial["availability"] = periods_of_hours(self.instance.availability)
        if round_page.match_mode == MatchMode.MENTOR_MENTEE:
            self.fields["role"].choices = [
                (ApplicantRole.MENTOR, ApplicantRole.MENTOR.label),
                (ApplicantRole.MENTEE, ApplicantRole.MENTEE.label),
            ]
            self.fields["role"].error_messages["invalid_choice"] = _(
                "Choose mentor or mentee."
            )
        else:
            del self.fields["role"]
        if user is not None or self.instance.pk:
            # A member applies with their account's address; an applicant
            # editing through their link keeps the address they confirmed.
            self.fields["email"].disabled = True
            if user is not None and not self.instance.pk:
                self.initial["email"] = user.email
                self.prefill_from_profile(user)
        self.fields["earlier_rounds"].required = False
        self.fields["earlier_rounds"].help_text = _(
            "How many earlier rounds of this program you took part in: 0 if "
            "this is your first."
        )
        # The empty choice says what to do, like the other lists' (not
        # Django's "---------"); the countries are named and sorted in the
        # reader's language when the form is shown.
        self.fields["country"].choices = BlankChoiceIterator(
            countries, [("", _("Choose your country"))]
        )
        self.fields["sector"].choices = [
            ("", _("Choose your library sector")),
            *Sector.choices,
        ]
        self.fields["career_stage"].choices = [
            ("", _("Choose your career stage")),
            *CareerStage.choices,
        ]
        self.fields["language"].error_messages["required"] = _(
            "Choose the language of our emails to you."
        )

    def prefill_from_profile(self, user):
        """A member starts from what their profile already says."""
        profile = getattr(user, "profile", None)
        if profile is None:
            return
        if profile.display_name:
            self.initial.setdefault("name", profile.display_name)
        if profile.country:
            self.initial.setdefault("country", profile.country.code)
        if profile.language in dict(settings.LANGUAGES):
            self.initial["language"] = profile.language

    def clean_availability(self):
        """The ticked blocks as local hours of the week (the model's form)."""
        return hours_of_periods(self.cleaned_data.get("availability") or [])

    def clean_earlier_rounds(self):
        return self.cleaned_data.get("earlier_rounds") or 0

    def visible_fieldsets(self):
        for legend, names in self.fieldsets:
            yield legend, [self[name] for name in names if name in self.fields]

    def clean_email(self):
        email = self.cleaned_data["email"]
        key = normalise_email(email)
        others = Application.objects.filter(round=self.round_page, email_key=key)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(
                _(
                    "You have already applied to this round with this address "
                    "(or another spelling of it). To change or withdraw your "
                    "application, follow the link in the confirmation email we "
                    "sent you, or sign in and open “My application”."
                ),
                code="duplicate",
            )
        return email
