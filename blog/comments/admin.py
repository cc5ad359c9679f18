"""Moderation in the Wagtail admin: a Comments menu with the queue (pending,
published, spam, removed, reported; by post, kind and language;
searchable; each row says which post the entry is on, and why it waits),
the moderation view of one entry (`moderation_views`: what it is, where,
by whom, its links and why it was held, with approve, reject and mark as
spam), the same decisions one by one (each row's menu, which asks first)
or in bulk (the listing's checkboxes), a page to export or erase one
commenter's data, and a dashboard panel with the number of comments
waiting.

The listing reads the posts and the readers' reports of the rows shown in
one query each, whatever the number of rows.

Imported by blog/wagtail_hooks.py, which Wagtail loads at start-up.
"""

import django_filters
from django.contrib.admin.utils import quote
from django.db.models import Count, Exists, OuterRef, Q
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_comments.models import CommentFlag
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn, TitleColumn
from wagtail.admin.widgets import AdminPageChooser
from wagtail.admin.widgets.button import HeaderButton
from wagtail.models import Page
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from ..models import BlogComment, BlogPage
from . import privacy_views
from .moderation import apply_decision
from .moderation_views import CommentModerationView

# Each status is a condition on the comment's own row (a report is an
# EXISTS on its flags), never a join that multiplies rows: no DISTINCT,
# which on a big table sorted every comment on disk (1.2–1.9 s at 200,000).
STATUSES = {
    "pending": Q(is_public=False, is_removed=False, is_spam=False),
    "published": Q(is_public=True, is_removed=False, is_spam=False),
    "spam": Q(is_spam=True),
    "removed": Q(is_removed=True, is_spam=False),
    "flagged": Q(
        Exists(
            CommentFlag.objects.filter(
                comment_id=OuterRef("pk"), flag=CommentFlag.SUGGEST_REMOVAL
            )
        ),
        is_removed=False,
        is_spam=False,
    ),
}


class PostChooser(AdminPageChooser):
    """Wagtail's page chooser, which renders a filter value that is not a
    page id (typed into the URL) as no page instead of failing."""

    def get_instance(self, value):
        if isinstance(value, str) and not value.isdigit():
            return None
        return super().get_instance(value)


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
    # A page chooser (searched and browsed on demand), not a <select> of
    # every commented post (3,000 options, half a megabyte of HTML).
    post = django_filters.ModelChoiceFilter(
        label=_("Post"),
        queryset=Page.objects.all(),
        widget=PostChooser(target_models=[BlogPage]),
        method="filter_post",
    )

    class Meta:
        model = BlogComment
        fields = ["kind", "language"]

    def filter_status(self, queryset, name, value):
        if value not in STATUSES:
            return queryset
        return queryset.filter(STATUSES[value])

    def filter_post(self, queryset, name, value):
        return queryset.for_page(value)


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
    """The listing: each row's title leads to the moderation view, and its
    menu has the moderation decisions (the bulk actions applied to that
    one comment: they ask before acting); a header link to the privacy
    page."""

    def _get_title_column(self, field_name, column_class=TitleColumn, **kwargs):
        return self._get_custom_column(
            field_name,
            self._get_title_column_class(column_class),
            get_url=self.get_inspect_url,
            get_title_id=lambda instance: f"snippet_{quote(instance.pk)}_title",
            **kwargs,
        )

    def paginate_queryset(self, queryset, page_size):
        paginator, page, rows, is_paginated = super().paginate_queryset(
            queryset, page_size
        )
        page.object_list = rows = list(rows)
        attach_posts_and_reports(rows)
        return paginator, page, rows, is_paginated

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        inspect_url = self.get_inspect_url(instance)
        for button in buttons:
            if button.url == inspect_url:
                button.label = _("Moderate")
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


