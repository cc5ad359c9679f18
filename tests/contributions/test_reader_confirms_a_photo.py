"""A reader who is not signed in confirms their address from the email
before the photo reaches the moderators; the link works once, and a
forged one does not."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from contributions.factories import jpeg_bytes
from contributions.models import PhotoSubmission
from website.models import OutboxMessage

pytestmark = pytest.mark.django_db


def post_photo(client, contact_page, upload):
    return client.post(
        contact_page.url + "photo/",
        {
            "photo": upload,
            "caption": "Desk",
            "library": "Kumasi Polytechnic Library",
            "country": "GH",
            "credit_name": "Kofi",
            "licence": "here-only",
            "consent": "on",
            "name": "Kofi",
            "email": "kofi@example.org",
        },
    )


def test_the_link_in_the_email_sends_the_photo_to_the_moderators(
    client, contact_page, django_capture_on_commit_callbacks
):
    upload = SimpleUploadedFile("desk.png", jpeg_bytes(), content_type="image/png")
    with django_capture_on_commit_callbacks(execute=True):
        post_photo(client, contact_page, upload)
    stored = OutboxMessage.objects.get(to="kofi@example.org")
    assert "[hidden-" in stored.body_text  # the admin never shows the token
    stored.refresh_from_db()
    assert mail.outbox, (stored.status, stored.last_error)
    body = mail.outbox[-1].body
    link = re.search(r"http://\S+/photo/confirm/\S+/", body).group(0)
    path = urlsplit(link).path
    forged = re.sub(r"-\w+/$", "-0000/", path)
    assert client.get(forged).status_code == 404
    assert PhotoSubmission.objects.get().status == "unconfirmed"
    assert client.get(path).status_code == 302
    assert PhotoSubmission.objects.get().status == "pending"
    assert client.get(path).status_code == 302  # twice: still fine
