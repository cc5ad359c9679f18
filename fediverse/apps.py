from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FediverseConfig(AppConfig):
    name = "fediverse"
    verbose_name = _("Fediverse")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from blog.comments import likes

        from . import delivery, replies, signals  # noqa: F401 (connect signals)
        from .models import RemoteLike

        likes.EXTRA_LIKE_COUNTS["fediverse"] = RemoteLike.count_for_page
