"""The contact form routes each message to its topic's organisers through
the outbox, sends the sender a copy, keeps it in the admin as new, and an
answer from there goes to the sender and marks it answered."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from contributions.factories import ContactMessageFactory
from contributions.models import ContactMessage, ContactRouting
from website.factories import UserFactory
from website.models import OutboxMessage

pytestmark = pytest.mark.django_db


def message(**extra):
    return {
        "topic": "webinars",
        "name": "Lucía",
        "email": "lucia@example.org",
        "message": "¿Habrá grabaciones de los webinarios?",
        **extra,
    }


def test_a_message_goes_to_the_topics_organisers_and_a_copy_to_the_sender(
    client, contact_page
):
    routing = ContactRouting.load()
    routing.webinars = "webinars@example.org\nolga@example.org"
    routing.save()
    response = client.post(contact_page.url + "message/", message())
    assert response.status_code == 302
    saved = ContactMessage.objects.get()
    assert saved.state == ContactMessage.State.NEW
    sent = {m.to: m for m in OutboxMessage.objects.all()}
    assert set(sent) == {
        "webinars@example.org",
        "olga@example.org",
        "lucia@example.org",
    }
    assert "grabaciones" in sent["olga@example.org"].body_text


def test_a_topic_without_addresses_goes_to_the_organisers_group(client, contact_page):
    organiser = UserFactory(email="olga@example.org")
    organiser.groups.add(Group.objects.get_or_create(name="Organisers")[0])
    client.post(contact_page.url + "message/", message(topic="elections"))
    assert OutboxMessage.objects.filter(to="olga@example.org").exists()


def test_the_honeypot_and_the_rate_limit_refuse(client, contact_page, settings):
    response = client.post(
        contact_page.url + "message/", message(website_url="http://spam.example")
    )
    assert response.status_code == 400
    settings.CONTRIBUTIONS_RATE_LIMIT = (2, 600)
    statuses = [
        client.post(contact_page.url + "message/", message()).status_code
        for _ in range(3)
    ]
    assert statuses[-1] == 429
    assert ContactMessage.objects.count() == 1  # the honeypot one saved nothing


def test_bad_input_answers_400_and_saves_nothing(client, contact_page):
    response = client.post(
        contact_page.url + "message/", message(email="not-an-address", topic="x")
    )
    assert response.status_code == 400
    assert "error-summary" in response.text
    assert not ContactMessage.objects.exists()


def test_an_organiser_answers_from_the_admin(client):
    contact = ContactMessageFactory(email="reader@example.org")
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    url = reverse(
        "wagtailsnippets_contributions_contactmessage:edit", args=[contact.pk]
    )
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"answer": "We have updated your address.", "state": "new"}
    )
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.state == ContactMessage.State.ANSWERED
    answer = OutboxMessage.objects.get(to="reader@example.org")
    assert "We have updated your address." in answer.body_text
