"""The bookkeeping of linkbacks, in and out.

A `ReceivedLinkback` is one (source, post) pair that another site (or one
of our own posts) told us about: it remembers each notification and what
verification found. What readers see is the `BlogComment` it points to
(kind pingback, webmention or reblog); a source that stops linking, or
answers 410 Gone, loses its entry.

A `SentLinkback` is one (post, link) pair we notified, or tried to: once
per pair, with the endpoint found and what it answered, visible in the
admin under Linkbacks.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReceivedLinkback(models.Model):
    class Protocol(models.TextChoices):
        PINGBACK = "pingback", _("Pingback")
        WEBMENTION = "webmention", _("Webmention")
        INTERNAL = "internal", _("Link from one of our posts")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for verification")
        PUBLISHED = "published", _("Published")
        HELD = "held", _("Awaiting moderation")
        DISCARDED = "discarded", _("Discarded by the block list")
        REJECTED = "rejected", _("Rejected: the source does not link here")
        FAILED = "failed", _("The source could not be fetched")
        REMOVED = "removed", _("Removed: the source is gone or no longer links")
        MODERATED = "moderated", _("Removed by a moderator")

    source = models.URLField(_("source"), max_length=500)
    target = models.URLField(
        _("target"), max_length=500, help_text=_("The URL the sender gave.")
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("post"),
    )
    protocol = models.CharField(_("protocol"), max_length=12, choices=Protocol)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=Status,
        default=Status.PENDING,
        db_index=True,
    )
    comment = models.OneToOneField(
        "blog.BlogComment",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="linkback",
        verbose_name=_("entry in the thread"),
    )
    sender_ip = models.GenericIPAddressField(_("sender address"), null=True)
    received_at = models.DateTimeField(_("first received"), auto_now_add=True)
    notified_at = models.DateTimeField(_("last notified"), auto_now=True)
    verified_at = models.DateTimeField(_("last verified"), null=True, blank=True)
    detail = models.CharField(_("detail"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("received linkback")
        verbose_name_plural = _("received linkbacks")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "page"], name="one_linkback_per_source_and_post"
            )
        ]

    def __str__(self):
        return f"{self.source} → {self.target}"


class SentLinkback(models.Model):
    class Protocol(models.TextChoices):
        WEBMENTION = "webmention", _("Webmention")
        PINGBACK = "pingback", _("Pingback")
        INTERNAL = "internal", _("Internal (one of our posts)")
        NONE = "", _("None")

    class Status(models.TextChoices):
        SENT = "sent", _("Sent")
        NO_ENDPOINT = "no_endpoint", _("No endpoint found")
        REFUSED = "refused", _("Refused by the receiver")
        FAILED = "failed", _("Failed")

    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("post"),
    )
    source = models.URLField(_("source"), max_length=500)
    target = models.URLField(_("link"), max_length=500)
    protocol = models.CharField(
        _("protocol"), max_length=12, choices=Protocol, blank=True
    )
    endpoint = models.URLField(_("endpoint"), max_length=500, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status)
    response_status = models.PositiveSmallIntegerField(
        _("response status"), null=True, blank=True
    )
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    sent_at = models.DateTimeField(_("last attempt"), auto_now=True)

    class Meta:
        verbose_name = _("sent linkback")
        verbose_name_plural = _("sent linkbacks")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "target"], name="one_notification_per_post_and_link"
            )
        ]

    def __str__(self):
        return f"{self.source} → {self.target}"

    @property
    def is_done(self):
        """Whether the link needs no other attempt (a failure is tried
        again when the post is published again)."""
        return self.status != self.Status.FAILED