def attach_posts_and_reports(comments):
    """Give each of `comments` (a page of the listing) its `post_page` and
    its number of readers' `reports`, in one query each."""
    page_ids = {int(c.object_pk) for c in comments if c.object_pk.isdigit()}
    pages = Page.objects.filter(pk__in=page_ids).select_related("locale")
    pages = {str(page.pk): page for page in pages} if page_ids else {}
    reports = dict(
        CommentFlag.objects.filter(
            comment_id__in=[c.pk for c in comments], flag=CommentFlag.SUGGEST_REMOVAL
        )
        .order_by()
        .values("comment_id")
        .annotate(count=Count("pk"))
        .values_list("comment_id", "count")
    )
    for comment in comments:
        comment.post_page = pages.get(comment.object_pk)
        comment.reports = reports.get(comment.pk, 0)


def post_cell(comment):
    """The post's title, linked to the post, and its language."""
    page = getattr(comment, "post_page", None)
    if page is None:
        return ""
    url = page.get_url()
    language = page.locale.language_code
    if url is None:
        return format_html("{} ({})", page.title, language)
    return format_html('<a href="{}">{}</a> ({})', url, page.title, language)


def why_cell(comment):
    """Why a waiting entry waits, and how many readers reported it."""
    parts = []
    if comment.hold_reason and is_pending(comment):
        parts.append(str(comment.get_hold_reason_display()))
    reports = getattr(comment, "reports", 0)
    if reports:
        parts.append(
            ngettext(
                "Reported by %(counter)s reader",
                "Reported by %(counter)s readers",
                reports,
            )
            % {"counter": reports}
        )
    return "; ".join(parts)


def is_pending(comment):
    return not (comment.is_public or comment.is_removed or comment.is_spam)


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
        Column("post", label=_("Post"), accessor=post_cell),
        Column("author", label=_("Author"), accessor="author_name"),
        StatusTagColumn(
            "status", label=_("Status"), accessor="status_label", primary=is_pending
        ),
        Column("why", label=_("Held because / reports"), accessor=why_cell),
        Column("kind", label=_("Kind"), accessor="get_kind_display"),
        DateColumn("submit_date", label=_("Date")),
    ]
    filterset_class = CommentFilterSet
    search_fields = ["comment", "user_name", "user_email", "source_url"]
    ordering = ["-submit_date"]
    # Rendering dominates this listing, not the database (issue #23,
    # bench/bench_admin_lists.py --profile): each row costs about 13 ms,
    # over half of it Wagtail's row menu with the moderation decisions. 20
    # rows a page keep the listing near 300 ms whatever the queue's size.
    list_per_page = 20
    # Decisions go through the moderation view and the bulk actions (which
    # tell followers and purge the page cache); the edit form is for the
    # text alone (a moderator taking out a link, say).
    panels = [FieldPanel("comment")]
    inspect_view_enabled = True
    inspect_view_class = CommentModerationView

    def get_queryset(self, request):
        return BlogComment.objects.select_related("user__profile").order_by(
            "-submit_date"
        )


register_permission_policy(BlogComment, CommentPermissionPolicy(BlogComment))
register_snippet(CommentViewSet)


class ModerateBulkAction(SnippetBulkAction):
    models = [BlogComment]
    template_name = "blog/admin/confirm_bulk_moderation.html"
    decision = None  # a key of moderation.DECISIONS

    def check_perm(self, comment):
        return self.permission_policy.user_has_permission_for_instance(
            self.request.user, "change", comment
        )

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        count = apply_decision(kwargs["self"].request, objects, cls.decision)
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
    decision = "approve"


@hooks.register("register_bulk_action")
class RemoveBulkAction(ModerateBulkAction):
    display_name = _("Remove")
    action_type = "remove"
    aria_label = _("Remove the selected comments")
    action_priority = 20
    decision = "remove"


@hooks.register("register_bulk_action")
class RejectBulkAction(RemoveBulkAction):
    """Reject a held comment: removing it, under the word moderators use for
    the queue."""

    display_name = _("Reject")
    action_type = "reject"
    aria_label = _("Reject the selected comments")
    action_priority = 30


@hooks.register("register_bulk_action")
class SpamBulkAction(ModerateBulkAction):
    display_name = _("Mark as spam")
    action_type = "spam"
    aria_label = _("Mark the selected comments as spam")
    action_priority = 40
    decision = "spam"


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
