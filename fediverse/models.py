"""What the site keeps of the fediverse.

- `LocalActor`: one per blog language (`@blog@host`, `@blog-es@host`),
  with its RSA key pair, made once and kept.
- `RemoteActor`: a person (or server) elsewhere whose signed activity we
  accepted, with their public key and inboxes, fetched through the safe
  HTTP client. Never their avatar.
- `Follower`: a remote actor following one of our actors.
- `Delivery`: one activity (Create, Update, Delete of a post) to one
  inbox (a server's shared inbox when it has one): its state, attempts and
  last error, retried with backoff and given up after
  FEDIVERSE_GIVE_UP_AFTER.
- `IncomingActivity`: an activity we accepted, and what became of it.
  Refused requests (bad signature, blocked, too large…) store nothing.
- `RemoteEntry`: the link between a remote Note or Announce and the
  `BlogComment` it became, so that Update, Delete and Undo find it.
- `RemoteLike`: a favourite of a post, counted with the likes.
- `Block`: a domain or an actor whose activities are refused.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LocalActor(models.Model):
    language = models.CharField(_("language"), max_length=10, unique=True)
    username = models.CharField(_("user name"), max_length=60, unique=True)
    private_key_pem = models.TextField(editable=False)
    public_key_pem = models.TextField(editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("blog actor")
        verbose_name_plural = _("blog actors")

    def __str__(self):
        return f"@{self.username}"


class RemoteActor(models.Model):
    uri = models.URLField(_("actor"), max_length=500, unique=True)
    domain = models.CharField(_("server"), max_length=255, db_index=True)
    username = models.CharField(_("user name"), max_length=200, blank=True)
    name = models.CharField(_("name"), max_length=200, blank=True)
    profile_url = models.URLField(_("profile"), max_length=500, blank=True)
    inbox = models.URLField(_("inbox"), max_length=500)
    shared_inbox = models.URLField(_("shared inbox"), max_length=500, blank=True)
    key_id = models.CharField(_("key id"), max_length=500, db_index=True)
    public_key_pem = models.TextField(_("public key"))
    fetched_at = models.DateTimeField(_("fetched"), auto_now=True)

    class Meta:
        verbose_name = _("remote actor")
        verbose_name_plural = _("remote actors")

    def __str__(self):
        return f"@{self.username}@{self.domain}" if self.username else self.uri

    @property
    def display_name(self):
        return self.name or self.username or self.domain

    @property
    def delivery_inbox(self):
        return self.shared_inbox or self.inbox


class Follower(models.Model):
    actor = models.ForeignKey(
        LocalActor,
        on_delete=models.CASCADE,
        related_name="followers",
        verbose_name=_("blog actor"),
    )
    remote = models.ForeignKey(
        RemoteActor,
        on_delete=models.CASCADE,
        related_name="follows",
        verbose_name=_("follower"),
    )
    follow_id = models.URLField(_("follow activity"), max_length=500)
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("follower")
        verbose_name_plural = _("followers")
        constraints = [
            models.UniqueConstraint(
                fields=["actor", "remote"], name="one_follow_per_actor_and_remote"
            )
        ]

    def __str__(self):
        return f"{self.remote} → {self.actor}"


class Delivery(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", _("Waiting")
        SENT = "sent", _("Delivered")
        RETRYING = "retrying", _("Failed, will retry")
        GIVEN_UP = "given_up", _("Given up")

    activity_id = models.URLField(_("activity"), max_length=500)
    activity_type = models.CharField(_("type"), max_length=20)
    page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("post"),
    )
    actor = models.ForeignKey(
        LocalActor,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("blog actor"),
    )
    inbox = models.URLField(_("inbox"), max_length=500)
    body = models.JSONField(_("activity JSON"))
    state = models.CharField(
        _("state"),
        max_length=10,
        choices=State.choices,
        default=State.PENDING,
        db_index=True,
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), db_index=True)
    response_status = models.PositiveSmallIntegerField(
        _("response status"), null=True, blank=True
    )
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("delivered"), null=True, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["activity_id", "inbox"], name="one_delivery_per_inbox"
            )
        ]

    def __str__(self):
        return f"{self.activity_type} → {self.inbox}"


class IncomingActivity(models.Model):
    class Outcome(models.TextChoices):
        FOLLOWED = "followed", _("Follow accepted")
        UNFOLLOWED = "unfollowed", _("Follow undone")
        COMMENT = "comment", _("Reply stored")
        HELD = "held", _("Reply held for moderation")
        DISCARDED = "discarded", _("Discarded by the block list")
        UPDATED = "updated", _("Entry updated")
        REMOVED = "removed", _("Entry removed")
        BOOST = "boost", _("Boost stored")
        LIKE = "like", _("Favourite counted")
        UNDONE = "undone", _("Undone")
        IGNORED = "ignored", _("Ignored: not about our posts")

    activity_id = models.URLField(_("activity"), max_length=500, db_index=True)
    activity_type = models.CharField(_("type"), max_length=20)
    remote = models.ForeignKey(
        RemoteActor,
        null=True,
        on_delete=models.CASCADE,
        related_name="activities",
        verbose_name=_("from"),
    )
    received_at = models.DateTimeField(_("received"), auto_now_add=True)
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices)
    detail = models.CharField(_("detail"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("incoming activity")
        verbose_name_plural = _("incoming activities")
        ordering = ["-received_at"]

    def __str__(self):
        return f"{self.activity_type} {self.activity_id}"


class RemoteEntry(models.Model):
    """A remote Note (reply) or Announce (boost) and its thread entry."""

    object_id = models.URLField(_("remote object"), max_length=500, unique=True)
    remote = models.ForeignKey(
        RemoteActor, on_delete=models.CASCADE, related_name="entries"
    )
    comment = models.OneToOneField(
        "blog.BlogComment",
        on_delete=models.CASCADE,
        related_name="fediverse_entry",
    )

    class Meta:
        verbose_name = _("fediverse entry")
        verbose_name_plural = _("fediverse entries")

    def __str__(self):
        return self.object_id


class RemoteLike(models.Model):
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+"
    )
    remote = models.ForeignKey(
        RemoteActor, on_delete=models.CASCADE, related_name="likes"
    )
    activity_id = models.URLField(max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("fediverse favourite")
        verbose_name_plural = _("fediverse favourites")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "remote"], name="one_favourite_per_remote_and_post"
            )
        ]

    def __str__(self):
        return f"{self.remote} ♥ {self.page_id}"

    @classmethod
    def count_for_page(cls, page_id):
        return cls.objects.filter(page_id=page_id).count()


class Block(models.Model):
    """A server (domain) or one actor whose activities are refused; making
    one also removes what they sent (`moderation.apply_block`)."""

    domain = models.CharField(
        _("server"),
        max_length=255,
        blank=True,
        db_index=True,
        help_text=_("A server's domain, e.g. spam.example: all its accounts."),
    )
    actor_uri = models.URLField(
        _("actor"),
        max_length=500,
        blank=True,
        db_index=True,
        help_text=_("One account's address (its actor URL)."),
    )
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("blocked on"), auto_now_add=True)

    class Meta:
        verbose_name = _("fediverse block")
        verbose_name_plural = _("fediverse blocks")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(domain="", actor_uri=""),
                name="block_names_a_domain_or_an_actor",
                violation_error_message=_(
                    "Give a server's domain or an account's address."
                ),
            )
        ]

    def __str__(self):
        return self.domain or self.actor_uri

    def save(self, *args, **kwargs):
        self.domain = self.domain.strip().lower()
        super().save(*args, **kwargs)

    @classmethod
    def is_blocked(cls, actor_uri, domain):
        """Whether `actor_uri`, or its server `domain` or a parent domain of
        it (blocking spam.example blocks a.spam.example), is blocked."""
        labels = (domain or "").lower().split(".")
        domains = [".".join(labels[i:]) for i in range(len(labels))]
        return cls.objects.filter(
            models.Q(domain__in=domains) | models.Q(actor_uri=actor_uri)
        ).exists()


class FederatedPost(models.Model):
    """Whether a post was announced to the fediverse (Create) and is still
    there, so that its first publication sends Create, later ones Update,
    and unpublishing or deleting sends Delete once."""

    page_id = models.PositiveIntegerField(_("post"), unique=True)
    language = models.CharField(_("language"), max_length=10)
    is_live = models.BooleanField(_("on the fediverse"), default=True)
    updated_at = models.DateTimeField(_("last sent"), auto_now=True)

    class Meta:
        verbose_name = _("federated post")
        verbose_name_plural = _("federated posts")

    def __str__(self):
        return str(self.page_id)
