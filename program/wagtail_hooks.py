from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet

from website.permissions import TranslatableSnippetViewSet

from . import admin_views
from .forms import ApplicationForm
from .models import Application, Interest, Match


class InterestViewSet(TranslatableSnippetViewSet):
    model = Interest
    icon = "tag"
    menu_label = _("Interests")
    list_display = ["name", "locale"]


register_snippet(InterestViewSet)


class ApplicationViewSet(ModelViewSet):
    model = Application
    icon = "user"
    menu_label = _("Applications")
    add_to_admin_menu = True
    menu_order = 310
    copy_view_enabled = False
    inspect_view_enabled = True
    # The reason shows in words, in the admin's language, through
    # Application.get_unmatched_reason_display (with the values it needs).
    list_display = [
        "display_name",
        "email",
        "country",
        "round",
        "status",
        "unmatched_reason",
    ]
    inspect_view_fields_exclude = ["unmatched_values"]
    list_filter = ["round", "status", "sector", "career_stage"]
    search_fields = ["name", "email"]
    form_fields = [*ApplicationForm.Meta.fields, "status"]


class MatchViewSet(ModelViewSet):
    model = Match
    icon = "group"
    menu_label = _("Matches")
    add_to_admin_menu = True
    menu_order = 311
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = ["__str__", "round", "score", "status", "locked", "connected"]
    list_filter = ["round", "status", "locked", "connected"]
    form_fields = ["locked", "connected"]


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [ApplicationViewSet("program_applications"), MatchViewSet("program_matches")]


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path("program/matching/", admin_views.index, name="program_matching"),
        path(
            "program/matching/<id:round_id>/",
            admin_views.round_desk,
            name="program_round_desk",
        ),
        path(
            "program/matching/<id:round_id>/run/",
            admin_views.run,
            name="program_run_matching",
        ),
        path(
            "program/matching/<id:round_id>/progress/",
            admin_views.progress,
            name="program_matching_progress",
        ),
        path(
            "program/matching/<id:round_id>/release/",
            admin_views.release,
            name="program_release",
        ),
        path(
            "program/matching/<id:round_id>/pair/",
            admin_views.pair,
            name="program_pair",
        ),
        path(
            "program/matching/<id:round_id>/swap/",
            admin_views.swap_people,
            name="program_swap",
        ),
        path(
            "program/matching/<id:round_id>/swap/<id:application_id>/",
            admin_views.swap_choices,
            name="program_swap_choices",
        ),
        path(
            "program/matching/<id:round_id>/remind/",
            admin_views.remind,
            name="program_remind",
        ),
        path(
            "program/matching/<id:round_id>/export.csv",
            admin_views.export,
            name="program_export",
        ),
        path(
            "program/matching/<id:round_id>/matches/<id:match_id>/<str:action>/",
            admin_views.match_action,
            name="program_match_action",
        ),
        path(
            "program/matching/<id:round_id>/seats/<id:seat_id>/resend/",
            admin_views.resend_seat,
            name="program_resend",
        ),
    ]


@hooks.register("register_log_actions")
def register_matching_log_actions(actions):
    """The organiser's changes on the Matching desk, in the match's history."""
    actions.register_action("program.lock", _("Lock match"), _("Match locked"))
    actions.register_action("program.unlock", _("Unlock match"), _("Match unlocked"))
    actions.register_action("program.unpair", _("Unpair"), _("Match unpaired"))
    actions.register_action("program.swap", _("Swap people"), _("People swapped"))
    actions.register_action("program.pair", _("Pair by hand"), _("Paired by hand"))
    actions.register_action("program.rematch", _("Re-match"), _("Match dissolved"))


class OrganiserMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.PERMISSION)


@hooks.register("register_admin_menu_item")
def register_matching_menu_item():
    return OrganiserMenuItem(
        _("Matching"), reverse("program_matching"), icon_name="group", order=309
    )
