"""The election dashboard's listings as Wagtail admin tables: the voters
(each with a "Send a new link" button while they may still vote) and the
nominations (Accept and Reject in the row's "More options" menu while the
nomination waits for review)."""

from django.middleware.csrf import get_token
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail.admin.ui.tables import Column, Table


class TemplateColumn(Column):
    """A column whose cell is rendered by `cell_template_name` with the
    row's object (`instance`), the election (for the forms' addresses) and
    the CSRF token, since Wagtail renders cells without the request's
    context processors."""

    def __init__(self, name, cell_template_name, election, **kwargs):
        super().__init__(name, **kwargs)
        self.cell_template_name = cell_template_name
        self.election = election

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context.get("request")
        context["election"] = self.election
        context["csrf_token"] = get_token(request) if request else ""
        return context


def actions_label():
    """The actions column's header: for screen readers only."""
    return format_html('<span class="w-sr-only">{}</span>', _("Actions"))


def dash(value):
    return "—" if value is None else value


def voters_table(election, voters):
    """One page of the election's voters."""
    return Table(
        [
            Column("email", label=_("Email")),
            Column(
                "invited", label=_("Invited"), accessor=lambda v: dash(v.invited_at)
            ),
            Column(
                "reminded", label=_("Reminded"), accessor=lambda v: dash(v.reminded_at)
            ),
            Column(
                "voted",
                label=_("Voted"),
                accessor=lambda v: _("yes") if v.voted_at else _("no"),
            ),
            TemplateColumn(
                "actions",
                "voting/admin/voter_actions_cell.html",
                election,
                label=actions_label(),
            ),
        ],
        voters,
        caption=_("Voters"),
    )


def nominations_table(election, nominations):
    """The options members proposed, with their review."""
    return Table(
        [
            TemplateColumn(
                "title",
                "voting/admin/nomination_cell.html",
                election,
                label=_("Option"),
            ),
            TemplateColumn(
                "proposed_at",
                "voting/admin/nomination_proposed_cell.html",
                election,
                label=_("Proposed"),
            ),
            Column("status", label=_("Status"), accessor="get_status_display"),
            TemplateColumn(
                "actions",
                "voting/admin/nomination_actions_cell.html",
                election,
                label=actions_label(),
            ),
        ],
        nominations,
        caption=_("Nominations"),
    )
