from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField


def language_choices():
    """The site's languages, sorted by their names in the reader's
    language."""
    from website.i18n import by_name

    return by_name(settings.LANGUAGES)


def default_language():
    return settings.LANGUAGE_CODE


def member_name(display_name, full_name, email, username):
    """The name a member is shown by: the display name they chose, else
    their full name, else the part of their email address before the @
    (never the whole address), else their username."""
    return display_name or full_name or email.partition("@")[0] or username


def user_display(user):
    """How allauth names a member in its messages and pages ("You are
    logged in as …", ACCOUNT_USER_DISPLAY): as the site shows them."""
    if user.pk:
        try:
            return user.profile.name
        except Profile.DoesNotExist:
            pass
    return member_name("", user.get_full_name(), user.email, user.get_username())


class Profile(models.Model):
    """What a member shows of themselves on the site. Email and password live
    on the user (and allauth's EmailAddress); this is the public part."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="profile",
        verbose_name=_("user"),
    )
    display_name = models.CharField(
        _("display name"),
        max_length=80,
        blank=True,
        help_text=_("How your name appears next to your comments and likes."),
    )
    country = CountryField(_("country"), blank=True)
    library = models.CharField(
        _("library or organisation"),
        max_length=200,
        blank=True,
        help_text=_("Where you work, if you would like to say."),
    )
    bio = models.TextField(
        _("short bio"),
        max_length=600,
        blank=True,
        help_text=_("A few sentences about you and your work (600 characters)."),
    )
    language = models.CharField(
        _("preferred language"),
        max_length=10,
        choices=language_choices,
        default=default_language,
        help_text=_("The language of the emails the site sends you."),
    )

    class Meta:
        verbose_name = _("member profile")
        verbose_name_plural = _("member profiles")

    def __str__(self):
        return self.name

    @property
    def name(self):
        """The name to show: the display name, else the part of the email
        before the @ (never the whole address)."""
        user = self.user
        return member_name(
            self.display_name, user.get_full_name(), user.email, user.get_username()
        )

    @property
    def initials(self):
        parts = [part for part in self.name.replace(".", " ").split() if part]
        return "".join(part[0] for part in parts[:2]).upper() or "?"
