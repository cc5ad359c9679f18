from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_views, elections
from .models import EventPage, Speaker


class SpeakerViewSet(SnippetViewSet):
    model = Speaker
    icon = "user"
    menu_label = _("Speakers")
    list_display = ["name", "affiliation"]
    search_fields = ["name"]


register_snippet(SpeakerViewSet)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "events/<id:page_id>/registrations/",
            admin_views.registrations_view,
            name="events_registrations",
        ),
        path(
            "events/<id:page_id>/registrations/csv/",
            admin_views.attendance_csv,
            name="events_attendance_csv",
        ),
        path(
            "events/from-election/<id:page_id>/",
            admin_views.from_election,
            name="events_from_election",
        ),
    ]


def _buttons(page, user, priority):
    specific_class = page.specific_class
    if specific_class is EventPage and admin_views.may_see_registrations(user):
        yield Button(
            _("Registrations"),
            reverse("events_registrations", args=[page.pk]),
            icon_name="group",
            priority=priority,
        )
    elif elections.is_election(page):
        election = page.specific_deferred
        if election.results_published and admin_views.may_create_events(user, election):
            yield Button(
                _("Create an event for each winning option"),
                reverse("events_from_election", args=[page.pk]),
                icon_name="date",
                priority=priority,
            )


@hooks.register("register_page_header_buttons")
def event_header_buttons(page, user, view_name, next_url=None):
    yield from _buttons(page, user, 85)


@hooks.register("register_page_listing_more_buttons")
def event_listing_buttons(page, user, next_url=None):
    yield from _buttons(page, user, 85)
