"""The admin of contributions: *Contributions* in the menu with the
workspace photos (moderated one by one or in bulk: approve, reject, add to
a post) and the messages to the organisers (answered from their edit view).
Guest posts need nothing of their own: they wait in Wagtail's workflow
("Awaiting your review" on the dashboard)."""

from django import forms
from django.contrib import messages
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.widgets import AdminPageChooser
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    EditView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from blog.models import BlogPage

from . import emails, moderation
from .models import AddressChange, ContactMessage, PhotoSubmission


def thumbnail(submission):
    if not submission.photo:
        return ""
    return format_html(
        '<img src="{}" alt="{}" width="120" loading="lazy">',
        submission.photo.url,
        submission.caption,
    )


class PhotoEditView(EditView):
    """Saving with the status "Approved" approves: the image is made."""

    def save_instance(self):
        instance = super().save_instance()
        if instance.status == PhotoSubmission.Status.APPROVED and not instance.image_id:
            moderation.approve([instance], self.request.user)
        return instance


class PhotoViewSet(SnippetViewSet):
    model = PhotoSubmission
    edit_view_class = PhotoEditView
    icon = "image"
    menu_label = _("Workspace photos")
    list_display = [
        Column("thumbnail", label=_("Photo"), accessor=thumbnail),
        "caption",
        "credit_name",
        "library",
        StatusTagColumn(
            "status",
            label=_("Status"),
            accessor="get_status_display",
            primary=lambda s: s.status == PhotoSubmission.Status.PENDING,
        ),
        DateColumn("created_at", label=_("Sent")),
    ]
    list_filter = ["status", "licence"]
    search_fields = ["caption", "credit_name", "library", "email"]
    ordering = ["-created_at"]
    panels = [
        FieldPanel("status"),
        FieldPanel("moderator_note"),
        MultiFieldPanel(
            [
                FieldPanel("caption"),
                FieldRowPanel([FieldPanel("credit_name"), FieldPanel("licence")]),
                FieldRowPanel([FieldPanel("library"), FieldPanel("country")]),
                FieldPanel("email", read_only=True),
                FieldPanel("consent", read_only=True),
                FieldPanel("image", read_only=True),
            ],
            heading=_("What the sender wrote"),
        ),
    ]

    def get_queryset(self, request):
        return PhotoSubmission.objects.select_related("image")


class ContactEditView(EditView):
    """Saving an answer sends it to the sender and marks the message
    answered."""

    def save_instance(self):
        instance = self.form.instance
        answering = (
            instance.answer.strip() and instance.state == ContactMessage.State.NEW
        )
        if answering:
            instance.state = ContactMessage.State.ANSWERED
            instance.answered_by = self.request.user
            instance.answered_at = timezone.now()
        instance = super().save_instance()
        if answering:
            emails.send_contact_answer(instance)
            messages.info(self.request, _("Your answer is on its way."))
        return instance


class ContactViewSet(SnippetViewSet):
    model = ContactMessage
    edit_view_class = ContactEditView
    icon = "mail"
    menu_label = _("Messages")
    list_display = [
        "name",
        Column("topic", label=_("Topic"), accessor="get_topic_display"),
        StatusTagColumn(
            "state",
            label=_("State"),
            accessor="get_state_display",
            primary=lambda m: m.state == ContactMessage.State.NEW,
        ),
        "email",
        DateColumn("created_at", label=_("Received")),
    ]
    list_filter = ["state", "topic", "language"]
    search_fields = ["name", "email", "message"]
    ordering = ["-created_at"]
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("topic", read_only=True),
                FieldPanel("name", read_only=True),
                FieldPanel("email", read_only=True),
                FieldPanel("message", read_only=True),
            ],
            heading=_("The message"),
        ),
        HelpPanel(
            _(
                "Write your answer below and save: it is emailed to the sender "
                "and the message is marked answered."
            )
        ),
        FieldPanel("answer"),
        FieldPanel("state"),
    ]


class AddressChangeViewSet(SnippetViewSet):
    """Read-only: participants make these changes themselves."""

    model = AddressChange
    icon = "mail"
    menu_label = _("Address changes")
    list_display = [
        "application",
        "old_email",
        "new_email",
        DateColumn("requested_at", label=_("Asked")),
        DateColumn("confirmed_at", label=_("Confirmed")),
        DateColumn("match_email_resent_at", label=_("Match email sent again")),
    ]
    search_fields = ["old_email", "new_email"]
    ordering = ["-requested_at"]
    inspect_view_enabled = True
    panels = [
        FieldPanel(name, read_only=True)
        for name in ("old_email", "new_email", "confirmed_at")
    ]

    def get_queryset(self, request):
        return AddressChange.objects.select_related("application")


class ContributionsGroup(SnippetViewSetGroup):
    items = (PhotoViewSet, ContactViewSet, AddressChangeViewSet)
    menu_icon = "group"
    menu_label = _("Contributions")
    menu_name = "contributions"
    menu_order = 220


register_snippet(ContributionsGroup)


class PhotoBulkAction(SnippetBulkAction):
    models = [PhotoSubmission]
    template_name = "contributions/admin/confirm_bulk_photos.html"

    def check_perm(self, submission):
        return self.permission_policy.user_has_permission_for_instance(
            self.request.user, "change", submission
        )

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d photo updated.", "%(count)d photos updated.", num_parent_objects
        ) % {"count": num_parent_objects}


@hooks.register("register_bulk_action")
class ApprovePhotosBulkAction(PhotoBulkAction):
    display_name = _("Approve")
    action_type = "approve-photos"
    aria_label = _("Approve the selected photos")
    action_priority = 10

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        return moderation.approve(objects, kwargs["self"].request.user), 0


@hooks.register("register_bulk_action")
class RejectPhotosBulkAction(PhotoBulkAction):
    display_name = _("Reject")
    action_type = "reject-photos"
    aria_label = _("Reject the selected photos")
    action_priority = 20

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        return moderation.reject(objects), 0


class ChoosePostForm(forms.Form):
    post = forms.ModelChoiceField(
        label=_("Post"),
        queryset=BlogPage.objects.all(),
        widget=AdminPageChooser(target_models=[BlogPage]),
        help_text=_(
            "The approved photos are added at the end of its body, in a new "
            "draft: check it and publish it to feature them."
        ),
    )


@hooks.register("register_bulk_action")
class AddPhotosToPostBulkAction(PhotoBulkAction):
    display_name = _("Add to a post")
    action_type = "add-photos-to-post"
    aria_label = _("Add the selected photos to a post")
    action_priority = 30
    form_class = ChoosePostForm

    def check_perm(self, submission):
        return super().check_perm(submission) and (
            submission.status == PhotoSubmission.Status.APPROVED
        )

    def form_valid(self, form):
        post = form.cleaned_data["post"].specific
        if not post.permissions_for_user(self.request.user).can_edit():
            form.add_error("post", _("You may not edit this post."))
            return self.form_invalid(form)
        return super().form_valid(form)

    def get_execution_context(self):
        post = self.cleaned_form.cleaned_data["post"].specific
        return {"self": self, "post": post}

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        view = kwargs["self"]
        count = moderation.add_to_post(objects, kwargs["post"], view.request.user)
        view.post = kwargs["post"]
        return count, 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d photo added to a draft of “%(title)s”.",
            "%(count)d photos added to a draft of “%(title)s”.",
            num_parent_objects,
        ) % {"count": num_parent_objects, "title": self.post.title}
