"""Moderation in the Wagtail admin: a Comments menu with the queue (pending,
published, spam, removed, reported; by post, kind and language;
searchable), approve, mark as spam, reject and remove one by one (each
row's menu, or the edit form) or in bulk (the listing's checkboxes), a
page to export or erase one commenter's data, and a dashboard panel with
the number of comments waiting.

Imported by blog/wagtail_hooks.py, which Wagtail loads at start-up.
"""

import django_filters
from django.conf import settings
from django.db.models import Q
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_comments.models import CommentFlag
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.widgets.button import HeaderButton
from wagtail.models import Page
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from ..cache import purge_post
from ..models import BlogComment
from . import emails, privacy_views

STATUSES = {
    "pending": Q(is_public=False, is_removed=False, is_spam=False),
    "published": Q(is_public=True, is_removed=False, is_spam=False),
    "spam": Q(is_spam=True),
    "removed": Q(is_removed=True, is_spam=False),
    "flagged": Q(
        is_removed=False, is_spam=False, flags__flag=CommentFlag.SUGGEST_REMOVAL
    ),
}


def post_choices():
    """The pages that have comments, as (pk, "title (language)") choices."""
    pks = (
        BlogComment.objects.filter(site_id=settings.SITE_ID)
        .order_by()
        .values_list("object_pk", flat=True)
        .distinct()
    )
    pages = Page.objects.filter(
        pk__in=[int(pk) for pk in pks if pk.isdigit()]
    ).select_related("locale")
    return [
        (str(page.pk), f"{page.title} ({page.locale.language_code})")
        for page in pages.order_by("title", "locale__language_code")
    ]


class CommentFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[
            ("pending", _("Awaiting moderation")),
            ("published", _("Published")),
            ("spam", _("Spam")),
            ("removed", _("Removed")),
            ("flagged", _("Reported by readers")),
        ],
        method="filter_status",
        empty_label=_("All"),
    )
    post = django_filters.ChoiceFilter(
        label=_("Post"),
        choices=post_choices,
        method="filter_post",
        empty_label=_("All"),
    )

    class Meta:
        model = BlogComment
        fields = ["kind", "language"]

    def filter_status(self, queryset, name, value):
        if value not in STATUSES:
            return queryset
        return queryset.filter(STATUSES[value]).distinct()

    def filter_post(self, queryset, name, value):
        page = Page.objects.filter(pk=value).first() if value.isdigit() else None
        if page is None:
            return queryset.none()
        return queryset.for_page(page)


class CommentPermissionPolicy(ModelPermissionPolicy):
    """Comments come from readers: nobody adds one in the admin."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)


ROW_ACTIONS = [
    # (bulk action type, label, icon, priority)
    ("approve", _("Approve"), "check", 40),
    ("spam", _("Mark as spam"), "warning", 41),
    ("remove", _("Remove"), "cross", 42),
]


class CommentIndexView(IndexView):
    """The listing, with a moderation menu on each row (the bulk actions
    applied to that one comment: they ask before acting) and a header link
    to the privacy page."""

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if not self.request.user.has_perm("blog.change_blogcomment"):
            return buttons
        query = urlencode({"id": instance.pk, "next": self.request.get_full_path()})
        for action_type, label, icon, priority in ROW_ACTIONS:
            url = reverse(
                "wagtail_bulk_action",
                args=("blog", "blogcomment", action_type),
            )
            buttons.append(
                MenuItem(label, url=f"{url}?{query}", icon_name=icon, priority=priority)
            )
        return buttons

    @property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.request.user.has_perm("blog.change_blogcomment"):
            buttons.append(
                HeaderButton(
                    _("Export or erase a commenter's data"),
                    url=reverse("comment_privacy"),
                    icon_name="user",
                )
            )
        return buttons


class CommentViewSet(SnippetViewSet):
    model = BlogComment
    index_view_class = CommentIndexView
    icon = "comment"
    menu_label = _("Comments")
    menu_name = "comments"
    menu_order = 210
    add_to_admin_menu = True
    list_display = [
        "excerpt",
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
    form_fields = ["comment", "is_public", "is_removed", "is_spam"]
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
        "is_spam",
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
        # A queryset update sends no signal: purge the posts here.
        for post in {c.content_object for c in objects} - {None}:
            purge_post(post)
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
    values = {"is_public": True, "is_removed": False, "is_spam": False}


@hooks.register("register_bulk_action")
class RemoveBulkAction(ModerateBulkAction):
    display_name = _("Remove")
    action_type = "remove"
    aria_label = _("Remove the selected comments")
    action_priority = 20
    values = {"is_removed": True, "is_spam": False}


@hooks.register("register_bulk_action")
class RejectBulkAction(ModerateBulkAction):
    """Reject a held comment: the same as removing it, under the word
    moderators use for the queue."""

    display_name = _("Reject")
    action_type = "reject"
    aria_label = _("Reject the selected comments")
    action_priority = 30
    values = {"is_removed": True, "is_spam": False}


@hooks.register("register_bulk_action")
class SpamBulkAction(ModerateBulkAction):
    display_name = _("Mark as spam")
    action_type = "spam"
    aria_label = _("Mark the selected comments as spam")
    action_priority = 40
    values = {"is_spam": True, "is_public": False, "is_removed": False}


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


@hooks.register("register_admin_urls")
def register_privacy_url():
    return [
        path(
            "comments/privacy/",
            privacy_views.CommentPrivacyView.as_view(),
            name="comment_privacy",
        )
    ]
