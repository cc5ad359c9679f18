from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LinkbacksConfig(AppConfig):
    name = "linkbacks"
    verbose_name = _("Linkbacks")

    def ready(self):
        # Every XML-RPC parse in this process (our receiver, and the answers
        # of pingback servers we notify) goes through defusedxml: no entity
        # expansion, no DTD fetching, capped gzip.
        from defusedxml import xmlrpc

        xmlrpc.monkey_patch()

        from . import send  # noqa: F401 (connects the publish signal)
