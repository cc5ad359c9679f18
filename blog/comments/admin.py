"""Moderation in the Wagtail admin: a Comments menu with the queue (pending,
published, removed; by kind and language; searchable), approve and remove
one by one (the edit form) or in bulk (the listing's checkboxes), and a
dashboard panel with the number of comments waiting.

Imported by blog/wagtail_hooks.py, which Wagtail loads at start-up.
"""

import django_filters
from django.db.models import Q
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_comments.models import CommentFlag
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from ..models import BlogComment
from . import emails

STATUSES = {
    "pending": Q(is_public=False, is_removed=False),
    "published": Q(is_public=True, is_removed=False),
    "removed": Q(is_removed=True),
    "flagged": Q(is_removed=False, flags__flag=CommentFlag.SUGGEST_REMOVAL),
}


class CommentFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[
            ("pending", _("Awaiting moderation")),
            ("published", _("Published")),
            ("removed", _("Removed")),
            ("flagged", _("Reported by readers")),
        ],
        method="filter_status",
        empty_label=_("All"),
    )

    class Meta:
        model = BlogComment
        fields = ["kind", "language"]

    def filter_status(self, queryset, name, value):
        if value not in STATUSES:
            return queryset
        return queryset.filter(STATUSES[value]).distinct()


class CommentPermissionPolicy(ModelPermissionPolicy):
    """Comments come from readers: nobody adds one in the admin."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)


class CommentViewSet(SnippetViewSet):
    model = BlogComment
    icon = "comment"
    menu_label = _("Comments")
    menu_name = "comments"
    menu_order = 210
    add_to_admin_menu = True
    list_display = [
        Column("text", label=_("Comment"), accessor="excerpt"),
        Column("author", label=_("Author"), accessor="author_name"),
        Column("kind", label=_("Kind"), accessor="get_kind_display"),
        Column("language", label=_("Language")),
        Column("status", label=_("Status"), accessor="status_label"),
        DateColumn("submit_date", label=_("Date")),
    ]
    filterset_class = CommentFilterSet
    search_fields = ["comment", "user_name", "user_email", "source_url"]
    ordering = ["-submit_date"]
    list_per_page = 50
    form_fields = ["comment", "is_public", "is_removed"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "comment",
        "user_name",
        "user_email",
        "user_url",
        "ip_address",
        "kind",
        "language",
        "source_url",
        "source_title",
        "is_public",
        "is_removed",
        "submit_date",
    ]

    def get_queryset(self, request):
        return BlogComment.objects.select_related("user__profile").order_by(
            "-submit_date"
        )


register_permission_policy(BlogComment, CommentPermissionPolicy(BlogComment))
register_snippet(CommentViewSet)


class ModerateBulkAction(SnippetBulkAction):
    models = [BlogComment]
    template_name = "blog/admin/confirm_bulk_moderation.html"
    values = {}

    def check_perm(self, comment):
        return self.permission_policy.user_has_permission_for_instance(
            self.request.user, "change", comment
        )

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        # One UPDATE, without xtd's pre_save signal: approving a comment must
        # not also publish replies that were held for their own reasons.
        count = BlogComment.objects.filter(pk__in=[c.pk for c in objects]).update(
            **cls.values
        )
        if cls.values.get("is_public"):
            request = kwargs["self"].request
            for comment in objects:
                if not comment.is_public and comment.content_object is not None:
                    comment.is_public = True
                    emails.notify_followers(
                        request, comment, comment.content_object.specific
                    )
        return count, 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        message = ngettext(
            "%(count)d comment updated.",
            "%(count)d comments updated.",
            num_parent_objects,
        )
        return message % {"count": num_parent_objects}


@hooks.register("register_bulk_action")
class ApproveBulkAction(ModerateBulkAction):
    display_name = _("Approve")
    action_type = "approve"
    aria_label = _("Approve the selected comments")
    action_priority = 10
    values = {"is_public": True, "is_removed": False}


@hooks.register("register_bulk_action")
class RemoveBulkAction(ModerateBulkAction):
    display_name = _("Remove")
    action_type = "remove"
    aria_label = _("Remove the selected comments")
    action_priority = 20
    values = {"is_removed": True}


class PendingCommentsPanel(Component):
    name = "pending_comments"
    order = 90

    def render_html(self, parent_context=None):
        count = BlogComment.objects.pending().count()
        viewset = BlogComment.snippet_viewset
        url = reverse(viewset.get_url_name("list")) + "?status=pending"
        text = ngettext(
            "%(count)d comment awaits moderation.",
            "%(count)d comments await moderation.",
            count,
        ) % {"count": count}
        return format_html(
            '<section class="panel w-mb-8" aria-labelledby="pending-comments">'
            '<h2 id="pending-comments">{}</h2><p><a href="{}">{}</a></p></section>',
            _("Comments"),
            url,
            text,
        )


@hooks.register("construct_homepage_panels")
def add_pending_comments_panel(request, panels):
    if request.user.has_perm("blog.change_blogcomment"):
        panels.append(PendingCommentsPanel())
