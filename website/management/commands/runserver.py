"""`manage.py runserver`, which in development (SITE_URL_FROM_REQUEST) also
makes the address it serves the site's own URL outside requests: see
website/devsite.py. Static files are served as by staticfiles' runserver."""

from django.contrib.staticfiles.management.commands.runserver import (
    Command as StaticfilesRunserverCommand,
)

from website import devsite


class Command(StaticfilesRunserverCommand):
    def run(self, **options):
        if devsite.enabled():
            host = self.addr
            if self._raw_ipv6:
                host = "[::1]" if host == "::" else f"[{host}]"
            elif host == "0.0.0.0":  # every interface: name one that answers
                host = "127.0.0.1"
            devsite.serve_at(f"{self.protocol}://{host}:{self.port}")
        super().run(**options)
