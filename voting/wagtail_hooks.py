from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from . import admin_views
from .models import ElectionPage
from .models.pages import new_tie_seed


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "elections/<id:page_id>/",
            admin_views.dashboard,
            name="voting_dashboard",
        ),
        path(
            "elections/<id:page_id>/import/",
            admin_views.import_roll,
            name="voting_import",
        ),
        path(
            "elections/<id:page_id>/import-round/",
            admin_views.import_round,
            name="voting_import_round",
        ),
        path(
            "elections/<id:page_id>/invite/",
            admin_views.invite,
            name="voting_invite",
        ),
        path(
            "elections/<id:page_id>/remind/",
            admin_views.remind,
            name="voting_remind",
        ),
        path(
            "elections/<id:page_id>/resend/<id:voter_id>/",
            admin_views.resend,
            name="voting_resend",
        ),
        path(
            "elections/<id:page_id>/close/",
            admin_views.CloseVotingView.as_view(),
            name="voting_close_early",
        ),
        path(
            "elections/<id:page_id>/publish/",
            admin_views.PublishResultsView.as_view(),
            name="voting_publish_results",
        ),
        path(
            "elections/<id:page_id>/nominations/<id:nomination_id>/<str:decision>/",
            admin_views.review_nomination,
            name="voting_review_nomination",
        ),
    ]


def _run_button(page, user, priority):
    if isinstance(page.specific_deferred, ElectionPage) and user.has_perm(
        admin_views.RUN_ELECTION
    ):
        yield Button(
            _("Run the election"),
            reverse("voting_dashboard", args=[page.pk]),
            icon_name="tasks",
            priority=priority,
        )


@hooks.register("register_page_header_buttons")
def election_header_button(page, user, view_name, next_url=None):
    yield from _run_button(page, user, 80)


@hooks.register("register_page_listing_more_buttons")
def election_listing_button(page, user, next_url=None):
    yield from _run_button(page, user, 80)


@hooks.register("after_copy_page")
def fresh_elections_after_copy(request, page, new_page):
    """A copy of an election (or of an index holding elections) is a new
    election: not closed, results not published, its own tie-break seed.
    (Translations are copies too, but keep all three: they are the same
    election.)"""
    for election in ElectionPage.objects.descendant_of(new_page, inclusive=True):
        ElectionPage.objects.filter(pk=election.pk).update(
            closed_early_at=None,
            results_published=False,
            results_published_at=None,
            tie_seed=new_tie_seed(),
        )
