import json

import pytest

from contributions import privacy
from contributions.factories import ContactMessageFactory, PhotoSubmissionFactory
from contributions.models import ContactMessage, PhotoSubmission

pytestmark = pytest.mark.django_db


def test_export_and_erase_one_address():
    PhotoSubmissionFactory(email="mei@example.org", caption="Mei's desk")
    ContactMessageFactory(email="MEI@example.org", message="Hello")
    PhotoSubmissionFactory(email="other@example.org")
    data = privacy.export_personal_data("mei@example.org")
    json.dumps(data)
    assert data["workspace_photos"][0]["caption"] == "Mei's desk"
    assert data["messages_to_the_organisers"][0]["message"] == "Hello"
    privacy.erase_personal_data("mei@example.org", keep_comments=False)
    assert not PhotoSubmission.objects.filter(email__iexact="mei@example.org")
    assert not ContactMessage.objects.exists()
    assert PhotoSubmission.objects.count() == 1


def test_a_members_activity_lists_their_photos_and_where_each_stands():
    from django.template.loader import render_to_string

    from website.factories import UserFactory

    member = UserFactory()
    assert privacy.activity_section(member) is None
    PhotoSubmissionFactory(user=member, email=member.email, caption="My desk")
    section = privacy.activity_section(member)
    html = render_to_string(section["template"], section["context"])
    assert "My desk: Waiting for moderation" in html
