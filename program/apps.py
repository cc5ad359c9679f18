from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgramConfig(AppConfig):
    name = "program"
    verbose_name = _("Mentoring program")

    def ready(self):
        from website import date_changes, home

        from . import tasks, topics  # noqa: F401 (tasks connects a receiver)
        from .cache import rounds_whose_stage_changed
        from .home import current_rounds

        home.register_section(
            "program/includes/home_rounds.html", current_rounds, 20, area="now"
        )
        topics.connect()
        date_changes.register(rounds_whose_stage_changed)
