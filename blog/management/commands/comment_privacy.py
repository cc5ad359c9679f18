"""Export or erase what a commenter gave us, by email address.

    manage.py comment_privacy export ama@example.org > ama.json
    manage.py comment_privacy erase ama@example.org

Export writes the commenter's entries as JSON. Erase removes them from the
site and blanks what identifies the author (name, email, website, IP
address, text), keeping the row so that replies keep their place in the
thread.
"""

import json

from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction

from blog.models import BlogComment

ERASED_TEXT = "[erased at the author's request]"


class Command(BaseCommand):
    help = "Export or erase the comments of one email address."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["export", "erase"])
        parser.add_argument("email")

    def handle(self, action, email, **options):
        try:
            validate_email(email)
        except Exception as error:
            raise CommandError(f"Not an email address: {email!r}") from error
        comments = BlogComment.objects.filter(user_email__iexact=email).order_by("pk")
        if action == "export":
            self.stdout.write(
                json.dumps(export(comments), indent=2, ensure_ascii=False)
            )
            return
        with transaction.atomic():
            count = erase(comments)
        self.stdout.write(f"Erased {count} comment(s) of {email}.")


def export(comments):
    return [
        {
            "id": comment.pk,
            "post": comment.get_absolute_url(),
            "date": comment.submit_date.isoformat(),
            "name": comment.user_name,
            "email": comment.user_email,
            "website": comment.user_url,
            "ip_address": comment.ip_address,
            "text": comment.comment,
            "published": comment.is_public and not comment.is_removed,
            "notify_of_follow_ups": comment.followup,
        }
        for comment in comments
    ]


def erase(comments):
    # One UPDATE: no signals, so replies by other people stay as they are.
    return comments.update(
        user_name="",
        user_email="",
        user_url="",
        ip_address=None,
        comment=ERASED_TEXT,
        followup=False,
        is_removed=True,
    )
