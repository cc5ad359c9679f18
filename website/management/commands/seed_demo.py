from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings


def demo_modules():
    """Every installed app's own `demo` module, in the order it asks for."""
    modules = []
    for app_config in apps.get_app_configs():
        try:
            module = import_module(f"{app_config.name}.demo")
        except ModuleNotFoundError as error:
            if error.name != f"{app_config.name}.demo":
                raise
            continue
        modules.append(module)
    return sorted(modules, key=lambda module: getattr(module, "ORDER", 50))


class Command(BaseCommand):
    help = (
        "Load the demo content: languages, home pages, accounts, and each "
        "app's own demo content. Deterministic, and safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--seed", type=int, default=2018, help="Seed for generated content."
        )

    def handle(self, *args, seed, **options):
        if not settings.DEMO_CONTENT_ALLOWED:
            raise CommandError(
                "seed_demo is for local use only: its accounts share a published "
                "password and its content is invented. It does not run with "
                "these settings (DEMO_CONTENT_ALLOWED is off, as in production)."
            )
        # The demo's posts link to invented sites (example.org): publishing
        # them must not queue notifications to those sites, whatever
        # LINKBACKS_SEND says.
        with override_settings(LINKBACKS_SEND=False), transaction.atomic():
            for module in demo_modules():
                module.build(seed=seed, stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
