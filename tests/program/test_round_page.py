"""The round page: a member who has applied is told so and finds their
application from it; everyone else is invited to apply."""

from urllib.parse import urlencode

import pytest

from program.factories import ApplicationFactory
from website.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_member_who_applied_finds_their_application_from_the_round_page(
    client, round_page
):
    member = UserFactory()
    ApplicationFactory(round=round_page, user=member, email=member.email)
    client.force_login(member)
    page = client.get(round_page.url).text
    assert "You have applied to this round. Status: Submitted." in page
    assert f'href="{round_page.url}my-application/"' in page
    assert "Apply to this round" not in page


def test_others_are_invited_to_apply(client, round_page):
    ApplicationFactory(round=round_page, user=UserFactory())
    assert "Apply to this round" in client.get(round_page.url).text
    client.force_login(UserFactory())
    page = client.get(round_page.url).text
    assert "Apply to this round" in page
    assert "You have applied" not in page


def test_the_application_form_speaks_to_the_applicant(client, round_page):
    form = client.get(round_page.url + "apply/").text
    assert "How many earlier rounds of this program you took part in" in form
    assert "the applicant took part in" not in form
    assert '<option value="" selected>Choose your library sector</option>' in form
    assert '<option value="" selected>Choose your career stage</option>' in form
    assert '<option value="" selected>Choose your country</option>' in form
    assert "---------" not in form


def test_a_members_form_starts_from_their_profile(client, round_page):
    member = UserFactory(
        email="amaka@example.org",
        profile__display_name="Amaka Obi",
        profile__country="NG",
        profile__language="fr",
    )
    client.force_login(member)
    form = client.get(round_page.url + "apply/").text
    assert 'name="name" value="Amaka Obi"' in form
    assert '<option value="NG" selected>Nigeria</option>' in form
    assert '<option value="fr" selected>' in form
    assert 'value="amaka@example.org"' in form


def test_a_reader_not_signed_in_logs_in_in_the_rounds_language(
    client, round_page, locales
):
    spanish = round_page.copy_for_translation(locales["es"], copy_parents=True)
    spanish.save_revision().publish()
    spanish.refresh_from_db()
    mine = spanish.url + "my-application/"
    response = client.get(mine)
    assert response.status_code == 302
    assert response["Location"] == "/es/accounts/login/?" + urlencode(
        {"next": mine}, safe="/"
    )
