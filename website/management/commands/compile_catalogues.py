from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Compile the project's gettext catalogues (locale/*/LC_MESSAGES/*.po) "
        "to .mo files. Pure Python, so a fresh machine needs no GNU gettext; "
        "only `make messages` (which extracts strings) needs it."
    )

    def handle(self, *args, **options):
        compiled = 0
        for locale_path in settings.LOCALE_PATHS:
            for po_path in sorted(Path(locale_path).glob("*/LC_MESSAGES/*.po")):
                mo_path = po_path.with_suffix(".mo")
                polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
                compiled += 1
        self.stdout.write(f"Compiled {compiled} catalogue(s).")
