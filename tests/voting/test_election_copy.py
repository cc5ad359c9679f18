"""Sentences that end on a date read right: a time is never followed by a
second full stop, in the invitation, the reminder and the organiser's
pages (the site's formats write "11:00 PM", see website/formats/)."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from voting import electorate
from website.factories import UserFactory
from website.models import OutboxMessage

ELEVEN_PM = timezone.now().replace(hour=23, minute=0, second=0, microsecond=0)


@pytest.mark.django_db
def test_invitation_and_reminder_end_their_sentences_once(make_election):
    election = make_election(
        electorate="closed",
        voting_closes_at=ELEVEN_PM + datetime.timedelta(days=7),
    )
    electorate.import_roll(election, "ana@example.org\n")
    electorate.invite(election)
    electorate.remind(election)
    messages = OutboxMessage.objects.all()
    assert len(messages) == 2
    for message in messages:
        assert "11:00 PM" in message.body_text
        assert ".." not in message.body_text
        assert ".." not in message.body_html


@pytest.mark.django_db
def test_organiser_pages_end_their_sentences_once(make_election):
    admin = UserFactory(username="ada", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(admin)
    upcoming = make_election(
        voting_opens_at=ELEVEN_PM + datetime.timedelta(days=7),
        voting_closes_at=ELEVEN_PM + datetime.timedelta(days=14),
    )
    dashboard = client.get(reverse("voting_dashboard", args=[upcoming.pk])).text
    assert "11:00 PM" in dashboard and "PM.." not in dashboard
    open_now = make_election(voting_closes_at=ELEVEN_PM + datetime.timedelta(days=7))
    confirm = client.get(reverse("voting_close_early", args=[open_now.pk])).text
    assert "11:00 PM" in confirm and "PM.." not in confirm
