"""The organiser's page in the Wagtail admin for one election: turnout,
the electorate (import, invite, remind, re-send), closing early,
publishing the results, nominations and the audit log.

Only organisers (the `voting.run_election` permission) may see it or act
on it; editing or translating the page gives no such right. Every view
works on the election's source page (website.synchronised), whichever
language's page its address names: the election is one in every language.
Copying a mentoring round's participants (names and emails) into the list
of voters also takes the program's organiser right.
"""

from functools import wraps

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from website.admin_header import page_view_header
from website.permissions import admin_forbidden
from website.views import page_number

from . import actions, electorate
from .admin_tables import nominations_table, voters_table
from .forms import ElectorateImportForm, RoundParticipantsForm
from .models import AuditEntry, ElectionPage, Electorate, Nomination, Voter

VOTERS_PER_PAGE = 100

# The organisers' right (ElectionPage.Meta.permissions).
RUN_ELECTION = "voting.run_election"


def organisers_only(view):
    """Every view of the dashboard: 403 for anyone without the organisers'
    right, whatever else they may do with the page."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.has_perm(RUN_ELECTION):
            return admin_forbidden(
                request,
                _(
                    "Only the election’s organisers can run it. Editing or "
                    "translating its page does not give that right."
                ),
            )
        return view(request, *args, **kwargs)

    return wrapped


def source_election(page_id):
    """The source page of the election `page_id` names, in any language."""
    return get_object_or_404(ElectionPage, pk=page_id).source_page


def may_copy_participants(user):
    from program.participants import may_copy_participants

    return may_copy_participants(user)


def dashboard_header(election):
    return page_view_header(
        election,
        title=_("Run the election: %s") % election.title,
        label=_("Run the election"),
        edit_label=_("Edit the election page"),
    )


@organisers_only
def dashboard(
    request,
    page_id,
    import_form=None,
    import_errors=None,
    round_form=None,
    round_errors=None,
    status=200,
):
    election = source_election(page_id)
    if election.pk != page_id:
        return redirect("voting_dashboard", election.pk)
    key = election.translation_key
    cast, size = electorate.turnout(election)
    voters = Voter.objects.filter(election_key=key).order_by("email", "pk")
    voters_page = page_number(request, Paginator(voters, VOTERS_PER_PAGE))
    nominations = Nomination.objects.filter(election_key=key)
    context = {
        "election": election,
        "header_icon": "tasks",
        **dashboard_header(election),
        "ballots_cast": cast,
        "electorate_size": size,
        "turnout_percent": round(100 * cast / size, 1) if size else None,
        "closed_list": election.electorate == Electorate.CLOSED,
        "not_invited": voters.filter(invited_at__isnull=True).count(),
        "not_voted": voters.filter(invited_at__isnull=False, voted_at__isnull=True)
        .exclude(email="")
        .count(),
        "voters": voters_page,
        "voters_table": voters_table(election, voters_page),
        "import_form": import_form or ElectorateImportForm(),
        "import_errors": import_errors,
        "round_form": (round_form or RoundParticipantsForm())
        if may_copy_participants(request.user)
        else None,
        "round_errors": round_errors,
        "nominations": nominations,
        "nominations_table": nominations_table(election, nominations),
        "audit": AuditEntry.objects.filter(election_key=key).select_related("user")[
            :100
        ],
    }
    return TemplateResponse(
        request, "voting/admin/dashboard.html", context, status=status
    )


def roll_is_final(request, election):
    """A redirect with the reason when the list of voters cannot change
    (an election of members, or voting has closed), else None."""
    if election.electorate != Electorate.CLOSED:
        messages.error(request, _("Only a closed election has a list of voters."))
        return redirect("voting_dashboard", election.pk)
    if election.is_closed:
        messages.error(request, _("Voting has closed: the list of voters is final."))
        return redirect("voting_dashboard", election.pk)
    return None


def import_result(request, election, report, form, form_name, errors_name):
    """The dashboard again with the form and its problems (nothing was
    added), or back to it with how many voters were added."""
    if not report.ok:
        return dashboard(
            request,
            election.pk,
            **{
                form_name: form,
                errors_name: report.errors[: electorate.MAX_ERRORS_SHOWN],
            },
            status=400,
        )
    messages.success(
        request,
        _("%(created)d voters added, %(existing)d already on the list.")
        % {"created": report.created, "existing": report.existing},
    )
    return redirect("voting_dashboard", election.pk)


@organisers_only
@require_POST
def import_roll(request, page_id):
    election = source_election(page_id)
    if refusal := roll_is_final(request, election):
        return refusal
    form = ElectorateImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return dashboard(request, election.pk, import_form=form, status=400)
    report = electorate.import_roll(election, form.cleaned_data["roll"], request.user)
    return import_result(
        request, election, report, form, "import_form", "import_errors"
    )


@organisers_only
@require_POST
def import_round(request, page_id):
    """Add a mentoring round's participants to the list of voters."""
    election = source_election(page_id)
    if not may_copy_participants(request.user):
        return admin_forbidden(
            request,
            _(
                "Copying a round’s participants into the list of voters takes "
                "the mentoring program’s organiser right."
            ),
        )
    if refusal := roll_is_final(request, election):
        return refusal
    form = RoundParticipantsForm(request.POST)
    if not form.is_valid():
        return dashboard(request, election.pk, round_form=form, status=400)
    report = electorate.import_round(election, form.cleaned_data["round"], request.user)
    return import_result(request, election, report, form, "round_form", "round_errors")


