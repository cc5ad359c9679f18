"""Export or erase what a commenter gave us, by email address.

    manage.py comment_privacy export ama@example.org > ama.json
    manage.py comment_privacy erase ama@example.org

Comments only: `manage.py privacy export|erase EMAIL` (website/privacy.py)
does this for every app, the account included.

Export writes the commenter's entries as JSON. Erase removes them from the
site and blanks what identifies the author, keeping the rows so that
replies keep their place in the thread (see `blog/comments/privacy.py`,
which the admin's privacy page uses too).
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from blog.comments import privacy


class Command(BaseCommand):
    help = "Export or erase the comments of one email address."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["export", "erase"])
        parser.add_argument("email")

    def handle(self, action, email, **options):
        try:
            validate_email(email)
        except ValidationError as error:
            raise CommandError(f"Not an email address: {email!r}") from error
        if action == "export":
            self.stdout.write(privacy.export_json(email))
            return
        count = privacy.erase_address(email)
        self.stdout.write(f"Erased {count} comment(s) of {email}.")
