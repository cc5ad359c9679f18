from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from website.charts import bar_chart
from website.models import KnownViewRestrictionsMixin
from website.synchronised import (
    SourceFactsMixin,
    SourceFactsPageForm,
    synchronised,
)


class ProgramPage(KnownViewRestrictionsMixin, Page):
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
    subpage_types = ["program.RoundPage", "program.SpeedMentoringEventPage"]

    class Meta:
        verbose_name = _("mentoring program")
        verbose_name_plural = _("mentoring programs")

    def get_context(self, request, *args, **kwargs):
        from ..stats import round_numbers
        from .events import SpeedMentoringEventPage

        context = super().get_context(request, *args, **kwargs)
        rounds = list(
            RoundPage.objects.live().child_of(self).order_by("-number", "-pk")
        )
        numbers = round_numbers(rounds)
        for round_page in rounds:
            round_page.numbers = numbers[round_page.translation_key]
        context["events"] = (
            self.get_children().live().type(SpeedMentoringEventPage).specific()
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


class MatchMode(models.TextChoices):
    PEER = "peer", _("Peers: anyone with anyone")
    MENTOR_MENTEE = "mentor_mentee", _("Mentors with mentees")


class OddOneOut(models.TextChoices):
    TRIO = "trio", _("Joins a pair as a trio")
    WAIT = "wait", _("Waits for the next round")


class MatchObjective(models.TextChoices):
    MAX_PEOPLE = "max_people", _("As many people matched as possible, then score")
    MAX_SCORE = "max_score", _("Highest total score")


class RoundPage(KnownViewRestrictionsMixin, SourceFactsMixin, RoutablePageMixin, Page):
    """One round of a program: its application window, the partnership
    dates, the discussion topics that accompany it, and how it is matched.

    Applications and matches belong to the round's source page (`anchor`),
    so every language version of the round shares them."""

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
    # Set by the organiser's release on the Matching desk, not in the edit
    # form; kept through revisions (with_content_json) and in every language.
    matches_released = models.BooleanField(
        _("matches released"),
        default=False,
        editable=False,
        help_text=_("Set when partners have been sent each other's details."),
    )
    match_mode = models.CharField(
        _("matching mode"),
        max_length=20,
        choices=MatchMode.choices,
        default=MatchMode.PEER,
        help_text=_("Peers, or mentors with mentees."),
    )
    allow_same_country = models.BooleanField(
        _("allow partners from the same country"),
        default=False,
        help_text=_("By default partners come from different countries."),
    )
    odd_one_out = models.CharField(
        _("odd one out"),
        max_length=10,
        choices=OddOneOut.choices,
        default=OddOneOut.TRIO,
        help_text=_("What happens to someone left without a partner."),
    )
    match_objective = models.CharField(
        _("matching objective"),
        max_length=20,
        choices=MatchObjective.choices,
        default=MatchObjective.MAX_PEOPLE,
        help_text=_("What matching optimises first."),
    )
    max_country_share = models.FloatField(
        _("largest share of one country"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0.01), MaxValueValidator(1)],
        help_text=_(
            "Optional: at most this share (0.01 to 1) of the matched people "
            "from any one country."
        ),
    )
    weight_interests = models.FloatField(
        _("weight of shared interests"),
        default=4.0,
        validators=[MinValueValidator(0)],
        help_text=_("0 switches the criterion off."),
    )
    weight_sector = models.FloatField(
        _("weight of the same sector"),
        default=1.0,
        validators=[MinValueValidator(0)],
        help_text=_("0 switches the criterion off."),
    )
    weight_career_stage = models.FloatField(
        _("weight of complementary career stages"),
        default=1.0,
        validators=[MinValueValidator(0)],
        help_text=_("0 switches the criterion off."),
    )
    weight_timezone = models.FloatField(
        _("weight of close time zones"),
        default=2.0,
        validators=[MinValueValidator(0)],
        help_text=_("0 switches the criterion off."),
    )
    weight_availability = models.FloatField(
        _("weight of hours free at the same time"),
        default=2.0,
        validators=[MinValueValidator(0)],
        help_text=_(
            "Points for the hours a week both partners are free, in full from "
            "6 hours. 0 switches the criterion off."
        ),
    )
    min_shared_hours = models.FloatField(
        _("fewest hours a week free at the same time"),
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(168)],
        help_text=_(
            "Partners who both gave their availability must be free at the same "
            "time at least this many hours a week, on average over the round's "
            "dates. 0: no minimum."
        ),
    )
    match_seed = models.PositiveIntegerField(
        _("matching seed"),
        default=0,
        help_text=_("Decides between equally good proposals; same seed, same result."),
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
            ],
            heading=_("Dates"),
        ),
    ]
    settings_panels = [
        *Page.settings_panels,
        MultiFieldPanel(
            [
                FieldPanel("match_mode"),
                FieldPanel("allow_same_country"),
                FieldPanel("odd_one_out"),
                FieldPanel("match_objective"),
                FieldPanel("max_country_share"),
                FieldRowPanel(
                    [
                        FieldPanel("weight_interests"),
                        FieldPanel("weight_sector"),
                        FieldPanel("weight_career_stage"),
                        FieldPanel("weight_timezone"),
                        FieldPanel("weight_availability"),
                    ]
                ),
                FieldPanel("min_shared_hours"),
                FieldPanel("match_seed"),
            ],
            heading=_("Matching"),
        ),
    ]

    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["program.ProgramPage"]
    subpage_types = []

    # What the round *is* (its number, dates, state and matching rules) is
    # the same in every language, set on the source page
    # (website.synchronised); a translation carries words only.
    source_facts = (
        "number",
        "applications_open_at",
        "applications_close_at",
        "starts_on",
        "ends_on",
        "matches_released",
        "match_mode",
        "allow_same_country",
        "odd_one_out",
        "match_objective",
        "max_country_share",
        "weight_interests",
        "weight_sector",
        "weight_career_stage",
        "weight_timezone",
        "weight_availability",
        "min_shared_hours",
        "match_seed",
    )
    override_translatable_fields = synchronised(source_facts)
    base_form_class = SourceFactsPageForm

    class Meta:
        verbose_name = _("mentoring round")
        verbose_name_plural = _("mentoring rounds")

    # Routes (the views live in program/views.py). Each renders through the
    # page (website.routes), so get_context holds only what every route
    # shares; what the page itself shows is added by its own route, "".

    @path("")
    def index_route(self, request, *args, **kwargs):
        from .applications import Application

        request.is_preview = getattr(request, "is_preview", False)  # as Wagtail's
        from ..stats import (
            SMALLEST_PUBLIC_GROUP,
            pairs_by_countries,
            participants_by_country,
        )
        from .applications import Match

        extra = {"discussion_topics": self.discussion_topics_in(self.locale)}
        rtl = translation.get_language_bidi()
        countries = participants_by_country(self, SMALLEST_PUBLIC_GROUP)
        if countries:
            extra["countries_chart"] = bar_chart(countries, rtl=rtl)
        # Who was matched with whom, by country, once the matches are out
        # (proposals stay on the organisers' desk); small groups summed.
        released = (
            Match.objects.filter(
                round__translation_key=self.translation_key,
                status=Match.Status.RELEASED,
            )
            .select_related("member_a", "member_b", "member_c")
            .only("member_a__country", "member_b__country", "member_c__country")
        )
        pairs = pairs_by_countries(released, SMALLEST_PUBLIC_GROUP)
        if pairs:
            extra["pairs_chart"] = bar_chart(pairs, rtl=rtl)
        # A member sees their own application (members' pages are never
        # stored in the page cache: website.pagecache).
        if request.user.is_authenticated:
            extra["my_application"] = (
                Application.objects.for_round(self).filter(user=request.user).first()
            )
        return self.render(request, *args, context_overrides=extra, **kwargs)

    @path("apply/", name="apply")
    def apply(self, request):
        from ..views import apply

        return apply(request, self)

    @path("application/<id:pk>/<str:token>/", name="application")
    def application(self, request, pk, token):
        from ..views import edit_application

        return edit_application(request, self, pk, token)

    # Correcting the email of an application, from its link, confirmed from
    # the new address (contributions/addresses.py).
    @path("application/<id:pk>/<str:token>/address/", name="correct_address")
    def correct_address(self, request, pk, token):
        from contributions.addresses import correct_address

        return correct_address(request, self, pk, token)

    @path("address/confirm/<str:token>/", name="confirm_address")
    def confirm_address(self, request, token):
        from contributions.addresses import confirm_address

        return confirm_address(request, self, token)

    @path("my-application/", name="my_application")
    def my_application(self, request):
        from ..views import my_application

        return my_application(request, self)

    @path("check-in/<str:token>/", name="check_in")
    def check_in(self, request, token):
        from ..views import check_in

        return check_in(request, self, token)

    def get_cached_paths(self):
        """The page and its application page, purged together
        (website.pagecache and the CDN): outside the application window,
        `apply/` is a "closed" notice that the page cache keeps."""
        return ["/", "apply/"]

    def with_content_json(self, content):
        """Publishing or reverting to a revision never undoes the organiser's
        actions: a revision saved before the release keeps the live value."""
        obj = super().with_content_json(content)
        obj.matches_released = self.matches_released
        return obj

    @property
    def anchor(self):
        """The round's source page: applications and matches belong to it.

        Looked up once per instance: a request reads it many times (apply,
        edit, check in, the matching desk) and each lookup is a query. The
        answer is kept with the identity it was found for, so a copy (new
        pk) or a saved new page looks again, as does a reloaded one."""
        identity = (self.pk, self.translation_key)
        known = self.__dict__.get("_anchor")
        if known is None or known[0] != identity:
            known = self.__dict__["_anchor"] = (identity, self.source_page)
        return known[1]

    def save(self, *args, **kwargs):
        self.__dict__.pop("_anchor", None)
        return super().save(*args, **kwargs)

    def refresh_from_db(self, *args, fields=None, **kwargs):
        if fields is None:  # a whole reload; not a deferred field's loading
            self.__dict__.pop("_anchor", None)
        return super().refresh_from_db(*args, fields=fields, **kwargs)

    @property
    def accepts_applications(self):
        return self.stage == RoundStage.APPLICATIONS_OPEN

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
    def timeline(self):
        """The round's dates as steps of a timeline (components/timeline.html):
        the last one reached is the current step."""
        now = timezone.now()
        today = timezone.localdate(now)
        steps = [
            {
                "when": self.applications_open_at,
                "label": _("Applications open"),
                "reached": now >= self.applications_open_at,
            },
            {
                "when": self.applications_close_at,
                "label": _("Applications close"),
                "reached": now >= self.applications_close_at,
            },
            {
                "when": self.starts_on,
                "label": _("Partnerships start"),
                "reached": today >= self.starts_on,
            },
            {
                "when": self.ends_on,
                "label": _("Partnerships end"),
                "reached": today > self.ends_on,
            },
        ]
        reached = [step for step in steps if step["reached"]]
        for step in steps:
            step["state"] = "past" if step["reached"] else "future"
        if reached and not steps[-1]["reached"]:
            reached[-1]["state"] = "current"
        return steps

    @property
    def is_upcoming(self):
        """Applications have not opened yet."""
        return self.stage == RoundStage.UPCOMING

    @property
    def is_current(self):
        """From the day applications open to the last day of the
        partnerships: the round people can apply to or are taking part in."""
        return self.stage in {
            RoundStage.APPLICATIONS_OPEN,
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
