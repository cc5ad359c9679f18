from django.apps import AppConfig
from django.urls import register_converter
from django.utils.translation import gettext_lazy as _

from .converters import IdConverter

# Registered when the app registry loads this module, before any app's
# models: Wagtail compiles a page's routes when its class is defined.
register_converter(IdConverter, "id")


class WebsiteConfig(AppConfig):
    name = "website"
    verbose_name = _("Website")

    def ready(self):
        from . import devsite, signals  # noqa: F401
        from .csvexport import protect_wagtail_exports

        protect_wagtail_exports()
        if devsite.enabled():
            devsite.install()
