import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField


def new_token():
    return secrets.token_urlsafe(24)


class RegistrationQuerySet(models.QuerySet):
    def for_event(self, event):
        return self.filter(event_key=event.translation_key)

    def registered(self):
        return self.filter(status=Registration.Status.REGISTERED)

    def waiting(self):
        """The waiting list, first come first served."""
        return self.filter(status=Registration.Status.WAITING).order_by(
            "confirmed_at", "pk"
        )

    def active(self):
        """Registered or waiting: the people told of changes."""
        return self.filter(
            status__in=[Registration.Status.REGISTERED, Registration.Status.WAITING]
        )


class Registration(models.Model):
    """One person's registration for an event (all its languages): a member
    (confirmed at once) or a guest (confirmed from an email). The token is
    the person's key to confirm, cancel and their calendar file."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for email confirmation")
        REGISTERED = "registered", _("Registered")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    event_key = models.UUIDField(_("event"), db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_registrations",
    )
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("email"), max_length=254)
    language = models.CharField(_("language"), max_length=10)
    time_zone = models.CharField(_("time zone"), max_length=64, blank=True)
    country = CountryField(_("country"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    token = models.CharField(max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(_("registered"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    attended = models.BooleanField(_("attended"), null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["event_key", "email"], name="one_registration_per_email"
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.get_status_display()})"


class AnnouncedSchedule(models.Model):
    """When an event was last said to happen (and whether it was cancelled
    or postponed), so that a change is emailed to registered people once."""

    event_key = models.UUIDField(unique=True)
    starts_at = models.DateTimeField(null=True)
    schedule_status = models.CharField(max_length=10)

    def __str__(self):
        return f"{self.event_key}: {self.starts_at} ({self.schedule_status})"
