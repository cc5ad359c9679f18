"""The admin's privacy page (Comments → "Export or erase a commenter's
data"): a moderator types an email address, sees how many entries it left,
and downloads them as JSON or erases them. Only for users who can change
comments; the work is done by `privacy.py`, as in the management command.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import View
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from . import privacy

PERMISSION = "blog.change_blogcomment"


class CommenterForm(forms.Form):
    email = forms.EmailField(
        label=_("Commenter's email address"),
        help_text=_("Every comment left with this address, in any case."),
    )
    action = forms.ChoiceField(
        choices=[("export", _("Download")), ("erase", _("Erase"))],
        required=False,
        widget=forms.HiddenInput,
    )


class CommentPrivacyView(WagtailAdminTemplateMixin, View):
    template_name = "blog/admin/comment_privacy.html"
    page_title = _("Export or erase a commenter's data")
    header_icon = "user"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        from ..models import BlogComment

        listing = reverse(BlogComment.snippet_viewset.get_url_name("list"))
        return [
            *self.breadcrumbs_items,
            {"url": listing, "label": _("Comments")},
            {"url": "", "label": self.page_title},
        ]

    def get(self, request):
        form = CommenterForm(request.GET or None)
        count = None
        if form.is_valid():
            count = privacy.comments_of(form.cleaned_data["email"]).count()
        return self.render_to_response(self.get_context_data(form=form, count=count))

    def post(self, request):
        form = CommenterForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(
                self.get_context_data(form=form, count=None), status=400
            )
        email = form.cleaned_data["email"]
        if form.cleaned_data["action"] == "erase":
            count = privacy.erase_address(email)
            messages.success(
                request,
                ngettext(
                    "Erased %(count)d comment of %(email)s.",
                    "Erased %(count)d comments of %(email)s.",
                    count,
                )
                % {"count": count, "email": email},
            )
            return redirect(f"{request.path}?{urlencode({'email': email})}")
        response = HttpResponse(
            privacy.export_json(email), content_type="application/json"
        )
        response["Content-Disposition"] = 'attachment; filename="comments.json"'
        return response
