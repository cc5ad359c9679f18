"""What events hold about a person, exported and erased (the privacy
contract): registrations by address or by the member's account."""

import json

import pytest

from events import privacy
from events.factories import RegistrationFactory
from events.models import Registration

pytestmark = pytest.mark.django_db


def test_export_lists_every_registration_of_the_address(event, member):
    RegistrationFactory(
        event=event, email="amaka@example.org", user=member, country="NG"
    )
    RegistrationFactory(event=event, email="someone@example.org")
    data = privacy.export_personal_data("Amaka@Example.org")
    json.dumps(data)
    [row] = data["event_registrations"]
    assert (row["event"], row["email"], row["country"]) == (
        "Open access",
        "amaka@example.org",
        "NG",
    )
    assert privacy.export_personal_data("nobody@example.org") == {
        "event_registrations": []
    }


def test_erase_removes_them_and_the_place_goes_to_the_waiting_list(event):
    event.capacity = 1
    event.save_revision().publish()
    RegistrationFactory(event=event, email="leaving@example.org")
    RegistrationFactory(event=event, email="next@example.org", status="waiting")
    privacy.erase_personal_data("leaving@example.org", keep_comments=True)
    assert not Registration.objects.filter(email="leaving@example.org").exists()
    assert Registration.objects.get(email="next@example.org").status == "registered"
    assert privacy.export_personal_data("leaving@example.org") == {
        "event_registrations": []
    }


def test_the_members_activity_section(event, member):
    assert privacy.activity_section(member) is None
    RegistrationFactory(event=event, email=member.email, user=member)
    section = privacy.activity_section(member)
    assert section["template"] == "events/activity/registrations.html"
    [(page, registration)] = section["context"]["event_registrations"]
    assert page.pk == event.pk and registration.status == "registered"
