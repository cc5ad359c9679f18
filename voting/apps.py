from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VotingConfig(AppConfig):
    name = "voting"
    verbose_name = _("Elections")

    def ready(self):
        from website import date_changes, home

        from . import cache
        from .home import open_elections

        home.register_section(
            "voting/includes/home_elections.html", open_elections, 30, area="now"
        )
        cache.connect()
        date_changes.register(cache.elections_that_opened_or_closed)
