"""Contributions: workspace photos and the galleries that show them, guest
posts sent in by readers, and messages to the organisers.

The public forms are routes of `ContributePage` (one per language, "Contact
us"): `message/`, `photo/`, `write/`; the work is done in views.py.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from website.models import KnownViewRestrictionsMixin


def photo_path(instance, filename):
    """A name nobody can guess: a waiting photo is not public."""
    extension = filename.rsplit(".", 1)[-1].lower()
    return f"contributions/photos/{uuid.uuid4().hex}.{extension}"


class Licence(models.TextChoices):
    CC_BY = "cc-by-4.0", _("CC BY 4.0 (anyone may reuse it, crediting you)")
    CC_BY_SA = "cc-by-sa-4.0", _("CC BY-SA 4.0 (reuse under the same licence)")
    HERE_ONLY = "here-only", _("May be published on this site only")


LICENCE_NAMES = {
    Licence.CC_BY: ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/"),
    Licence.CC_BY_SA: (
        "CC BY-SA 4.0",
        "https://creativecommons.org/licenses/by-sa/4.0/",
    ),
    Licence.HERE_ONLY: (_("published with permission"), ""),
}


class PhotoSubmissionQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=PhotoSubmission.Status.APPROVED, image__isnull=False)

    def waiting(self):
        return self.filter(status=PhotoSubmission.Status.PENDING)


class PhotoSubmission(models.Model):
    """A workspace photo sent in by a member or a reader who confirmed their
    address. The stored file is already cleaned (contributions/images.py);
    approving it makes it a Wagtail image (`image`)."""

    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("Waiting for email confirmation")
        PENDING = "pending", _("Waiting for moderation")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    photo = models.FileField(_("photo"), upload_to=photo_path)
    caption = models.CharField(
        _("caption"), max_length=250, help_text=_("What the photo shows.")
    )
    library = models.CharField(_("library"), max_length=200)
    country = CountryField(_("country"))
    credit_name = models.CharField(
        _("name to credit"),
        max_length=120,
        help_text=_("Shown under the photo as its creator."),
    )
    licence = models.CharField(
        _("licence"), max_length=20, choices=Licence.choices, default=Licence.CC_BY
    )
    consent = models.BooleanField(
        _("the people in the photo agree to its publication"), default=False
    )
    email = models.EmailField(_("email"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("member"),
    )
    language = models.CharField(_("language"), max_length=10)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=Status.choices,
        default=Status.PENDING,
        db_index=True,
    )
    moderator_note = models.TextField(
        _("moderator's note"),
        blank=True,
        help_text=_("For the moderators only; never shown to the sender."),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("image"),
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    featured_at = models.DateTimeField(_("featured"), null=True, blank=True)

    objects = PhotoSubmissionQuerySet.as_manager()

    class Meta:
        verbose_name = _("workspace photo")
        verbose_name_plural = _("workspace photos")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.caption} ({self.credit_name})"

    @property
    def licence_name(self):
        return LICENCE_NAMES[self.licence][0]

    @property
    def licence_url(self):
        return LICENCE_NAMES[self.licence][1]

    def credit_line(self):
        """ "Photo: Name, Library (CC BY 4.0)": the line shown under it."""
        return _("Photo: %(name)s, %(library)s (%(licence)s)") % {
            "name": self.credit_name,
            "library": self.library,
            "licence": self.licence_name,
        }


class ContributePage(KnownViewRestrictionsMixin, RoutablePageMixin, Page):
    """ "Contact us", one per language: an introduction and the three ways to
    contribute, each a form on a route of its own (never cached: each
    carries a CSRF token)."""

    intro = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        verbose_name=_("introduction"),
        help_text=_("A few sentences above the ways to reach the organisers."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["website.HomePage"]
    subpage_types = ["contributions.GalleryPage"]

    class Meta:
        verbose_name = _("contact page")
        verbose_name_plural = _("contact pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["galleries"] = GalleryPage.objects.child_of(self).live().public()
        return context

    @path("message/", name="message")
    def message_route(self, request):
        from .views import contact

        return contact(request, self)

    @path("photo/", name="photo")
    def photo_route(self, request):
        from .views import submit_photo

        return submit_photo(request, self)

    @path("photo/confirm/<str:token>/", name="photo_confirm")
    def photo_confirm_route(self, request, token):
        from .views import confirm_photo

        return confirm_photo(request, self, token)

    @path("write/", name="write")
    def write_route(self, request):
        from .views import write_for_us

        return write_for_us(request, self)

    @path("sent/<slug:what>/", name="sent")
    def sent_route(self, request, what):
        from .views import sent

        return sent(request, self, what)


class GalleryPage(KnownViewRestrictionsMixin, Page):
    """Approved workspace photos chosen by an editor, for a round or a
    theme, each with its caption and credit line."""

    intro = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        verbose_name=_("introduction"),
        help_text=_("What the photos have in common: a round, a theme."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        InlinePanel("photos", label=_("Photos")),
    ]

    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["contributions.ContributePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("photo gallery")
        verbose_name_plural = _("photo galleries")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["gallery"] = [
            item.photo
            for item in self.photos.select_related("photo__image").filter(
                photo__status=PhotoSubmission.Status.APPROVED,
                photo__image__isnull=False,
            )
        ]
        return context

    def featured_image_ids(self):
        return {item.photo.image_id for item in self.photos.select_related("photo")}


class GalleryPhoto(Orderable):
    page = ParentalKey(GalleryPage, related_name="photos", on_delete=models.CASCADE)
    photo = models.ForeignKey(
        PhotoSubmission,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("photo"),
        limit_choices_to={"status": PhotoSubmission.Status.APPROVED},
    )

    panels = [FieldPanel("photo")]


class Topic(models.TextChoices):
    MENTORING = "mentoring", _("Mentoring")
    ELECTIONS = "elections", _("Elections")
    WEBINARS = "webinars", _("Webinars")
    WEBSITE = "website", _("The website")
    OTHER = "other", _("Something else")


@register_setting(icon="mail")
class ContactRouting(BaseGenericSetting):
    """Who receives the messages of each topic of the contact form. A topic
    left empty goes to the members of the Organisers group."""

    mentoring = models.TextField(_("mentoring"), blank=True)
    elections = models.TextField(_("elections"), blank=True)
    webinars = models.TextField(_("webinars"), blank=True)
    website = models.TextField(_("the website"), blank=True)
    other = models.TextField(_("something else"), blank=True)

    panels = [
        FieldPanel(name, help_text=_("Email addresses, one a line."))
        for name in ("mentoring", "elections", "webinars", "website", "other")
    ]

    class Meta:
        verbose_name = _("contact form routing")

    def addresses(self, topic):
        return [line.strip() for line in getattr(self, topic).split() if "@" in line]


class ContactMessage(models.Model):
    """A message sent through the contact form, kept until answered."""

    class State(models.TextChoices):
        NEW = "new", _("New")
        ANSWERED = "answered", _("Answered")

    topic = models.CharField(_("topic"), max_length=12, choices=Topic.choices)
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("email"))
    message = models.TextField(_("message"), max_length=5000)
    language = models.CharField(_("language"), max_length=10)
    state = models.CharField(
        _("state"),
        max_length=10,
        choices=State.choices,
        default=State.NEW,
        db_index=True,
    )
    answer = models.TextField(
        _("answer"), blank=True, help_text=_("Sent to the sender by email.")
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("answered by"),
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)

    class Meta:
        verbose_name = _("message to the organisers")
        verbose_name_plural = _("messages to the organisers")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_topic_display()}: {self.name}"


class GuestPostSubmission(models.Model):
    """A post sent through "Write for us": the draft it became and whom to
    tell when it is published or declined."""

    class Outcome(models.TextChoices):
        WAITING = "waiting", _("Waiting for review")
        PUBLISHED = "published", _("Published")
        DECLINED = "declined", _("Declined")

    page = models.OneToOneField(
        "blog.BlogPage",
        null=True,
        on_delete=models.SET_NULL,
        related_name="guest_submission",
        verbose_name=_("post"),
    )
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("email"))
    language = models.CharField(_("language"), max_length=10)
    outcome = models.CharField(
        _("outcome"),
        max_length=10,
        choices=Outcome.choices,
        default=Outcome.WAITING,
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("guest post submission")
        verbose_name_plural = _("guest post submissions")
        ordering = ["-created_at"]

    def __str__(self):
        return self.name


class AddressChange(models.Model):
    """A participant's correction of the email on their application, made
    from their own application link and confirmed from the new address.
    Organisers see each one (Contributions → Address changes)."""

    application = models.ForeignKey(
        "program.Application",
        on_delete=models.CASCADE,
        related_name="address_changes",
        verbose_name=_("application"),
    )
    old_email = models.EmailField(_("old address"))
    new_email = models.EmailField(_("new address"))
    requested_at = models.DateTimeField(_("asked"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    match_email_resent_at = models.DateTimeField(
        _("match email sent again"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("address change")
        verbose_name_plural = _("address changes")
        ordering = ["-requested_at"]

    def __str__(self):
        return f"{self.old_email} → {self.new_email}"
