"""Forms of the elections: the ballot (built from the election's ballot
type), a nomination, and the organiser's electorate import."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import BallotType

MAX_ROLL_BYTES = 2 * 1024 * 1024

# Only a changed or stale form sends these: say what to do about it.
NOT_AN_OPTION = _(
    "This ballot names an option that is not in this election. "
    "Reload the page and vote again."
)
NOT_A_RANK = _("Ranks go from 1 to the number of options. Reload the page.")


class BallotForm(forms.Form):
    """A ballot for `election`, offering the options of this translation.

    Field values are option keys (language-independent); anything else
    posted is ignored or refused. `cleaned_choices()` returns the ballot as
    stored: a list of option keys, best first for a ranking.
    """

    def __init__(self, election, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.election = election
        self.options = election.option_list
        choices = [(option.key, option.title) for option in self.options]
        if election.ballot_type == BallotType.CHOOSE:
            self.fields["choices"] = forms.MultipleChoiceField(
                label=election.question,
                choices=choices,
                widget=forms.CheckboxSelectMultiple,
                error_messages={
                    "required": _("Choose at least one option."),
                    "invalid_choice": NOT_AN_OPTION,
                },
            )
        elif election.ballot_type == BallotType.ONE:
            self.fields["choice"] = forms.ChoiceField(
                label=election.question,
                choices=choices,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Choose one option."),
                    "invalid_choice": NOT_AN_OPTION,
                },
            )
        else:
            ranks = [("", _("Not ranked"))] + [
                (str(n), str(n)) for n in range(1, len(self.options) + 1)
            ]
            for option in self.options:
                self.fields[self.rank_field(option)] = forms.TypedChoiceField(
                    label=option.title,
                    choices=ranks,
                    coerce=int,
                    empty_value=None,
                    required=False,
                    error_messages={"invalid_choice": NOT_A_RANK},
                )

    @staticmethod
    def rank_field(option):
        return f"rank-{option.key}"

    def rank_fields(self):
        return [self[self.rank_field(option)] for option in self.options]

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        if self.election.ballot_type == BallotType.CHOOSE:
            limit = self.election.max_choices
            chosen = cleaned.get("choices") or []
            if limit is not None and len(chosen) > limit:
                raise forms.ValidationError(
                    ngettext(
                        "Choose at most %(limit)d option.",
                        "Choose at most %(limit)d options.",
                        limit,
                    )
                    % {"limit": limit}
                )
        elif self.election.ballot_type == BallotType.RANK:
            ranked = [
                (cleaned[self.rank_field(option)], option.key)
                for option in self.options
                if cleaned.get(self.rank_field(option)) is not None
            ]
            if not ranked:
                raise forms.ValidationError(_("Rank at least one option."))
            ranks = [rank for rank, _key in ranked]
            if len(set(ranks)) != len(ranks):
                raise forms.ValidationError(
                    _("Give each option a different rank: two options share one.")
                )
        return cleaned

    def cleaned_choices(self):
        if self.election.ballot_type == BallotType.CHOOSE:
            order = {option.key: n for n, option in enumerate(self.options)}
            return sorted(self.cleaned_data["choices"], key=order.__getitem__)
        if self.election.ballot_type == BallotType.ONE:
            return [self.cleaned_data["choice"]]
        ranked = sorted(
            (self.cleaned_data[self.rank_field(option)], option.key)
            for option in self.options
            if self.cleaned_data.get(self.rank_field(option)) is not None
        )
        return [key for _rank, key in ranked]


class NominationForm(forms.Form):
    title = forms.CharField(
        label=_("Option"),
        max_length=200,
        help_text=_("A short title, as it would appear on the ballot."),
        error_messages={"required": _("Give the option a short title.")},
    )
    description = forms.CharField(
        label=_("Why it matters"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ElectorateImportForm(forms.Form):
    roll = forms.FileField(
        label=_("List of voters (CSV)"),
        help_text=_(
            "One voter per row: email, then optionally name and language "
            "(en, es, fr, ar). A first row with the word “email” is a header."
        ),
    )

    def clean_roll(self):
        roll = self.cleaned_data["roll"]
        if roll.size > MAX_ROLL_BYTES:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        try:
            return roll.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(
                _("The file is not UTF-8 text: save it as “CSV UTF-8”.")
            ) from None


class RoundParticipantsForm(forms.Form):
    """The organiser picks a mentoring round whose participants become the
    voters."""

    round = forms.ModelChoiceField(
        label=_("Mentoring round"),
        queryset=None,
        empty_label=_("Choose a round"),
        help_text=_(
            "Its participants (confirmed applications that were not withdrawn) "
            "are added to the list, each with the language they chose for emails."
        ),
        error_messages={
            "required": _("Choose a round."),
            "invalid_choice": _("That round does not exist (any more)."),
        },
    )

    def __init__(self, *args, **kwargs):
        from program.participants import rounds

        super().__init__(*args, **kwargs)
        self.fields["round"].queryset = rounds()
        # Two programs may both have a "Round 1": name the program too.
        self.fields["round"].label_from_instance = lambda round_page: (
            f"{round_page.get_parent().title} — {round_page.title}"
        )
