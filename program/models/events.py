"""A speed-mentoring event: mentors stay at tables, mentees rotate.

Editors list the mentors and mentees as rows of the page (names only, in the
order of the tables, a mentee's preferred mentors by name). The schedule
comes from `program.rotations`; people are numbered by their place in the
list, so a preview of unsaved rows schedules just like the published page.
The schedule is cached under a digest of everything it depends on: a view
computes it only after an edit.
"""

import hashlib
import json
import zoneinfo
from dataclasses import dataclass

from django.core.cache import cache
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from website import csvexport
from website.models import KnownViewRestrictionsMixin

from .. import reasons, rotations
from .applications import validate_time_zone

CACHE_SECONDS = 7 * 24 * 3600


class EventRole(models.TextChoices):
    MENTOR = "mentor", _("Mentor (stays at a table)")
    MENTEE = "mentee", _("Mentee (moves between tables)")


@dataclass(frozen=True)
class Timetable:
    """The event's schedule in names and times, ready for the templates."""

    rotations: list  # [{"number", "start", "end", "tables": [(table, names)], "out"}]
    tables: list  # [{"number", "mentor", "slots": [(rotation, start, end, names)]}]
    people: list  # [{"name", "slots": [(rotation, start, end, table, mentor)]}]
    sitting_out: int  # mentees sitting out each rotation (more mentees than seats)
    preferences_asked: int
    preferences_met: int


