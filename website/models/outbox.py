from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxMessageQuerySet(models.QuerySet):
    def due(self, now=None):
        """Pending messages whose next attempt time has come."""
        now = now or timezone.now()
        return self.filter(
            status=OutboxMessage.Status.PENDING, next_attempt_at__lte=now
        )

    def stuck(self, older_than):
        """Messages claimed by a worker that never reported back."""
        return self.filter(
            status=OutboxMessage.Status.SENDING, claimed_at__lt=older_than
        )


class OutboxMessage(models.Model):
    """One email, written in the same transaction as the change that causes
    it and delivered later by a background task.

    `key` names the message's reason for existing (for example
    "match-released:round-3:person-41"), so asking to send the same thing
    twice stores it once. Delivery claims a row by moving it from pending to
    sending with a conditional UPDATE, so two workers never send one row.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    key = models.CharField(_("key"), max_length=255, unique=True)
    to = models.EmailField(_("recipient"), max_length=254)
    from_email = models.CharField(_("sender"), max_length=254, blank=True)
    reply_to = models.CharField(_("reply to"), max_length=254, blank=True)
    subject = models.CharField(_("subject"), max_length=255)
    body_text = models.TextField(_("plain text body"))
    body_html = models.TextField(_("HTML body"), blank=True)
    headers = models.JSONField(_("extra headers"), default=dict, blank=True)
    # [{"filename", "content", "mimetype"}]: small text files (an event's .ics).
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    language = models.CharField(_("language"), max_length=10, blank=True)
    template = models.CharField(_("template"), max_length=200, blank=True)

    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.PENDING,
        db_index=True,
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    objects = OutboxMessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self):
        return f"{self.subject} → {self.to}"


class OutboxSecret(models.Model):
    """The one-time tokens of a message (a ballot link, a confirmation key),
    kept apart from it until it is delivered.

    The message itself is stored with each token replaced by a placeholder,
    so that nobody reading the outbox in the admin can use the link; this
    row maps each placeholder back to its token for delivery (and its
    retries), and is deleted once the message is sent or has failed for
    good. No admin view shows this model.
    """

    message = models.OneToOneField(
        OutboxMessage,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="secret",
        verbose_name=_("message"),
    )
    values = models.JSONField(_("placeholders and their tokens"), default=dict)

    class Meta:
        verbose_name = _("one-time tokens of an outgoing email")
        verbose_name_plural = _("one-time tokens of outgoing emails")

    def __str__(self):
        return f"{len(self.values)} token(s) of message {self.message_id}"
