from django import forms
from django.utils.choices import BlankChoiceIterator
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import LazyTypedChoiceField

from .models import Profile

# The widest integer a database column holds (PostgreSQL's bigint).
LARGEST_ID = 2**63 - 1


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's, refusing an id no column can hold as an invalid choice:
    Django queries with it, and SQLite raises OverflowError (a 500) where a
    wrong id should be a message and a 400."""

    def _check_values(self, value):
        if self.to_field_name is None:
            for item in value:
                try:
                    number = int(str(item))
                except ValueError:
                    continue  # Django's own check refuses it
                if abs(number) > LARGEST_ID:
                    raise forms.ValidationError(
                        self.error_messages["invalid_choice"],
                        code="invalid_choice",
                        params={"value": item},
                    )
        return super()._check_values(value)


class SignupProfileForm(forms.Form):
    """Extra fields on allauth's sign-up form; allauth calls `signup()` once
    the user exists."""

    display_name = forms.CharField(
        label=_("Display name"),
        max_length=80,
        required=False,
        help_text=_("How your name appears next to your comments and likes."),
    )
    # `countries` itself, iterated when the form is shown: its names are
    # then in the reader's language, sorted in its order.
    country = LazyTypedChoiceField(
        label=_("Country"),
        choices=BlankChoiceIterator(countries, [("", "—")]),
        required=False,
    )
    library = forms.CharField(
        label=_("Library or organisation"), max_length=200, required=False
    )

    def signup(self, request, user):
        profile, _created = Profile.objects.get_or_create(user=user)
        profile.display_name = self.cleaned_data["display_name"]
        profile.country = self.cleaned_data["country"]
        profile.library = self.cleaned_data["library"]
        profile.language = getattr(request, "LANGUAGE_CODE", profile.language)
        profile.save()


class ProfileForm(forms.ModelForm):
    class Meta:
        model = Profile
        fields = ["display_name", "country", "library", "bio", "language"]
        widgets = {"bio": forms.Textarea(attrs={"rows": 5, "maxlength": 600})}
