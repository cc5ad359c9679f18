"""Following the blog by email.

A `Subscription` is one address that asked for new posts: in which
languages, optionally only some categories, at once or as a weekly digest.
It is `confirmed` once the address has proven it is the reader's (the link
of the confirmation email; a member's verified address counts at once), and
`suspended` when the address hard-bounced (an SMTP 5xx refusal of the
recipient: `subscriptions.bounces`).

`AnnouncedPost` records that a post was announced, the first time it was
published; `Delivery` that one subscription was sent one post, with a
unique constraint that makes "each subscriber exactly once per post" the
database's guarantee, whatever the number of workers.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_key():
    return secrets.token_hex(16)


class Frequency(models.TextChoices):
    INSTANT = "instant", _("Each new post, when it is published")
    WEEKLY = "weekly", _("A weekly digest")


class SubscriptionQuerySet(models.QuerySet):
    def active(self):
        """Confirmed and not suspended: the addresses we send posts to."""
        return self.filter(confirmed_at__isnull=False, suspended_at__isnull=True)

    def in_language(self, language):
        """Those that asked for `language`. The languages are a JSON list;
        the text match narrows the rows in the database on every backend,
        and `wants_language` is the exact test."""
        return self.filter(languages__icontains=f'"{language}"')


class Subscription(models.Model):
    email = models.EmailField(_("email"), unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="subscriptions",
        verbose_name=_("member"),
    )
    languages = models.JSONField(
        _("languages"), default=list, help_text=_("The posts' languages it asked for.")
    )
    categories = models.ManyToManyField(
        "blog.Category",
        blank=True,
        related_name="+",
        verbose_name=_("categories"),
        help_text=_("Only posts in these categories (in any language); none: all."),
    )
    frequency = models.CharField(
        _("how often"),
        max_length=10,
        choices=Frequency.choices,
        default=Frequency.INSTANT,
    )
    # The secret that the signed links (confirm, manage, unsubscribe) carry.
    key = models.CharField(max_length=32, unique=True, default=new_key, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    suspended_at = models.DateTimeField(_("suspended"), null=True, blank=True)
    suspended_reason = models.TextField(_("why suspended"), blank=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("email subscription")
        verbose_name_plural = _("email subscriptions")
        ordering = ["-created_at"]
        permissions = [
            ("view_subscriber_list", _("Can see who subscribes (not only counts)"))
        ]

    def __str__(self):
        return self.email

    @property
    def confirmed(self):
        return self.confirmed_at is not None

    @property
    def suspended(self):
        return self.suspended_at is not None

    def wants_language(self, language):
        return language in self.languages


class AnnouncedPost(models.Model):
    """A post whose first publication was announced to its subscribers:
    publishing it again (an edit, a re-publish) announces nothing."""

    page = models.OneToOneField(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("post"),
    )
    language = models.CharField(_("language"), max_length=10)
    announced_at = models.DateTimeField(_("announced"), default=timezone.now)

    class Meta:
        verbose_name = _("announced post")
        verbose_name_plural = _("announced posts")

    def __str__(self):
        return f"{self.page_id} ({self.language})"


class Delivery(models.Model):
    """One post queued for one subscription (instant emails)."""

    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+"
    )
    queued_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("post sent to a subscriber")
        verbose_name_plural = _("posts sent to subscribers")
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "page"], name="subscriptions_once_per_post"
            )
        ]

    def __str__(self):
        return f"{self.page_id} → {self.subscription_id}"
