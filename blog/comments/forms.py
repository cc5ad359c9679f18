"""The comment form: django-comments-xtd's (security hash, timestamp,
honeypot, reply_to, follow-up) with our labels and widgets, a "remember my
details" choice (an opt-in, signed, HTTP-only cookie), and the fields of
`BlogComment`; and `form_context()`, what the form's template needs."""

import json

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _
from django_comments_xtd.forms import XtdCommentForm

from ..models import BlogComment

REMEMBER_COOKIE = "comment_author"
REMEMBER_SALT = "blog.comments.remember"
REMEMBER_MAX_AGE = 365 * 24 * 60 * 60


class CommentForm(XtdCommentForm):
    remember = forms.BooleanField(
        required=False,
        label=_("Remember my name, email and website on this device"),
        help_text=_("Stores them in a cookie in your browser; nothing else."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        fields = self.fields
        fields["name"].label = _("Name")
        fields["name"].widget = forms.TextInput(attrs={"autocomplete": "name"})
        fields["email"].label = _("Email")
        fields["email"].help_text = _(
            "Never shown. We send a link to confirm your comment."
        )
        fields["email"].widget = forms.EmailInput(attrs={"autocomplete": "email"})
        fields["url"].label = _("Website")
        fields["url"].help_text = _("Optional: your name will link to it.")
        fields["url"].widget = forms.URLInput(attrs={"autocomplete": "url"})
        fields["comment"].label = _("Comment")
        fields["comment"].help_text = _(
            "Plain text; web addresses become links. At most %(count)s characters."
        ) % {"count": settings.COMMENT_MAX_LENGTH}
        fields["comment"].widget = forms.Textarea(
            attrs={"rows": 6, "maxlength": settings.COMMENT_MAX_LENGTH}
        )
        fields["followup"].label = _("Notify me of follow-up comments by email")
        fields["followup"].widget.attrs.pop("class", None)
        fields["honeypot"].label = _("Leave this field empty")
        fields["honeypot"].widget.attrs.update(
            {"tabindex": "-1", "autocomplete": "off"}
        )
        fields["reply_to"].min_value = 0
        fields["followup"].widget.attrs.pop("id", None)

    def clean(self):
        # Skip XtdCommentForm.clean: it adds Bootstrap classes to widgets.
        return super(XtdCommentForm, self).clean()

    def get_comment_create_data(self, site_id=None):
        data = super().get_comment_create_data(site_id=site_id)
        data["kind"] = BlogComment.Kind.COMMENT
        data["language"] = self.target_object.locale.language_code
        return data

    @property
    def detail_fields(self):
        """The fields anonymous readers fill in beside the comment."""
        return [self["name"], self["email"], self["url"]]


def remember(response, form):
    """Keep the commenter's details in a signed cookie, or forget them."""
    if form.cleaned_data.get("remember"):
        details = {name: form.cleaned_data[name] for name in ("name", "email", "url")}
        response.set_signed_cookie(
            REMEMBER_COOKIE,
            json.dumps(details),
            salt=REMEMBER_SALT,
            max_age=REMEMBER_MAX_AGE,
            httponly=True,
            samesite="Lax",
            secure=not settings.DEBUG,
        )
    else:
        response.delete_cookie(REMEMBER_COOKIE)


def remembered(request):
    """The details a reader asked us to remember ({} if none, or if the
    cookie was tampered with)."""
    try:
        value = request.get_signed_cookie(
            REMEMBER_COOKIE, default=None, salt=REMEMBER_SALT
        )
        details = json.loads(value) if value else {}
    except (ValueError, signing.BadSignature):
        return {}
    if not details or not isinstance(details, dict):
        return {}
    return {key: str(details.get(key, "")) for key in ("name", "email", "url")}


def form_context(request, post, parent=None):
    """What blog/comments/form.html needs: a fresh form (with the reader's
    remembered details; a reply to `parent`, a comment checked by
    `blog.models.reply_target`), or why there is none."""
    member = request.user.is_authenticated
    initial = {} if member else remembered(request)
    if initial:
        initial["remember"] = True
    form = None
    if post.comments_open():
        form = CommentForm(post, initial=initial, comment=parent)
    return {
        "form": form,
        "post": post,
        "parent": parent,
        "member": member,
        "request": request,
    }
