"""The pattern page: every component, left to right and right to left, for
the people of the admin only."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.demo_accounts import client_of

pytestmark = pytest.mark.django_db


def patterns_url(language="en"):
    with translation.override(language):
        return reverse("patterns")


@pytest.mark.parametrize("email", ["admin@example.org", "editor@example.org"])
def test_people_of_the_admin_see_every_component_in_both_directions(
    demo_for_the_module, email
):
    response = client_of(email).get(patterns_url())
    assert response.status_code == 200
    html = response.text
    assert 'dir="ltr" lang="en"' in html and 'dir="rtl" lang="ar"' in html
    for component in (
        '<button type="button">',
        'class="button button--secondary"',
        "notice notice--success",
        "notice notice--error",
        'class="tag"',
        'class="card"',
        "field--checkbox",
        "field--error",
        'class="table"',
        '<svg role="img"',
        'class="timeline"',
        'class="pagination"',
        'class="breadcrumb"',
    ):
        assert html.count(component) >= 2, component  # once in each direction
    # The right-to-left copy is in Arabic.
    assert "تسجيل الخروج" in html  # "Log out", from the Arabic catalogue
    assert response["Cache-Control"].startswith("max-age=0")


def test_members_are_refused_and_anonymous_readers_sent_to_log_in(demo_for_the_module):
    assert client_of("member@example.org").get(patterns_url()).status_code == 403
    response = Client().get(patterns_url())
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