@organisers_only
@require_POST
def invite(request, page_id):
    election = source_election(page_id)
    if election.is_closed:
        messages.error(request, _("Voting has closed."))
        return redirect("voting_dashboard", election.pk)
    count = electorate.invite(election, request.user)
    messages.success(
        request,
        ngettext("%d invitation queued.", "%d invitations queued.", count) % count,
    )
    return redirect("voting_dashboard", election.pk)


@organisers_only
@require_POST
def remind(request, page_id):
    election = source_election(page_id)
    if not election.is_voting_open:
        messages.error(request, _("Reminders can be sent while voting is open."))
        return redirect("voting_dashboard", election.pk)
    count = electorate.remind(election, request.user)
    messages.success(
        request,
        ngettext("%d reminder queued.", "%d reminders queued.", count) % count,
    )
    return redirect("voting_dashboard", election.pk)


@organisers_only
@require_POST
def resend(request, page_id, voter_id):
    election = source_election(page_id)
    voter = get_object_or_404(Voter, pk=voter_id, election_key=election.translation_key)
    if election.is_closed or not electorate.resend(election, voter, request.user):
        messages.error(request, _("This voter has voted, or voting has closed."))
    else:
        messages.success(request, _("A new link was sent to %s.") % voter.email)
    return redirect("voting_dashboard", election.pk)


class ConfirmActionView(WagtailAdminTemplateMixin, TemplateView):
    """An organiser's action that cannot be undone, the way Wagtail's admin
    asks before unpublishing or deleting: GET shows what it will do and asks
    to confirm, POST (the confirmation form) does it. Back to the dashboard
    either way, with what happened."""

    template_name = "voting/admin/confirm_action.html"
    header_icon = "tasks"
    action = None  # an actions.* function: (election, user)
    confirm_label = cancel_label = done = ""

    @method_decorator(organisers_only)
    def dispatch(self, request, page_id):
        self.election = source_election(page_id)
        return super().dispatch(request, page_id)

    def refusal(self):
        """Why the action cannot be taken now (a message), else None."""
        return None

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("voting_dashboard", args=[self.election.pk]),
                "label": _("Run the election: %s") % self.election.title,
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def get(self, request, page_id):
        if refusal := self.refusal():
            messages.error(request, refusal)
            return redirect("voting_dashboard", self.election.pk)
        return super().get(request, page_id)

    def get_context_data(self, **kwargs):
        cast, size = electorate.turnout(self.election)
        return super().get_context_data(
            election=self.election,
            ballots_cast=cast,
            electorate_size=size,
            confirm_label=self.confirm_label,
            cancel_label=self.cancel_label,
            **kwargs,
        )

    def post(self, request, page_id):
        try:
            type(self).action(self.election, request.user)
        except actions.ActionRefused as error:
            messages.error(request, str(error))
        else:
            messages.success(request, self.done)
        return redirect("voting_dashboard", self.election.pk)


class CloseVotingView(ConfirmActionView):
    template_name = "voting/admin/confirm_close.html"
    action = actions.close_early
    page_title = gettext_lazy("Close voting")
    confirm_label = gettext_lazy("Yes, close voting now")
    cancel_label = gettext_lazy("No, keep voting open")
    done = gettext_lazy("Voting is closed.")

    def refusal(self):
        if not self.election.is_voting_open:
            return _("Only an election whose voting is open can be closed.")
        return None


class PublishResultsView(ConfirmActionView):
    template_name = "voting/admin/confirm_publish.html"
    action = actions.publish_results
    page_title = gettext_lazy("Publish the results")
    confirm_label = gettext_lazy("Yes, publish the results")
    cancel_label = gettext_lazy("No, not yet")
    done = gettext_lazy("The results are published.")

    def refusal(self):
        if self.election.results_published:
            return _("The results are already published.")
        if not self.election.is_closed:
            return _("Results can be published once voting has closed.")
        return None


@organisers_only
@require_POST
def review_nomination(request, page_id, nomination_id, decision):
    election = source_election(page_id)
    if decision not in {"accept", "reject"}:
        raise Http404
    nomination = get_object_or_404(
        Nomination, pk=nomination_id, election_key=election.translation_key
    )
    try:
        actions.review_nomination(
            election, nomination, decision == "accept", request.user
        )
    except actions.ActionRefused as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Nomination reviewed."))
    return redirect("voting_dashboard", election.pk)
