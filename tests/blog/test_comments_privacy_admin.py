"""Moderators export or erase one commenter's data from the admin, with
the same code as `manage.py comment_privacy`."""

import json

import pytest
from django.contrib.auth.models import Group, Permission

from blog.models import BlogComment
from website.factories import UserFactory

from . import comment_helpers

pytestmark = pytest.mark.django_db

post = comment_helpers.post

URL = "/admin/comments/privacy/"


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


@pytest.fixture
def moderator(client):
    user = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(user)
    return user


def test_the_comments_listing_links_to_the_privacy_page(client, moderator):
    html = client.get("/admin/snippets/blog/blogcomment/").text
    assert f'href="{URL}"' in html
    assert "Export or erase a commenter&#x27;s data" in html


def test_the_page_counts_the_comments_of_an_address(client, post, moderator):
    add_comment(post, "Ama@Example.org", "Mine")
    add_comment(post, "ama@example.org", "Mine too")
    add_comment(post, "other@example.org", "Not mine")
    assert client.get(URL).status_code == 200
    html = client.get(URL, {"email": "ama@example.org"}).text
    assert "2 comments left with ama@example.org." in html
    assert 'value="erase"' in html


def test_download_exports_that_address_as_json(client, post, moderator):
    add_comment(post, "ama@example.org", "Mine")
    add_comment(post, "other@example.org", "Not mine")
    response = client.post(URL, {"email": "ama@example.org", "action": "export"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    [entry] = json.loads(response.content)
    assert entry["text"] == "Mine" and entry["ip_address"] == "192.0.2.7"


def test_erase_blanks_that_address_only(client, post, moderator):
    mine = add_comment(post, "ama@example.org", "Mine")
    other = add_comment(post, "other@example.org", "Not mine")
    response = client.post(URL, {"email": "ama@example.org", "action": "erase"})
    assert response.status_code == 302
    assert response["Location"] == f"{URL}?email=ama%40example.org"
    mine.refresh_from_db()
    assert mine.is_removed and mine.comment.startswith("[erased")
    assert (mine.user_name, mine.user_email, mine.user_url) == ("", "", "")
    assert mine.ip_address is None
    other.refresh_from_db()
    assert other.comment == "Not mine" and not other.is_removed
    followed = client.get(response["Location"]).text
    assert "Erased 1 comment of ama@example.org." in followed


def test_a_bad_address_is_refused_and_nothing_changes(client, post, moderator):
    add_comment(post, "ama@example.org", "Mine")
    response = client.post(URL, {"email": "not-an-address", "action": "erase"})
    assert response.status_code == 400
    assert not BlogComment.objects.filter(is_removed=True).exists()


def test_only_users_who_can_change_comments_may_use_it(client, post):
    add_comment(post, "ama@example.org", "Mine")
    editor = UserFactory(is_staff=True)
    editor.user_permissions.add(
        Permission.objects.get(
            codename="access_admin", content_type__app_label="wagtailadmin"
        )
    )
    client.force_login(editor)
    refused = client.get(URL)  # Wagtail sends refusals back to the dashboard
    assert refused.status_code == 302 and refused["Location"] == "/admin/"
    response = client.post(URL, {"email": "ama@example.org", "action": "erase"})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert not BlogComment.objects.filter(is_removed=True).exists()
    moderators = Group.objects.create(name="Comment moderators")
    moderators.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="change_blogcomment"),
    )
    editor.groups.add(moderators)
    editor = type(editor).objects.get(pk=editor.pk)  # forget cached permissions
    client.force_login(editor)
    assert client.get(URL).status_code == 200


def test_anonymous_visitors_are_sent_to_the_login(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/login/" in response["Location"]
