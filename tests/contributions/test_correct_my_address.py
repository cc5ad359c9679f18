"""A participant corrects the email on their application from their own
application link, even after applications close; the change counts once
confirmed from the new address; they may have their match email sent
there again, once; organisers see the change."""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from contributions.models import AddressChange
from program.factories import ApplicationFactory, ProgramPageFactory, RoundPageFactory
from program.models import Application, Match
from program.release import release_matches
from program.storage import run_matching
from website.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_page(home):
    round_page = RoundPageFactory(parent=ProgramPageFactory(parent=home), number=3)
    for index, country in enumerate(["ES", "GB", "FR", "DE"]):
        ApplicationFactory(
            round=round_page,
            country=country,
            name=f"Person {index}",
            email=f"person{index}@example.org",
        )
    run_matching(round_page)
    assert Match.objects.count() == 2
    round_page.applications_close_at = timezone.now() - datetime.timedelta(days=1)
    round_page.save_revision().publish()
    return round_page


def test_a_participant_corrects_their_address_and_gets_the_match_email_again(
    client, round_page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        release_matches(round_page, batch_size=100)
    application = Application.objects.get(email="person0@example.org")
    link = round_page.url + f"application/{application.pk}/"
    token = application.new_edit_token()
    application.save()
    closed = client.get(f"{link}{token}/")
    assert "Correct it" in closed.text  # applications are closed, the door is not
    form_url = f"{link}{token}/address/"
    assert client.get(form_url).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(form_url, {"email": "new.person0@example.org"})
    assert response.status_code == 200
    application.refresh_from_db()
    assert application.email == "person0@example.org"  # not until confirmed
    confirm = mail.outbox[-1]
    assert confirm.to == ["new.person0@example.org"]
    path = urlsplit(re.search(r"http://\S+/address/confirm/\S+/", confirm.body)[0]).path

    assert (
        client.get(path.replace("/address/confirm/", "/address/confirm/9")).status_code
        == 404
    )
    page = client.get(path)
    assert page.status_code == 200
    application.refresh_from_db()
    assert application.email == "new.person0@example.org"
    assert "Send my match email again" in page.text

    sent_before = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(path, {"action": "resend"})
        client.post(path, {"action": "resend"})  # twice: one email
    assert [m.to for m in mail.outbox[sent_before:]] == [["new.person0@example.org"]]
    change = AddressChange.objects.get()
    assert change.old_email == "person0@example.org"
    assert change.match_email_resent_at is not None


def test_a_forged_application_link_cannot_change_an_address(client, round_page):
    application = Application.objects.get(email="person1@example.org")
    url = round_page.url + f"application/{application.pk}/forged/address/"
    assert client.get(url).status_code == 404
    assert client.post(url, {"email": "thief@example.org"}).status_code == 404
    assert not AddressChange.objects.exists()


def test_an_address_another_applicant_uses_is_refused(client, round_page):
    application = Application.objects.get(email="person1@example.org")
    token = application.new_edit_token()
    application.save()
    url = round_page.url + f"application/{application.pk}/{token}/address/"
    response = client.post(url, {"email": "PERSON2@example.org"})
    assert response.status_code == 400
    assert not AddressChange.objects.exists()


def test_organisers_see_the_change(client, round_page):
    application = Application.objects.get(email="person1@example.org")
    AddressChange.objects.create(
        application=application,
        old_email="person1@example.org",
        new_email="p1@example.org",
    )
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    listing = client.get(reverse("wagtailsnippets_contributions_addresschange:list"))
    assert "p1@example.org" in listing.text
