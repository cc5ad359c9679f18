"""Export or erase what the site holds about one email address, in every
app (website/privacy.py).

    manage.py privacy export ama@example.org > ama.json
    manage.py privacy erase ama@example.org [--remove-comments]
    manage.py privacy complete

Export writes JSON. Erase anonymises or removes the address's data in
every app and deletes the member account that uses it; comments stay as
"a former member" unless --remove-comments. It says what is kept for now:
a match in a mentoring round still running stays until the round ends.
Complete (daily, librarians-daily.timer) anonymises what was kept once its
time has come.
"""

import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from website import privacy


class Command(BaseCommand):
    help = "Export or erase everything the site holds about one email address."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["export", "erase", "complete"])
        parser.add_argument("email", nargs="?", default="")
        parser.add_argument(
            "--remove-comments",
            action="store_true",
            help="Erase: remove the comments instead of keeping them anonymous.",
        )

    def handle(self, action, email, remove_comments=False, **options):
        if action == "complete":
            done = privacy.complete_erasures()
            self.stdout.write(
                "Completed erasures: "
                + (", ".join(f"{label} {n}" for label, n in done.items()) or "none")
                + "."
            )
            return
        try:
            validate_email(email)
        except ValidationError as error:
            raise CommandError(f"Not an email address: {email!r}") from error
        if action == "export":
            self.stdout.write(
                json.dumps(privacy.export(email), indent=2, ensure_ascii=False)
            )
            return
        kept = privacy.erase(email, keep_comments=not remove_comments)
        self.stdout.write(f"Erased what the site held about {email}.")
        for sentence in kept:
            self.stdout.write(f"Kept for now: {sentence}")
