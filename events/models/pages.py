"""Event pages: an index of events per language, and the event itself.

An event is one page per language (wagtail-localize). When and how it
happens (its date, time and zone, duration, capacity, status, join link,
recording) is set on the source page and the same in every translation
(website.synchronised); the words (title, description, summary) are
translated. Registrations refer to the event by the page's
`translation_key`, so people registered in Spanish and in English share its
places.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from website import pagecache
from website.models import KnownViewRestrictionsMixin
from website.models.members import language_choices
from website.synchronised import (
    SourceFactsMixin,
    SourceFactsPageForm,
    synchronised,
)
from website.time_zones import UTC, TimeZoneField, is_choice

from .. import times


class EventPageForm(SourceFactsPageForm):
    """The time zone as the grouped list of places (website.time_zones),
    where the page may change it (not in a translation)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("time_zone")
        if field is not None and not field.disabled:
            self.fields["time_zone"] = TimeZoneField(
                current=self.instance.time_zone,
                label=field.label,
                help_text=_("The time above is the local time of this place."),
            )


class ScheduleStatus(models.TextChoices):
    """What the organisers say of the date (the editor's choice)."""

    SCHEDULED = "scheduled", _("Scheduled")
    TO_BE_CONFIRMED = "tbc", _("Date to be confirmed")
    POSTPONED = "postponed", _("Postponed")
    CANCELLED = "cancelled", _("Cancelled")


class EventStatus(models.TextChoices):
    """What a reader is told, from the schedule and the clock."""

    TO_BE_CONFIRMED = "tbc", _("Date to be confirmed")
    UPCOMING = "upcoming", _("Upcoming")
    LIVE = "live", _("Live now")
    PAST = "past", _("Past")
    POSTPONED = "postponed", _("Postponed")
    CANCELLED = "cancelled", _("Cancelled")


