from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from blog.models import Category

from .models import Frequency


def language_choices():
    """The site's languages that have a locale (posts can exist in them)."""
    codes = set(Locale.objects.values_list("language_code", flat=True))
    return [(code, name) for code, name in settings.LANGUAGES if code in codes]


class ChoicesForm(forms.Form):
    """What a subscription receives: languages, categories, how often."""

    languages = forms.MultipleChoiceField(
        label=_("Posts in"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one language.")},
    )
    categories = forms.ModelMultipleChoiceField(
        label=_("Only these categories (leave empty for all posts)"),
        queryset=Category.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    frequency = forms.ChoiceField(
        label=_("How often"),
        choices=Frequency.choices,
        widget=forms.RadioSelect,
        initial=Frequency.INSTANT,
    )

    def __init__(self, *args, subscription=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["languages"].choices = language_choices()
        locale = Locale.get_active()
        self.fields["categories"].queryset = Category.objects.filter(locale=locale)
        if subscription is not None and not self.is_bound:
            # The chosen categories in this page's language (they may have
            # been chosen in another: they share a translation key).
            keys = [c.translation_key for c in subscription.categories.all()]
            self.initial.update(
                languages=subscription.languages,
                frequency=subscription.frequency,
                categories=list(
                    Category.objects.filter(locale=locale, translation_key__in=keys)
                ),
            )

    def save_to(self, subscription):
        subscription.languages = self.cleaned_data["languages"]
        subscription.frequency = self.cleaned_data["frequency"]
        subscription.save()
        subscription.categories.set(self.cleaned_data["categories"])
        return subscription


class FollowForm(ChoicesForm):
    """The "Follow by email" form of a reader without an account (a member's
    has no email field: their verified address is used)."""

    email = forms.EmailField(label=_("Your email address"), max_length=254)

    field_order = ["email", "languages", "categories", "frequency"]

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()
