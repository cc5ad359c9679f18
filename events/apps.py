from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        from website import date_changes, home

        from . import signals
        from .cache import events_whose_status_changed
        from .home import next_events

        home.register_section(
            "events/includes/home_events.html", next_events, 40, area="now"
        )

        signals.connect()
        date_changes.register(events_whose_status_changed)