class SpeedMentoringEventPage(KnownViewRestrictionsMixin, RoutablePageMixin, Page):
    """A speed-mentoring evening: where and when, how many rotations of how
    many minutes, and who sits at which table in each rotation."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("What the evening is and who it is for."),
    )
    starts_at = models.DateTimeField(
        _("starts at"), help_text=_("When the first rotation starts.")
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="UTC",
        validators=[validate_time_zone],
        help_text=_("Where the event happens, e.g. Asia/Hong_Kong: times show in it."),
    )
    place = models.CharField(
        _("place"),
        max_length=200,
        help_text=_("Where it happens, for example a library and its address."),
    )
    rotations = models.PositiveSmallIntegerField(
        _("rotations"),
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text=_("How many times the mentees move to another table."),
    )
    minutes = models.PositiveSmallIntegerField(
        _("minutes per rotation"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(240)],
        help_text=_("How long each conversation lasts."),
    )
    changeover_minutes = models.PositiveSmallIntegerField(
        _("minutes to change tables"),
        default=2,
        validators=[MaxValueValidator(60)],
        help_text=_("The pause between two rotations."),
    )
    table_capacity = models.PositiveSmallIntegerField(
        _("mentees per table"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text=_("How many mentees sit with a mentor at once."),
    )
    seed = models.PositiveIntegerField(
        _("seed"),
        default=0,
        help_text=_("Change it for a different schedule with the same people."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("starts_at"), FieldPanel("time_zone")]),
                FieldPanel("place"),
                FieldRowPanel(
                    [
                        FieldPanel("rotations"),
                        FieldPanel("minutes"),
                        FieldPanel("changeover_minutes"),
                        FieldPanel("table_capacity"),
                    ]
                ),
                FieldPanel("seed"),
            ],
            heading=_("Rotations"),
        ),
        InlinePanel(
            "participants",
            heading=_("Mentors and mentees"),
            label=_("Person"),
            help_text=_(
                "Mentors sit at tables in the order listed (the first at "
                "table 1); mentees move from table to table."
            ),
        ),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("place"),
    ]

    parent_page_types = ["program.ProgramPage"]
    subpage_types = []

    override_translatable_fields = [
        SynchronizedField("starts_at"),
        SynchronizedField("time_zone"),
        SynchronizedField("rotations"),
        SynchronizedField("minutes"),
        SynchronizedField("changeover_minutes"),
        SynchronizedField("table_capacity"),
        SynchronizedField("seed"),
    ]

    class Meta:
        verbose_name = _("speed-mentoring event")
        verbose_name_plural = _("speed-mentoring events")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        timetable, problem = self.timetable()
        context["timetable"] = timetable
        context["problem"] = problem
        return context

    @path("timetable/tables/", name="table_sheets")
    def table_sheets(self, request):
        return self.sheets(request, "program/speed_mentoring_tables.html")

    @path("timetable/people/", name="person_sheets")
    def person_sheets(self, request):
        return self.sheets(request, "program/speed_mentoring_people.html")

    @path("timetable/csv/", name="timetable_csv")
    def timetable_csv(self, request):
        timetable, problem = self.timetable()
        if timetable is None:
            return HttpResponse(problem, status=409, content_type="text/plain")
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        name = slugify(self.slug) or "event"
        response["Content-Disposition"] = f'attachment; filename="{name}-timetable.csv"'
        writer = csvexport.writer(response)
        writer.writerow(["rotation", "start", "end", "table", "mentor", "mentee"])
        for rotation in timetable.rotations:
            for table, mentor, names in rotation["tables"]:
                for mentee in names:
                    writer.writerow(
                        [
                            rotation["number"],
                            self.local_time(rotation["start"]),
                            self.local_time(rotation["end"]),
                            table,
                            mentor,
                            mentee,
                        ]
                    )
        return response

    def sheets(self, request, template):
        """The printable sheets: the timetable comes from get_context, as on
        the page; without one, the page's problem is the answer (409)."""
        response = self.render(request, template=template)
        if response.context_data["timetable"] is None:
            response.status_code = 409
        return response

    def local_time(self, moment):
        zone = zoneinfo.ZoneInfo(self.time_zone)
        return timezone.localtime(moment, zone).strftime("%Y-%m-%d %H:%M")

    # The schedule ------------------------------------------------------------

    def people(self):
        """(mentor names, mentee names, {mentee index: [mentor index]})."""
        rows = sorted(self.participants.all(), key=lambda p: (p.sort_order or 0))
        mentors = [p.name.strip() for p in rows if p.role == EventRole.MENTOR]
        mentees = [p for p in rows if p.role == EventRole.MENTEE]
        by_name = {name.casefold(): k for k, name in enumerate(mentors)}
        preferences = {}
        for k, mentee in enumerate(mentees):
            wanted = [
                by_name[name.strip().casefold()]
                for name in mentee.preferred_mentors.split(",")
                if name.strip().casefold() in by_name
            ]
            if wanted:
                preferences[k] = wanted
        return mentors, [p.name.strip() for p in mentees], preferences

    def timetable(self):
        """(Timetable, None), or (None, what is wrong in words)."""
        mentors, mentees, preferences = self.people()
        if not mentors:
            return None, gettext("Add at least one mentor: mentors sit at the tables.")
        if not mentees:
            return None, gettext("Add mentees: they move from table to table.")
        if self.rotations < 1 or self.minutes < 1 or self.table_capacity < 1:
            return None, gettext(
                "Rotations, minutes per rotation and mentees per table must each "
                "be at least 1."
            )
        inputs = {
            "mentors": mentors,
            "mentees": mentees,
            "preferences": sorted(preferences.items()),
            "rotations": self.rotations,
            "capacity": self.table_capacity,
            "seed": self.seed,
        }
        digest = hashlib.sha256(json.dumps(inputs, sort_keys=True).encode()).hexdigest()
        key = f"program:speed-mentoring:{digest}"
        schedule = cache.get(key)
        if schedule is None:
            try:
                schedule = rotations.schedule_rotations(
                    range(len(mentors)),
                    range(len(mentors), len(mentors) + len(mentees)),
                    self.rotations,
                    self.table_capacity,
                    {len(mentors) + k: v for k, v in preferences.items()},
                    self.seed,
                )
            except rotations.ScheduleError as error:
                return None, gettext("The timetable cannot be made: %(reason)s.") % {
                    "reason": reasons.schedule_error(error)
                }
            cache.set(key, schedule, CACHE_SECONDS)
        return self.named(schedule, mentors, mentees), None

    def named(self, schedule, mentors, mentees):
        def name(person):
            if person < len(mentors):
                return mentors[person]
            return mentees[person - len(mentors)]

        timing = rotations.Timing(
            start=self.starts_at,
            minutes=self.minutes,
            changeover_minutes=self.changeover_minutes,
        )
        times = rotations.rotation_times(len(schedule.rotations), timing)
        table_of = {mentor: k + 1 for k, mentor in enumerate(schedule.mentors)}
        rotation_rows = [
            {
                "number": rotation.number,
                "start": start,
                "end": end,
                "tables": [
                    (
                        table_of[table.mentor],
                        name(table.mentor),
                        [name(m) for m in table.mentees],
                    )
                    for table in rotation.tables
                ],
                "out": [name(m) for m in rotation.sitting_out],
            }
            for rotation, (start, end) in zip(schedule.rotations, times, strict=True)
        ]
        tables = [
            {
                "number": table_of[mentor],
                "mentor": name(mentor),
                "slots": [
                    (
                        slot.rotation,
                        slot.start,
                        slot.end,
                        [name(m) for m in slot.mentees],
                    )
                    for slot in slots
                ],
            }
            for mentor, slots in rotations.table_timetable(schedule, timing).items()
        ]
        people = [
            {
                "name": name(mentee),
                "slots": [
                    (
                        slot.rotation,
                        slot.start,
                        slot.end,
                        table_of.get(slot.mentor),
                        name(slot.mentor) if slot.mentor is not None else None,
                    )
                    for slot in slots
                ],
            }
            for mentee, slots in rotations.person_timetable(schedule, timing).items()
        ]
        return Timetable(
            rotations=rotation_rows,
            tables=tables,
            people=people,
            sitting_out=len(schedule.rotations[0].sitting_out),
            preferences_asked=schedule.preferences_asked,
            preferences_met=schedule.preferences_met,
        )


class SpeedMentoringParticipant(Orderable):
    """A mentor or a mentee of a speed-mentoring event."""

    page = ParentalKey(
        SpeedMentoringEventPage, on_delete=models.CASCADE, related_name="participants"
    )
    name = models.CharField(
        _("name"), max_length=120, help_text=_("As it should appear on the timetable.")
    )
    role = models.CharField(
        _("role"),
        max_length=10,
        choices=EventRole.choices,
        default=EventRole.MENTEE,
        help_text=_("Mentors stay at their table; mentees move."),
    )
    preferred_mentors = models.CharField(
        _("preferred mentors"),
        max_length=500,
        blank=True,
        help_text=_(
            "For a mentee: names of the mentors they most want to meet, "
            "separated by commas. Honoured where the tables have room."
        ),
    )

    panels = [FieldPanel("name"), FieldPanel("role"), FieldPanel("preferred_mentors")]

    class Meta(Orderable.Meta):
        verbose_name = _("speed-mentoring participant")
        verbose_name_plural = _("speed-mentoring participants")

    def __str__(self):
        return self.name
