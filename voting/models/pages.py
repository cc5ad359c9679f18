"""Election pages: an index of elections and the election itself.

An election is one page per language (wagtail-localize). What it is (its
numbers, dates, rules, the organiser's actions and which options it has) is
set on the source page and the same in every translation, whatever is saved
(website.synchronised); its question, description and options' text are
translated. Everything that is not page
content (the electorate, the ballots, the audit log) refers to the election
by the page's `translation_key`, and an option by its own `translation_key`,
so a ballot cast in Spanish and one cast in English count together.

The organiser's actions (closing early, publishing the results) are stored
on every translation at once and survive revisions: see
`ElectionPage.with_content_json`.
"""

import secrets

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PageManager, TranslatableMixin
from wagtail.query import PageQuerySet
from wagtail.search import index

from website.models import KnownViewRestrictionsMixin
from website.synchronised import (
    SourceFactsMixin,
    SourceFactsPageForm,
    synchronised,
)

from .choices import (
    RULES_FOR_BALLOT_TYPE,
    BallotType,
    CountingRule,
    ElectionStatus,
    Electorate,
    ResultsVisibility,
)


def new_tie_seed():
    return secrets.randbits(31)


class ElectionIndexPage(KnownViewRestrictionsMixin, Page):
    """The elections of one language: open, upcoming and closed."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("Shown above the list of elections."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["website.HomePage"]
    subpage_types = ["voting.ElectionPage"]

    class Meta:
        verbose_name = _("election index")
        verbose_name_plural = _("election indexes")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        elections = list(
            ElectionPage.objects.live()
            .child_of(self)
            .order_by("-voting_opens_at", "-pk")
        )
        now = timezone.now()
        open_now = {ElectionStatus.NOMINATIONS_OPEN, ElectionStatus.VOTING_OPEN}
        context["election_groups"] = [
            (
                _("Open elections"),
                [e for e in elections if e.status_at(now) in open_now],
            ),
            (
                _("Upcoming elections"),
                [e for e in elections if e.status_at(now) == ElectionStatus.UPCOMING],
            ),
            (
                _("Closed elections"),
                [e for e in elections if e.is_closed_at(now)],
            ),
        ]
        return context


class ElectionPageQuerySet(PageQuerySet):
    def voting_open(self, now=None):
        """Live elections whose voting window is open now."""
        now = now or timezone.now()
        return self.live().filter(
            voting_opens_at__lte=now,
            voting_closes_at__gt=now,
            closed_early_at__isnull=True,
        )

    def open(self, now=None):
        """Live elections taking nominations or votes now."""
        now = now or timezone.now()
        nominations = models.Q(
            nominations_open_at__lte=now, nominations_close_at__gt=now
        )
        voting = models.Q(
            voting_opens_at__lte=now,
            voting_closes_at__gt=now,
            closed_early_at__isnull=True,
        )
        return self.live().filter(nominations | voting)


ElectionPageManager = PageManager.from_queryset(ElectionPageQuerySet)


class ElectionPage(
    KnownViewRestrictionsMixin, SourceFactsMixin, RoutablePageMixin, Page
):
    """One election: a question, its options, who votes, how the ballots
    look and are counted, and when."""

    question = models.CharField(
        _("question"),
        max_length=255,
        help_text=_("What voters are asked, e.g. “Which webinars should we run?”"),
    )
    description = RichTextField(
        _("description"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("Why this election, what the options mean, how it works."),
    )
    winners = models.PositiveSmallIntegerField(
        _("number of winners"),
        default=1,
        help_text=_("How many options win (the seats to fill)."),
    )
    ballot_type = models.CharField(
        _("ballot type"),
        max_length=10,
        choices=BallotType.choices,
        default=BallotType.CHOOSE,
        help_text=_("How voters fill in their ballot."),
    )
    max_choices = models.PositiveSmallIntegerField(
        _("most options a voter may choose"),
        null=True,
        blank=True,
        help_text=_("For “choose up to N”: N. Leave empty for no limit."),
    )
    counting_rule = models.CharField(
        _("counting rule"),
        max_length=20,
        choices=CountingRule.choices,
        default=CountingRule.APPROVAL,
        help_text=_(
            "How the ballots are counted; it must suit the ballot type "
            "(approval rules for “choose”, Borda, Schulze or STV for rankings, "
            "plurality for one choice)."
        ),
    )
    electorate = models.CharField(
        _("electorate"),
        max_length=10,
        choices=Electorate.choices,
        default=Electorate.MEMBERS,
        help_text=_(
            "Signed-in members vote once per account; a closed list gets "
            "one-time ballot links by email."
        ),
    )
    nominations_open_at = models.DateTimeField(
        _("nominations open"),
        null=True,
        blank=True,
        help_text=_("When members may start proposing options. Empty: none."),
    )
    nominations_close_at = models.DateTimeField(
        _("nominations close"),
        null=True,
        blank=True,
        help_text=_("When proposing options ends."),
    )
    voting_opens_at = models.DateTimeField(
        _("voting opens"), help_text=_("When ballots are first accepted.")
    )
    voting_closes_at = models.DateTimeField(
        _("voting closes"), help_text=_("When ballots stop being accepted.")
    )
    results_visibility = models.CharField(
        _("results"),
        max_length=20,
        choices=ResultsVisibility.choices,
        default=ResultsVisibility.AFTER_CLOSE,
        help_text=_("Whether the results can be seen while voting is open."),
    )
    results_post = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("announcement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A post announcing the results, linked from them."),
    )
    # Set by the organiser's actions, not in the edit form; kept through
    # revisions (with_content_json) and equal in every translation.
    closed_early_at = models.DateTimeField(null=True, blank=True, editable=False)
    results_published = models.BooleanField(default=False, editable=False)
    results_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    tie_seed = models.PositiveIntegerField(default=new_tie_seed, editable=False)

    content_panels = [
        *Page.content_panels,
        FieldPanel("question"),
        FieldPanel("description"),
        InlinePanel("options", heading=_("Options"), label=_("Option")),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("ballot_type"), FieldPanel("max_choices")]),
                FieldRowPanel([FieldPanel("winners"), FieldPanel("counting_rule")]),
                FieldPanel("electorate"),
                FieldPanel("results_visibility"),
            ],
            heading=_("Ballot and counting"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("nominations_open_at"),
                        FieldPanel("nominations_close_at"),
                    ]
                ),
                FieldRowPanel(
                    [FieldPanel("voting_opens_at"), FieldPanel("voting_closes_at")]
                ),
            ],
            heading=_("Dates"),
        ),
        FieldPanel("results_post"),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("question"),
        index.SearchField("description"),
    ]

    parent_page_types = ["voting.ElectionIndexPage"]
    subpage_types = []

    # What the election *is* is the same in every language, set on the source
    # page (website.synchronised): who votes, when, how ballots look and are
    # counted, the organiser's actions, and which options there are (their
    # words are translated, their identity is the source's).
    source_facts = (
        "winners",
        "ballot_type",
        "max_choices",
        "counting_rule",
        "electorate",
        "nominations_open_at",
        "nominations_close_at",
        "voting_opens_at",
        "voting_closes_at",
        "results_visibility",
        "results_post",
        "closed_early_at",
        "results_published",
        "results_published_at",
        "tie_seed",
    )
    source_children = ("options",)
    override_translatable_fields = synchronised(source_facts)
    base_form_class = SourceFactsPageForm

    objects = ElectionPageManager()

    class Meta:
        verbose_name = _("election")
        verbose_name_plural = _("elections")
        # Running an election (its roll, invitations, closing, results) is a
        # right of its own, never implied by editing or translating the page.
        permissions = [("run_election", _("Can run elections"))]

    # Routes (the views live in voting/views.py). Each renders through the
    # page (website.routes), so get_context holds only what every route
    # shares; what the page itself shows is added by its own route, "". ----

    @path("")
    def index_route(self, request, *args, **kwargs):
        request.is_preview = getattr(request, "is_preview", False)  # as Wagtail's
        return self.render(
            request,
            *args,
            context_overrides={"options": self.option_list, "status": self.status},
            **kwargs,
        )

    @path("vote/", name="vote")
    def vote(self, request):
        from voting import views

        return views.vote(request, self)

    @path("vote/<str:token>/", name="vote_with_token")
    def vote_with_token(self, request, token):
        from voting import views

        return views.vote(request, self, token=token)

    @path("nominate/", name="nominate")
    def nominate(self, request):
        from voting import views

        return views.nominate(request, self)

    @path("results/", name="results")
    def results(self, request):
        from voting import views

        return views.results(request, self)

    @path("results/json/", name="results_json")
    def results_json(self, request):
        from voting import views

        return views.results_json(request, self)

    @path("ballots/csv/", name="ballots_csv")
    def ballots_csv(self, request):
        from voting import views

        return views.ballots_csv(request, self)

    def get_cached_paths(self):
        """The page and its public routes, purged together (website.pagecache
        and the CDN)."""
        return ["/", "results/", "results/json/", "ballots/csv/"]

    # Validation and revisions. ---------------------------------------------

    def clean(self):
        super().clean()
        errors = {}
        allowed = RULES_FOR_BALLOT_TYPE.get(self.ballot_type, ())
        if self.counting_rule not in allowed:
            errors["counting_rule"] = _(
                "This rule does not count ballots of this type. Choose one of: %s."
            ) % ", ".join(str(CountingRule(rule).label) for rule in allowed)
        if self.ballot_type == BallotType.CHOOSE:
            if self.max_choices is not None and self.max_choices < 1:
                errors["max_choices"] = _("Voters must be able to choose at least one.")
        elif self.max_choices is not None:
            errors["max_choices"] = _("Only “choose up to N” ballots have a limit.")
        if self.winners is not None and self.winners < 1:
            errors["winners"] = _("At least one option must win.")
        if (
            self.voting_opens_at
            and self.voting_closes_at
            and self.voting_closes_at <= self.voting_opens_at
        ):
            errors["voting_closes_at"] = _("Voting must close after it opens.")
        if bool(self.nominations_open_at) != bool(self.nominations_close_at):
            errors["nominations_close_at"] = _(
                "Give both nomination dates, or neither."
            )
        elif self.nominations_open_at and self.nominations_close_at:
            if self.nominations_close_at <= self.nominations_open_at:
                errors["nominations_close_at"] = _(
                    "Nominations must close after they open."
                )
            elif self.voting_opens_at and self.nominations_close_at > (
                self.voting_opens_at
            ):
                errors["nominations_close_at"] = _(
                    "Nominations must close before voting opens."
                )
        if errors:
            raise ValidationError(errors)

    def with_content_json(self, content):
        """Restoring a revision never undoes the organiser's actions."""
        obj = super().with_content_json(content)
        obj.closed_early_at = self.closed_early_at
        obj.results_published = self.results_published
        obj.results_published_at = self.results_published_at
        obj.tie_seed = self.tie_seed
        return obj

    # Status. ---------------------------------------------------------------

    @property
    def effective_close(self):
        if self.closed_early_at and self.closed_early_at < self.voting_closes_at:
            return self.closed_early_at
        return self.voting_closes_at

    def status_at(self, now):
        if not self.live:
            return ElectionStatus.DRAFT
        if self.results_published:
            return ElectionStatus.RESULTS_PUBLISHED
        if now >= self.effective_close:
            return ElectionStatus.CLOSED
        if now >= self.voting_opens_at:
            return ElectionStatus.VOTING_OPEN
        if (
            self.nominations_open_at
            and self.nominations_open_at <= now < self.nominations_close_at
        ):
            return ElectionStatus.NOMINATIONS_OPEN
        return ElectionStatus.UPCOMING

    @property
    def status(self):
        return self.status_at(timezone.now())

    @property
    def status_label(self):
        return ElectionStatus(self.status).label

    def is_voting_open_at(self, now):
        return self.voting_opens_at <= now < self.effective_close

    def is_closed_at(self, now):
        return now >= self.effective_close

    @property
    def is_voting_open(self):
        return self.is_voting_open_at(timezone.now())

    @property
    def is_closed(self):
        return self.is_closed_at(timezone.now())

    @property
    def nominations_open(self):
        now = timezone.now()
        return bool(
            self.nominations_open_at
            and self.nominations_open_at <= now < self.nominations_close_at
        )

    @property
    def results_visible(self):
        """Published, or live results once voting has opened."""
        if self.results_published:
            return True
        return (
            self.results_visibility == ResultsVisibility.LIVE
            and timezone.now() >= self.voting_opens_at
        )

    @property
    def ballots_public(self):
        """The receipts and ballots are published once the results are
        visible and voting has closed."""
        return self.results_visible and self.is_closed

    @property
    def choice_limit(self):
        """The most options a ballot may name (None: no limit)."""
        if self.ballot_type == BallotType.CHOOSE:
            return self.max_choices
        if self.ballot_type == BallotType.ONE:
            return 1
        return None

    @property
    def rule_label(self):
        return CountingRule(self.counting_rule).label

    @property
    def ballot_type_label(self):
        return BallotType(self.ballot_type).label

    @cached_property
    def option_list(self):
        """This translation's options, each with `key`: the language-independent
        id a ballot uses."""
        return list(self.options.all())

    def option_titles(self):
        """{option key: title}, in this language where translated, else in
        whichever language the option exists."""
        titles = {
            str(key): title
            for key, title in ElectionOption.objects.filter(
                page__translation_key=self.translation_key
            ).values_list("translation_key", "title")
        }
        titles.update({option.key: option.title for option in self.option_list})
        return titles

    def all_option_keys(self):
        """The keys of the options of every translation (a translation not
        synchronised yet may lack a new option): what the count runs on."""
        keys = dict.fromkeys(option.key for option in self.option_list)
        for key in (
            ElectionOption.objects.filter(page__translation_key=self.translation_key)
            .order_by("sort_order", "pk")
            .values_list("translation_key", flat=True)
        ):
            keys.setdefault(str(key))
        return list(keys)


class ElectionOption(TranslatableMixin, Orderable):
    """An option on the ballot. Translated with its page; `key` (the
    option's translation key) is what ballots record."""

    page = ParentalKey(ElectionPage, related_name="options", on_delete=models.CASCADE)
    title = models.CharField(
        _("title"), max_length=200, help_text=_("The option as voters see it.")
    )
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("One or two sentences that explain the option."),
    )

    panels = [FieldPanel("title"), FieldPanel("description")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("option")
        verbose_name_plural = _("options")

    def __str__(self):
        return self.title

    @property
    def key(self):
        return str(self.translation_key)
