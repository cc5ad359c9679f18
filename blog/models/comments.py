"""Comments, linkbacks and likes on posts.

A `BlogComment` is django-comments-xtd's threaded comment with what the
blog adds: the kind of entry (a comment, or a pingback, webmention or
reblog from another site, with that site's title, name and excerpt) and
the language of the page it belongs to. Each translation of a post is its
own page, so it has its own thread.

The views, forms, moderation rules and emails around them live in
`blog/comments/`.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Count
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_comments_xtd.models import XtdComment, XtdCommentManager
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


class BlogCommentQuerySet(models.QuerySet):
    def visible(self):
        """What readers see: published, not removed, not spam."""
        return self.filter(is_public=True, is_removed=False, is_spam=False)

    def pending(self):
        """Confirmed entries held for a moderator (not those marked spam)."""
        return self.filter(is_public=False, is_removed=False, is_spam=False)

    def spam(self):
        """Entries a moderator marked as spam: hidden from readers, kept
        apart from the queue."""
        return self.filter(is_spam=True)

    def for_page(self, page):
        """The thread of one page (one language of a post)."""
        return self.filter(
            content_type_id=page.content_type_id,
            object_pk=str(page.pk),
            site_id=settings.SITE_ID,
        )

    def thread_order(self):
        return self.order_by(*settings.COMMENTS_XTD_LIST_ORDER)


class BlogCommentManager(XtdCommentManager.from_queryset(BlogCommentQuerySet)):
    pass


class CannotReply(Exception):
    """A reply (the form's `reply_to`, or `?reply_to=` in a link) names a
    comment that cannot be answered; `message` says why."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def reply_target(post, value):
    """The published comment of `post` that a reply names (`value`: an id,
    as text or a number), None when it names none (empty, or 0 for a new
    thread). Raises CannotReply when it is not a published comment of this
    post, or is at the deepest level already."""
    value = str(value if value is not None else "").strip()
    if value in ("", "0"):
        return None
    parent = None
    if value.isascii() and value.isdigit() and 0 < int(value) < 2**31:
        parent = BlogComment.objects.for_page(post).visible().filter(pk=value).first()
    if parent is None:
        raise CannotReply(
            _("The comment you are replying to is not part of this post's discussion.")
        )
    if parent.level >= settings.COMMENTS_XTD_MAX_THREAD_LEVEL:
        raise CannotReply(
            _("Replies go at most three levels deep: answer the comment above instead.")
        )
    return parent


def visible_comment_counts(pages):
    """{page pk: number of visible entries} for `pages` (a page of a
    listing), in one query over their comments only. Counting in a subquery
    of the listing's own query ran it for every row that OFFSET skipped too
    (blog page 150: 0.9 s)."""
    pages = list(pages)
    if not pages:
        return {}
    rows = (
        BlogComment.objects.visible()
        .filter(
            content_type_id__in={page.content_type_id for page in pages},
            object_pk__in=[str(page.pk) for page in pages],
            site_id=settings.SITE_ID,
        )
        .order_by()
        .values("content_type_id", "object_pk")
        .annotate(count=Count("pk"))
        .values_list("content_type_id", "object_pk", "count")
    )
    counts = {(content_type, pk): count for content_type, pk, count in rows}
    return {
        page.pk: counts.get((page.content_type_id, str(page.pk)), 0) for page in pages
    }


def display_name(user, typed, former_member=False):
    """The name an entry is shown with (BlogComment.author_name), from its
    member (or None), the name typed with it and its former-member marker,
    in the active language."""
    if former_member:
        return gettext("a former member")
    if user:
        profile = getattr(user, "profile", None)
        if profile is not None:
            return profile.name
    return typed or gettext("Anonymous")


# Entries that are part of the conversation (shown by "Show comments only").
CONVERSATION_KINDS = ("comment", "fediverse")


class BlogComment(XtdComment):
    """One entry in a post's thread: a reader's comment, or a linkback."""

    class Kind(models.TextChoices):
        COMMENT = "comment", _("Comment")
        PINGBACK = "pingback", _("Pingback")
        WEBMENTION = "webmention", _("Webmention")
        REBLOG = "reblog", _("Reblog")
        # From the fediverse (fediverse/): a reply written on Mastodon or
        # another ActivityPub server, and a boost of the post.
        FEDIVERSE = "fediverse", _("Fediverse reply")
        BOOST = "boost", _("Boost")

    class HoldReason(models.TextChoices):
        """Why the moderation rules (`blog.comments.moderation`) held an
        entry for a moderator."""

        FIRST_COMMENT = "first_comment", _("First comment from this address")
        LINKS = "links", _("Two or more links")
        HOLD_LIST = "hold_list", _("Matches the hold list")
        NEW_SITE = "new_site", _("First linkback from this site")

    kind = models.CharField(
        _("kind"),
        max_length=12,
        choices=Kind.choices,
        default=Kind.COMMENT,
        db_index=True,
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        blank=True,
        db_index=True,
        help_text=_("The language of the page the entry belongs to."),
    )
    source_url = models.URLField(
        _("source URL"),
        max_length=500,
        blank=True,
        help_text=_("For linkbacks: the page on another site that links here."),
    )
    source_title = models.CharField(_("source title"), max_length=300, blank=True)
    source_site_name = models.CharField(
        _("source site name"), max_length=200, blank=True
    )
    source_excerpt = models.TextField(_("source excerpt"), blank=True)
    is_spam = models.BooleanField(
        _("spam"),
        default=False,
        db_index=True,
        help_text=_("Marked as spam by a moderator: never shown to readers."),
    )
    hold_reason = models.CharField(
        _("held because"),
        max_length=20,
        choices=HoldReason.choices,
        blank=True,
        help_text=_("Why the moderation rules held the entry, when they did."),
    )
    # A digest of the confirmation link an anonymous comment was stored
    # from: unique, so that a link followed many times at once stores one
    # comment (NULL for members' comments and linkbacks).
    confirmation = models.CharField(
        max_length=40, null=True, blank=True, unique=True, editable=False
    )

    # Kept after its author deleted their account: the name is left empty
    # and shown as "a former member" in the reader's language
    # (author_name), never stored in one language.
    former_member = models.BooleanField(
        _("by a former member"), default=False, editable=False
    )

    objects = BlogCommentManager()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [models.Index(fields=["kind", "language"])]

    def __str__(self):
        return f"{self.author_name}: {self.comment[:50]}"

    def get_absolute_url(self, anchor_pattern="#c%(id)s"):
        page = self.content_object
        url = page.get_url() if page is not None else "/"
        return (url or "/") + anchor_pattern % {"id": self.pk}

    @property
    def author_name(self):
        """The name shown with the entry: a member's profile name (never
        their email address), else the name they typed; "a former member"
        (in the active language) for a member who deleted their account."""
        return display_name(
            self.user_id and self.user, self.user_name, self.former_member
        )

    @property
    def excerpt(self):
        return Truncator(self.comment).chars(80)

    excerpt.fget.short_description = _("Comment")

    @property
    def status_label(self):
        if self.is_spam:
            return _("Spam")
        if self.is_removed:
            return _("Removed")
        return _("Published") if self.is_public else _("Awaiting moderation")

    @property
    def is_linkback(self):
        return self.kind not in CONVERSATION_KINDS

    @property
    def is_conversation(self):
        """A comment written here or a reply from the fediverse (not a
        linkback or a boost)."""
        return self.kind in CONVERSATION_KINDS

    @classmethod
    def content_type_for(cls, page):
        return ContentType.objects.get_for_id(page.content_type_id)


class PostLike(models.Model):
    """A member likes a post (one language of it). At most one per member
    and post, guaranteed by the database: liking is an INSERT that may
    conflict, never a read-modify-write of a counter."""

    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="likes",
        verbose_name=_("post"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="post_likes",
        verbose_name=_("member"),
    )
    created_at = models.DateTimeField(_("liked at"), auto_now_add=True)

    class Meta:
        verbose_name = _("like")
        verbose_name_plural = _("likes")
        constraints = [
            models.UniqueConstraint(fields=["page", "user"], name="one_like_per_member")
        ]

    def __str__(self):
        return f"{self.user_id} ♥ {self.page_id}"


@register_setting(icon="comment")
class CommentModerationSettings(BaseSiteSetting):
    """Words and phrases that hold a comment for a moderator, or discard it,
    edited under Settings in the admin."""

    hold_list = models.TextField(
        _("hold list"),
        blank=True,
        help_text=_(
            "One word, phrase or web address per line. A comment or linkback "
            "containing any of them waits for a moderator."
        ),
    )
    block_list = models.TextField(
        _("block list"),
        blank=True,
        help_text=_(
            "One word, phrase or web address per line. A comment or linkback "
            "containing any of them is discarded."
        ),
    )

    class Meta:
        verbose_name = _("comment moderation")

    @staticmethod
    def entries(text):
        return [line.strip().lower() for line in text.splitlines() if line.strip()]

    @property
    def hold_entries(self):
        return self.entries(self.hold_list)

    @property
    def block_entries(self):
        return self.entries(self.block_list)
