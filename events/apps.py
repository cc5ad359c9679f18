from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        from website import date_changes

        from . import signals
        from .cache import events_whose_status_changed

        signals.connect()
        date_changes.register(events_whose_status_changed)
