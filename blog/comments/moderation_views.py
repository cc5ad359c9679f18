"""The moderation view of one comment or linkback (Comments → a comment):
what a moderator needs to decide, and the decision.

It shows the post the entry is on, its author (name, email address,
website, account, address), its text with the links in it listed apart,
the comment it answers, readers' reports, other entries from the same
address, and, for an entry waiting, why the rules held it (recorded when
they did: `BlogComment.hold_reason`). Its footer approves, rejects or
marks as spam at once (each can be undone from here); deleting, which
cannot, goes through Wagtail's own confirmation view (the header's
menu). It is the comment viewset's inspect view, so the listing, the
breadcrumbs and the permission checks are Wagtail's own.
"""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django_comments.models import CommentFlag
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.widgets.button import Button
from wagtail.snippets.views.snippets import InspectView

from ..models import BlogComment
from .moderation import DECISIONS, apply_decision, hold_list_matches
from .text import linkify, links_in, safe_url

HoldReason = BlogComment.HoldReason

# What the reason means, in the moderator's words.
REASON_EXPLANATIONS = {
    HoldReason.FIRST_COMMENT: _(
        "No comment from this email address has been approved yet: a "
        "moderator reads the first one before it is published."
    ),
    HoldReason.LINKS: _("It contains two or more links (listed below)."),
    HoldReason.HOLD_LIST: _(
        "It contains a word, phrase or address from the hold list "
        "(Settings → Comment moderation)."
    ),
    HoldReason.NEW_SITE: _(
        "No linkback from this site has been published before: a moderator "
        "reads the first one."
    ),
}

DONE = {
    "approve": _("Comment approved: readers see it now."),
    "remove": _("Comment removed: readers no longer see it."),
    "spam": _("Comment marked as spam."),
}


def status_key(comment):
    if comment.is_spam:
        return "spam"
    if comment.is_removed:
        return "removed"
    return "published" if comment.is_public else "pending"


class CommentModerationView(InspectView):
    template_name = "blog/admin/moderate_comment.html"
    page_title = _("Moderate")

    def get_object(self, queryset=None):
        comments = BlogComment.objects.select_related("user__profile")
        return get_object_or_404(comments, pk=unquote(str(self.pk)))

    def get_page_subtitle(self):
        return self.object.excerpt

    def get_edit_url(self):
        # The listing and the breadcrumbs lead here; the text's editor is
        # still in the header's menu.
        return None

    @property
    def header_more_buttons(self):
        buttons = super().header_more_buttons
        if self.edit_url_name and self.user_has_permission("change"):
            url = reverse(self.edit_url_name, args=[self.object.pk])
            buttons.insert(
                0, Button(_("Edit text"), url=url, icon_name="edit", priority=10)
            )
        return buttons

    def post(self, request, *args, **kwargs):
        if not self.user_has_permission("change"):
            raise PermissionDenied
        decision = request.POST.get("decision")
        if decision not in DECISIONS:
            messages.error(request, _("Choose approve, remove or mark as spam."))
            return redirect(request.get_full_path())
        apply_decision(request, [self.object], decision)
        messages.success(request, DONE[decision])
        return redirect(self.next_url())

    def next_url(self):
        """Where a decision leads: back where the moderator came from (the
        listing as it was filtered), else to the comments still waiting."""
        listing = reverse(self.index_url_name)
        return get_valid_next_url_from_request(self.request) or (
            f"{listing}?{urlencode({'status': 'pending'})}"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        comment = self.object
        post = comment.content_object
        status = status_key(comment)
        decisions = self.decisions(status)
        context.update(
            {
                "comment": comment,
                "post": post.specific if post is not None else None,
                "status": status,
                "shown": status == "published",
                "post_comments_url": reverse(self.index_url_name)
                + "?"
                + urlencode({"post": comment.object_pk}),
                "text": linkify(comment.comment),
                "links": self.links(comment),
                "website": safe_url(comment.user_url),
                "source_url": safe_url(comment.source_url),
                "reason": comment.get_hold_reason_display(),
                "explanation": REASON_EXPLANATIONS.get(comment.hold_reason, ""),
                "hold_list_matches": hold_list_matches(
                    {
                        "comment": comment.comment,
                        "user_name": comment.user_name,
                        "user_email": comment.user_email,
                        "user_url": comment.user_url,
                        "source_url": comment.source_url,
                        "source_title": comment.source_title,
                        "source_site_name": comment.source_site_name,
                    }
                )
                if comment.hold_reason == HoldReason.HOLD_LIST
                else [],
                "parent": self.parent(comment),
                "reports": comment.flags.filter(flag=CommentFlag.SUGGEST_REMOVAL)
                .select_related("user__profile")
                .order_by("flag_date"),
                "from_address": self.from_address(comment),
                "can_moderate": self.user_has_permission("change"),
                "next": get_valid_next_url_from_request(self.request),
                "main_decision": decisions[0],
                "other_decisions": decisions[1:],
            }
        )
        return context

    def links(self, comment):
        links = links_in(comment.comment)
        if comment.is_linkback and safe_url(comment.source_url):
            links.insert(0, comment.source_url)
        return [url for url in dict.fromkeys(links) if safe_url(url)]

    def parent(self, comment):
        if comment.parent_id in (0, comment.pk):
            return None
        return BlogComment.objects.filter(pk=comment.parent_id).first()

    def from_address(self, comment):
        """How many other entries came from the same email address, by
        state (none for linkbacks, which have no address)."""
        if not comment.user_email:
            return None
        visible = Q(is_public=True, is_removed=False, is_spam=False)
        return (
            BlogComment.objects.filter(user_email__iexact=comment.user_email)
            .exclude(pk=comment.pk)
            .aggregate(
                published=Count("pk", filter=visible),
                pending=Count(
                    "pk", filter=Q(is_public=False, is_removed=False, is_spam=False)
                ),
                spam=Count("pk", filter=Q(is_spam=True)),
            )
        )

    @staticmethod
    def decisions(status):
        """The footer's buttons, (decision, label), the first one the main
        one: what can be done from the comment's state."""
        approve = ("approve", _("Approve"))
        spam = ("spam", _("Mark as spam"))
        if status == "pending":
            return [approve, ("remove", _("Reject")), spam]
        if status == "published":
            return [("remove", _("Remove")), spam]
        if status == "spam":
            return [approve, ("remove", _("Remove"))]
        return [approve, spam]  # removed
