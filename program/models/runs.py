"""A run of matching started from the Matching desk: queued, running with
its phase and percent, then done or failed. The desk shows the latest run of
a round and refreshes while it is unfinished; the database allows one
unfinished run per round, so a second click is refused, not run twice."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

PHASE_LABELS = {
    "queued": _("Waiting for a worker"),
    "load": _("Loading the applications"),
    "graph": _("Finding who can be paired with whom"),
    "solve": _("Choosing the pairs"),
    "trios": _("Placing the odd ones out"),
    "reasons": _("Explaining who is not matched"),
    "save": _("Saving the proposal"),
    "done": _("Done"),
}


class MatchingRunQuerySet(models.QuerySet):
    def unfinished(self):
        return self.filter(
            status__in=[MatchingRun.Status.QUEUED, MatchingRun.Status.RUNNING]
        )

    def stalled(self, now=None):
        """Unfinished runs with no progress for as long as a task is taken
        to be stuck (its worker died: see program/tasks.py)."""
        quiet_for = datetime.timedelta(seconds=settings.TASKS_STUCK_AFTER_SECONDS)
        return self.unfinished().filter(
            updated_at__lt=(now or timezone.now()) - quiet_for
        )


class MatchingRun(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    class Failure(models.TextChoices):
        """Why a run failed, kept as a code: the worker that records it has
        no reader, so the words are chosen when the desk shows them."""

        INTERRUPTED = (
            "interrupted",
            _("Stopped without finishing (the worker was interrupted)."),
        )
        INPUTS_CHANGED = (
            "inputs_changed",
            _(
                "applications or matches changed while matching ran; "
                "nothing was stored: run it again"
            ),
        )
        INPUT = "input", _("The round's settings or locked matches cannot be used.")
        UNEXPECTED = (
            "unexpected",
            _("An unexpected error stopped matching; nothing was stored."),
        )

    round = models.ForeignKey(
        "program.RoundPage",
        on_delete=models.CASCADE,
        related_name="matching_runs",
        verbose_name=_("round"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    phase = models.CharField(_("phase"), max_length=20, default="queued")
    percent = models.PositiveSmallIntegerField(_("percent done"), default=0)
    counts = models.JSONField(
        _("outcome"), default=dict, blank=True, help_text=_("pairs, trios, unmatched")
    )
    failure = models.CharField(
        _("why it failed"), max_length=20, choices=Failure.choices, blank=True
    )
    # For an INPUT failure, the matcher's own message (in English: it names
    # settings fields); before failures had codes, why it failed in words.
    error = models.CharField(_("error message"), max_length=300, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("started by"),
    )
    created_at = models.DateTimeField(_("started"), default=timezone.now)
    updated_at = models.DateTimeField(_("last progress"), auto_now=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    objects = MatchingRunQuerySet.as_manager()

    class Meta:
        verbose_name = _("matching run")
        verbose_name_plural = _("matching runs")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["round"],
                condition=Q(status__in=["queued", "running"]),
                name="program_one_unfinished_run_per_round",
            )
        ]

    def __str__(self):
        return f"{self.round_id}: {self.status} {self.percent}%"

    @property
    def unfinished(self):
        return self.status in {self.Status.QUEUED, self.Status.RUNNING}

    @property
    def phase_label(self):
        return PHASE_LABELS.get(self.phase, self.phase)

    @property
    def outcome(self):
        """What a finished run proposed, in the active language: "3 pairs
        and 1 trio; 2 people unmatched"."""
        pairs = self.counts.get("pairs", 0)
        trios = self.counts.get("trios", 0)
        unmatched = self.counts.get("unmatched", 0)
        groups = gettext("%(pairs)s and %(trios)s") % {
            "pairs": ngettext("%(count)d pair", "%(count)d pairs", pairs)
            % {"count": pairs},
            "trios": ngettext("%(count)d trio", "%(count)d trios", trios)
            % {"count": trios},
        }
        if not unmatched:
            return gettext("%(groups)s; everyone is matched") % {"groups": groups}
        return ngettext(
            "%(groups)s; %(count)d person unmatched",
            "%(groups)s; %(count)d people unmatched",
            unmatched,
        ) % {"groups": groups, "count": unmatched}

    @property
    def proven_optimal(self):
        """Whether the run proved that no proposal the rules allow scores
        more than its own (runs before the proof have no answer: None)."""
        best = self.counts.get("best_possible")
        if best is None:
            return None
        return self.counts.get("score", 0) >= best

    @property
    def proven_gap(self):
        """How far below the best possible its proposal can be, in percent."""
        best = self.counts.get("best_possible")
        if not best:
            return 0.0
        return 100 * max(best - self.counts.get("score", 0), 0) / best

    @property
    def why_failed(self):
        """Why the run failed, in the active language."""
        if self.failure == self.Failure.INPUT:
            return gettext(
                "The round's settings or locked matches cannot be used: %(error)s"
            ) % {"error": self.error}
        if self.failure:
            return self.get_failure_display()
        return self.error
