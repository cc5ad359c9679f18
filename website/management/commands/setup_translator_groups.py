from django.core.management.base import BaseCommand
from wagtail.models import Site

from website.permissions import ensure_translator_groups


class Command(BaseCommand):
    help = (
        "Create or repair one translator group per language of the site "
        "(“Translators: Español”…): its members may edit and publish pages of "
        "that language only. Safe to run again; run it after adding a locale."
    )

    def handle(self, *args, **options):
        home = Site.objects.get(is_default_site=True).root_page
        groups = ensure_translator_groups(home)
        for group in groups:
            self.stdout.write(f"  {group.name}")
        self.stdout.write(f"{len(groups)} translator group(s) ready.")
