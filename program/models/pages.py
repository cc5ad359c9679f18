from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField


class ProgramPage(Page):
    """A mentoring program (a peer-mentoring network, a city's mentoring
    scheme): what it is, how it works, and its rounds."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("One paragraph: what the program is and who it is for."),
    )
    body = RichTextField(
        _("how it works"),
        blank=True,
        help_text=_("How the program works, step by step."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]

    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["website.HomePage"]
    subpage_types = ["program.RoundPage"]

    class Meta:
        verbose_name = _("mentoring program")
        verbose_name_plural = _("mentoring programs")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        rounds = list(
            RoundPage.objects.live().child_of(self).order_by("-number", "-pk")
        )
        context["round_groups"] = [
            (_("Current rounds"), [r for r in rounds if r.is_current]),
            (_("Upcoming rounds"), [r for r in rounds if r.is_upcoming]),
            (_("Past rounds"), [r for r in rounds if r.is_past]),
        ]
        return context


class RoundStage(models.TextChoices):
    """Where a round stands. The dates decide most of it; the organiser's
    actions (matching, releasing matches) decide the middle."""

    UPCOMING = "upcoming", _("Upcoming")
    APPLICATIONS_OPEN = "applications_open", _("Applications open")
    MATCHING = "matching", _("Matching")
    MATCHES_RELEASED = "matches_released", _("Matches released")
    RUNNING = "running", _("Running")
    FINISHED = "finished", _("Finished")


class RoundPage(Page):
    """One round of a program: its application window, the partnership
    dates, and the discussion topics that accompany it."""

    number = models.PositiveSmallIntegerField(
        _("round number"), help_text=_("1 for the first round, and so on.")
    )
    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("What this round is about and who should apply."),
    )
    applications_open_at = models.DateTimeField(
        _("applications open"), help_text=_("When the application form opens.")
    )
    applications_close_at = models.DateTimeField(
        _("applications close"), help_text=_("When the application form closes.")
    )
    starts_on = models.DateField(
        _("partnerships start"), help_text=_("First day of the partnerships.")
    )
    ends_on = models.DateField(
        _("partnerships end"), help_text=_("Last day of the partnerships.")
    )
    matches_released = models.BooleanField(
        _("matches released"),
        default=False,
        help_text=_("Set when partners have been sent each other's details."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("number"),
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("applications_open_at"),
                        FieldPanel("applications_close_at"),
                    ]
                ),
                FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
                FieldPanel("matches_released"),
            ],
            heading=_("Dates"),
        ),
    ]

    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["program.ProgramPage"]
    subpage_types = []

    # The same dates in every language.
    override_translatable_fields = [
        SynchronizedField("number"),
        SynchronizedField("applications_open_at"),
        SynchronizedField("applications_close_at"),
        SynchronizedField("starts_on"),
        SynchronizedField("ends_on"),
        SynchronizedField("matches_released"),
    ]

    class Meta:
        verbose_name = _("mentoring round")
        verbose_name_plural = _("mentoring rounds")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["discussion_topics"] = self.discussion_topics_in(self.locale)
        return context

    def stage_at(self, now):
        today = timezone.localdate(now)
        if now < self.applications_open_at:
            return RoundStage.UPCOMING
        if now < self.applications_close_at:
            return RoundStage.APPLICATIONS_OPEN
        if today > self.ends_on:
            return RoundStage.FINISHED
        if not self.matches_released:
            return RoundStage.MATCHING
        if today < self.starts_on:
            return RoundStage.MATCHES_RELEASED
        return RoundStage.RUNNING

    @property
    def stage(self):
        return self.stage_at(timezone.now())

    @property
    def stage_label(self):
        return RoundStage(self.stage).label

    @property
    def is_upcoming(self):
        return self.stage in {RoundStage.UPCOMING, RoundStage.APPLICATIONS_OPEN}

    @property
    def is_current(self):
        return self.stage in {
            RoundStage.MATCHING,
            RoundStage.MATCHES_RELEASED,
            RoundStage.RUNNING,
        }

    @property
    def is_past(self):
        return self.stage == RoundStage.FINISHED

    def discussion_topics_in(self, locale):
        """The live discussion topics of this round (in any language's
        version of it), in `locale`, in the order of the round. Topics link
        to a round page of their own language tree or the source one, so the
        round is matched through its translation key."""
        related = self._meta.get_field("discussion_topics").related_model
        return (
            related.objects.live()
            .filter(round__translation_key=self.translation_key, locale=locale)
            .order_by("topic_number", "date", "pk")
        )
