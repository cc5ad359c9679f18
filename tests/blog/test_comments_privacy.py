"""A commenter's data can be exported and erased by email address."""

import json

import pytest
from django.core.management import CommandError, call_command

from blog.models import BlogComment

from . import comment_helpers

pytestmark = pytest.mark.django_db

post = comment_helpers.post


def add_comment(post, email, text):
    return BlogComment.objects.create(
        content_object=post,
        site_id=1,
        user_name="Ama",
        user_email=email,
        user_url="https://ama.example.org/",
        ip_address="192.0.2.7",
        comment=text,
        language="en",
    )


def test_export_lists_the_comments_of_that_address_only(post, capsys):
    add_comment(post, "Ama@Example.org", "Mine")
    add_comment(post, "other@example.org", "Not mine")
    call_command("comment_privacy", "export", "ama@example.org")
    [entry] = json.loads(capsys.readouterr().out)
    assert entry["text"] == "Mine"
    assert entry["post"].endswith(f"#c{entry['id']}")


def test_erase_removes_the_comments_and_what_identifies_the_author(client, post):
    mine = add_comment(post, "ama@example.org", "Mine")
    other = add_comment(post, "other@example.org", "Not mine")
    call_command("comment_privacy", "erase", "ama@example.org")
    mine.refresh_from_db()
    assert mine.is_removed and mine.comment.startswith("[erased")
    assert (mine.user_name, mine.user_email, mine.user_url) == ("", "", "")
    assert mine.ip_address is None
    other.refresh_from_db()
    assert other.comment == "Not mine" and not other.is_removed
    assert "Mine" not in client.get(post.url).text.replace("Not mine", "")


def test_a_bad_address_is_refused(post):
    with pytest.raises(CommandError):
        call_command("comment_privacy", "erase", "not-an-address")