class EventIndexPage(KnownViewRestrictionsMixin, RoutablePageMixin, Page):
    """The events of one language: upcoming (with those whose date is to be
    confirmed) and past; and their calendar feed."""

    intro = models.TextField(
        _("introduction"), blank=True, help_text=_("Shown above the list of events.")
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["website.HomePage"]
    subpage_types = ["events.EventPage"]

    class Meta:
        verbose_name = _("event index")
        verbose_name_plural = _("event indexes")

    @path("calendar/", name="calendar")
    def calendar(self, request):
        from events import views

        return views.calendar_feed(request, self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        events = list(EventPage.objects.live().child_of(self).in_schedule_order())
        context["upcoming_events"] = [e for e in events if not e.is_over(now)]
        context["past_events"] = [e for e in reversed(events) if e.is_over(now)]
        return context

    def get_cached_paths(self):
        return ["/", "calendar/"]


class EventPageQuerySet(PageQuerySet):
    def in_schedule_order(self):
        """Soonest first; those without a date last."""
        return self.order_by(models.F("starts_at").asc(nulls_last=True), "pk")

    def upcoming(self, now=None):
        """Live events not yet over, not cancelled: dated ones that end after
        `now`, and those whose date is to be confirmed or postponed."""
        now = now or timezone.now()
        return (
            self.live()
            .exclude(schedule_status=ScheduleStatus.CANCELLED)
            .filter(models.Q(ends_at__gt=now) | models.Q(starts_at__isnull=True))
        )


EventPageManager = PageManager.from_queryset(EventPageQuerySet)


class EventPage(KnownViewRestrictionsMixin, SourceFactsMixin, RoutablePageMixin, Page):
    """A webinar or other event: when (in its own zone), who speaks, how to
    take part; afterwards its recording, slides and summary."""

    description = RichTextField(
        _("description"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul", "h2", "h3"],
        help_text=_("What the event is about and who it is for."),
    )
    topic = models.CharField(
        _("topic"),
        max_length=255,
        blank=True,
        help_text=_("The theme in a few words, e.g. “Open access”."),
    )
    date = models.DateField(
        _("date"),
        null=True,
        blank=True,
        help_text=_("The day in the event's time zone. Empty while to be confirmed."),
    )
    start_time = models.TimeField(
        _("start time"),
        null=True,
        blank=True,
        help_text=_("The time it starts in the event's time zone (24-hour clock)."),
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default=UTC,
        help_text=_(
            "Where the time above is told, as a place of the tz database, "
            "e.g. America/Argentina/Buenos_Aires."
        ),
    )
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), default=60, help_text=_("How long it lasts.")
    )
    schedule_status = models.CharField(
        _("status"),
        max_length=10,
        choices=ScheduleStatus.choices,
        default=ScheduleStatus.SCHEDULED,
        help_text=_(
            "Scheduled events show as upcoming, live or past by the clock. "
            "Registered people are emailed when it is postponed or cancelled, "
            "or its time changes."
        ),
    )
    language_of_delivery = models.CharField(
        _("language of delivery"),
        max_length=10,
        choices=language_choices,
        blank=True,
        help_text=_("The language the speakers will speak."),
    )
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        help_text=_(
            "How many people may register; others join a waiting list. Empty: no limit."
        ),
    )
    platform = models.CharField(
        _("online platform"),
        max_length=100,
        blank=True,
        help_text=_("Where it happens, e.g. “Zoom” or “Jitsi Meet”."),
    )
    join_url = models.URLField(
        _("join link"),
        blank=True,
        help_text=_("Shown and sent only to registered people, never to others."),
    )
    election = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("chosen in the election"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The election whose winning option this event is."),
    )
    election_option_key = models.UUIDField(null=True, blank=True, editable=False)
    recording_url = models.URLField(
        _("recording"),
        blank=True,
        help_text=_(
            "A link to the recording. Registered people who did not attend "
            "are emailed it once the event is over."
        ),
    )
    summary = RichTextField(
        _("summary"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("What was said, for those who missed it."),
    )
    # The instants of the local date and time above (UTC in the database),
    # worked out on save: for listings, reminders and feeds.
    starts_at = models.DateTimeField(null=True, blank=True, editable=False)
    ends_at = models.DateTimeField(null=True, blank=True, editable=False)

    content_panels = [
        *Page.content_panels,
        FieldPanel("topic"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("schedule_status"),
                FieldRowPanel([FieldPanel("date"), FieldPanel("start_time")]),
                FieldRowPanel(
                    [FieldPanel("time_zone"), FieldPanel("duration_minutes")]
                ),
            ],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("language_of_delivery"),
                FieldRowPanel([FieldPanel("platform"), FieldPanel("capacity")]),
                FieldPanel("join_url"),
            ],
            heading=_("Taking part"),
        ),
        InlinePanel("speakers", heading=_("Speakers"), label=_("Speaker")),
        InlinePanel(
            "co_organisers", heading=_("Co-organisers"), label=_("Co-organiser")
        ),
        PageChooserPanel("election", page_type="voting.ElectionPage"),
        MultiFieldPanel(
            [
                FieldPanel("recording_url"),
                InlinePanel("slides", heading=_("Slides"), label=_("Document")),
                FieldPanel("summary"),
            ],
            heading=_("Afterwards"),
        ),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("topic"),
        index.SearchField("description"),
        index.SearchField("summary"),
    ]

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    source_facts = (
        "date",
        "start_time",
        "time_zone",
        "duration_minutes",
        "schedule_status",
        "language_of_delivery",
        "capacity",
        "platform",
        "join_url",
        "election",
        "election_option_key",
        "recording_url",
        "starts_at",
        "ends_at",
    )
    override_translatable_fields = synchronised(source_facts)
    base_form_class = EventPageForm

    objects = EventPageManager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        permissions = [
            ("view_attendance", _("Can see and export who registered for events"))
        ]

    # Routes (views in events/views.py). ------------------------------------

    @path("register/", name="register")
    def register(self, request):
        from events import views

        return views.register(request, self)

    @path("confirm/<str:token>/", name="confirm")
    def confirm(self, request, token):
        from events import views

        return views.confirm(request, self, token)

    @path("cancel/<str:token>/", name="cancel")
    def cancel(self, request, token):
        from events import views

        return views.cancel(request, self, token)

    @path("ics/", name="ics")
    def ics(self, request):
        from events import views

        return views.event_ics(request, self)

    def get_cached_paths(self):
        return ["/", "ics/"]

    def related_cache_urls(self):
        """The calendar feed of its language lists it, and so do the
        mentoring program's pages (their "Next events")."""
        from program.models import ProgramPage

        parent = self.get_parent()
        url = parent.get_url() if parent else None
        urls = [url + "calendar/"] if url else []
        for program_page in ProgramPage.objects.live().filter(locale_id=self.locale_id):
            urls += pagecache.page_urls(program_page)
        return urls

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["status"] = self.status_at(timezone.now())
        context["speaker_list"] = self.speaker_list()
        context["co_organiser_list"] = list(self.co_organisers.select_related("logo"))
        context["slide_list"] = list(self.slides.select_related("document"))
        if self.starts_at:
            context["event_time"] = times.when(self.starts_at, self.time_zone)
            context["other_zones"] = times.in_main_zones(self.starts_at)
        return context

    # Validation and saving. ------------------------------------------------

    def clean(self):
        super().clean()
        errors = {}
        if not is_choice(self.time_zone or ""):
            errors["time_zone"] = _(
                "Choose a place of the tz database, e.g. Europe/Madrid."
            )
        elif self.schedule_status == ScheduleStatus.SCHEDULED and (
            not self.date or self.start_time is None
        ):
            errors["date"] = _(
                "A scheduled event needs a date and a start time; choose "
                "“Date to be confirmed” otherwise."
            )
        if self.date and self.start_time is not None and "time_zone" not in errors:
            try:
                times.instant(self.date, self.start_time, self.time_zone)
            except times.NonexistentTime:
                errors["start_time"] = _(
                    "This time does not exist on that day in this time zone "
                    "(the clocks go forward): choose another."
                )
        if self.duration_minutes is not None and self.duration_minutes < 1:
            errors["duration_minutes"] = _("An event lasts at least a minute.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.starts_at, self.ends_at = self.compute_instants()
        return super().save(*args, **kwargs)

    def compute_instants(self):
        if not self.date or self.start_time is None:
            return None, None
        try:
            start = times.instant(self.date, self.start_time, self.time_zone)
        except (times.NonexistentTime, ValueError, KeyError):
            # Saved by code around clean(): the instant after the gap.
            start = datetime.datetime.combine(self.date, self.start_time).replace(
                tzinfo=times.zone(self.time_zone)
            )
        start = start.astimezone(datetime.UTC)
        return start, start + datetime.timedelta(minutes=self.duration_minutes or 0)

    # Status. ---------------------------------------------------------------

    def status_at(self, now):
        if self.schedule_status == ScheduleStatus.CANCELLED:
            return EventStatus.CANCELLED
        if self.schedule_status == ScheduleStatus.POSTPONED:
            return EventStatus.POSTPONED
        if self.starts_at is None or self.schedule_status == (
            ScheduleStatus.TO_BE_CONFIRMED
        ):
            return EventStatus.TO_BE_CONFIRMED
        if now < self.starts_at:
            return EventStatus.UPCOMING
        if now < self.ends_at:
            return EventStatus.LIVE
        return EventStatus.PAST

    @property
    def status(self):
        return self.status_at(timezone.now())

    def is_over(self, now):
        return self.status_at(now) in (EventStatus.PAST, EventStatus.CANCELLED)

    def accepts_registrations(self, now=None):
        return self.status_at(now or timezone.now()) in (
            EventStatus.TO_BE_CONFIRMED,
            EventStatus.UPCOMING,
            EventStatus.LIVE,
            EventStatus.POSTPONED,
        )

    def speaker_list(self):
        """The speakers in this page's language where translated (two
        queries, however many)."""
        from .speakers import Speaker

        speakers = [row.speaker for row in self.speakers.select_related("speaker")]
        translated = {
            speaker.translation_key: speaker
            for speaker in Speaker.objects.filter(
                translation_key__in=[s.translation_key for s in speakers],
                locale_id=self.locale_id,
            ).select_related("photo")
        }
        return [translated.get(s.translation_key, s) for s in speakers]

    @property
    def local_start(self):
        """The start in the event's own zone (aware), or None."""
        if self.starts_at is None:
            return None
        return self.starts_at.astimezone(times.zone(self.time_zone))


class EventSpeaker(Orderable):
    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="speakers")
    speaker = models.ForeignKey(
        "events.Speaker",
        verbose_name=_("speaker"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Add speakers under Snippets → Speakers."),
    )

    panels = [FieldPanel("speaker")]


class EventCoOrganiser(Orderable):
    page = ParentalKey(
        EventPage, on_delete=models.CASCADE, related_name="co_organisers"
    )
    name = models.CharField(
        _("name"), max_length=200, help_text=_("The partner organisation's name.")
    )
    url = models.URLField(_("website"), blank=True, help_text=_("Its website."))
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Its logo (the organisation's name is the alt text)."),
    )

    panels = [FieldPanel("name"), FieldPanel("url"), FieldPanel("logo")]


class EventSlide(Orderable):
    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="slides")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Slides or handouts (PDF, presentation)."),
    )

    panels = [FieldPanel("document")]
