from django import forms
from django.utils.translation import gettext_lazy as _

from .images import BadPhoto, clean_photo
from .models import ContactMessage, Licence, PhotoSubmission, Topic

HONEYPOT_HELP = _("Leave this field empty")


class HoneypotMixin:
    """A field people leave empty and form-filling robots do not (as the
    comment form's): filled in, the form is refused with a 400."""

    def add_honeypot(self):
        self.fields["website_url"] = forms.CharField(
            label=HONEYPOT_HELP,
            required=False,
            widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
        )

    def caught_a_robot(self):
        return bool(self.data.get("website_url"))


class EmailFieldsMixin:
    """Name and email for readers who are not signed in."""

    def add_sender_fields(self, user):
        if user.is_authenticated:
            return
        self.fields["name"] = forms.CharField(
            label=_("Your name"),
            max_length=120,
            widget=forms.TextInput(attrs={"autocomplete": "name"}),
        )
        self.fields["email"] = forms.EmailField(
            label=_("Your email"),
            help_text=_("We send a link to this address to confirm it is yours."),
            widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        )


class PhotoForm(HoneypotMixin, EmailFieldsMixin, forms.ModelForm):
    photo = forms.FileField(
        label=_("Photo"),
        help_text=_("JPEG, PNG, WebP or HEIC, up to 10 MB."),
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp,image/heic,.heic"}
        ),
    )
    licence = forms.ChoiceField(
        label=_("Licence"),
        choices=Licence.choices,
        initial=Licence.CC_BY,
        widget=forms.RadioSelect,
    )
    consent = forms.BooleanField(
        label=_(
            "The people in this photo agree to its publication, and I took it "
            "or may share it."
        ),
    )

    class Meta:
        model = PhotoSubmission
        fields = ["photo", "caption", "library", "country", "credit_name"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_sender_fields(user)
        self.add_honeypot()
        self.fields["caption"].widget.attrs["maxlength"] = 250
        if user.is_authenticated:
            profile = getattr(user, "profile", None)
            self.fields["credit_name"].initial = getattr(profile, "name", "")
            self.fields["library"].initial = getattr(profile, "library", "")
            self.fields["country"].initial = getattr(profile, "country", "")
        self.cleaned_photo = None

    def clean_photo(self):
        upload = self.cleaned_data["photo"]
        try:
            self.cleaned_photo = clean_photo(upload)
        except BadPhoto as refusal:
            raise forms.ValidationError(str(refusal), code="bad_photo") from None
        return upload


class ContactForm(HoneypotMixin, forms.ModelForm):
    topic = forms.ChoiceField(label=_("Topic"), choices=Topic.choices)

    class Meta:
        model = ContactMessage
        fields = ["topic", "name", "email", "message"]
        labels = {
            "name": _("Your name"),
            "email": _("Your email"),
            "message": _("Message"),
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "message": forms.Textarea(attrs={"rows": 8, "maxlength": 5000}),
        }
        help_texts = {"email": _("We answer here, and send you a copy.")}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_honeypot()
        if user is not None and user.is_authenticated:
            self.fields["email"].initial = user.email
            profile = getattr(user, "profile", None)
            self.fields["name"].initial = getattr(profile, "name", "")


class GuestPostForm(HoneypotMixin, EmailFieldsMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    excerpt = forms.CharField(
        label=_("Summary"),
        max_length=600,
        help_text=_("One or two sentences shown in listings."),
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": 600}),
    )
    text = forms.CharField(
        label=_("Text"),
        max_length=20000,
        help_text=_("Plain text; leave an empty line between paragraphs."),
        widget=forms.Textarea(attrs={"rows": 14, "maxlength": 20000}),
    )
    bio = forms.CharField(
        label=_("About you"),
        max_length=600,
        help_text=_("Two or three lines shown with the post."),
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 600}),
    )
    role = forms.CharField(
        label=_("Your role"),
        max_length=120,
        required=False,
        help_text=_("For example “coordinator”."),
    )
    organisation = forms.CharField(
        label=_("Your library or network"), max_length=200, required=False
    )
    photo = forms.FileField(
        label=_("Photo (optional)"),
        required=False,
        help_text=_(
            "Shown at the top of the post. JPEG, PNG, WebP or HEIC, up to 10 MB."
        ),
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp,image/heic,.heic"}
        ),
    )
    photo_alt = forms.CharField(
        label=_("What the photo shows"),
        max_length=250,
        required=False,
        help_text=_("For people who cannot see it. Needed with a photo."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_sender_fields(user)
        self.add_honeypot()
        self.cleaned_photo = None

    def clean_photo(self):
        upload = self.cleaned_data.get("photo")
        if upload:
            try:
                self.cleaned_photo = clean_photo(upload)
            except BadPhoto as refusal:
                raise forms.ValidationError(str(refusal), code="bad_photo") from None
        return upload

    def clean(self):
        cleaned = super().clean()
        if self.cleaned_photo and not cleaned.get("photo_alt"):
            self.add_error("photo_alt", _("Say what the photo shows."))
        return cleaned
