"""The application form's time zone: a grouped list of places with today's
offsets (no legacy aliases), stored as the IANA name."""

import re

import pytest

from program.factories import ApplicationFactory
from program.models import Application
from website.time_zones import time_zone_label

from .test_applications import valid_data

pytestmark = pytest.mark.django_db


def time_zone_select(html):
    return re.search(r'<select name="time_zone".*?</select>', html, re.S).group(0)


def test_the_form_offers_places_by_region_with_todays_offsets(client, round_page):
    select = time_zone_select(client.get(round_page.url + "apply/").text)
    assert '<optgroup label="Americas">' in select
    assert '<optgroup label="Europe">' in select
    assert (
        f'<option value="America/Argentina/Cordoba">'
        f"{time_zone_label('America/Argentina/Cordoba')}</option>"
    ) in select
    assert "US/East-Indiana" not in select
    assert 'value="Etc/' not in select


def test_in_spanish_the_regions_and_countries_are_spanish(client, round_page, locales):
    spanish = round_page.copy_for_translation(locales["es"], copy_parents=True)
    spanish.save_revision().publish()
    select = time_zone_select(client.get(f"{spanish.url}apply/").text)
    assert '<option value="Europe/Madrid">España — Madrid (UTC+0' in select
    assert '<optgroup label="Europa">' in select


def test_the_chosen_place_is_stored_as_its_iana_name(client, round_page):
    response = client.post(
        round_page.url + "apply/", valid_data(time_zone="America/Indiana/Knox")
    )
    assert response.status_code == 302
    assert Application.objects.get().time_zone == "America/Indiana/Knox"


def test_a_legacy_alias_is_refused_with_a_message(client, round_page):
    response = client.post(
        round_page.url + "apply/", valid_data(time_zone="US/East-Indiana")
    )
    assert response.status_code == 400
    assert "US/East-Indiana is not a time zone name" in response.text
    assert not Application.objects.exists()


def test_an_application_with_an_old_alias_can_still_be_saved(client, round_page):
    application = ApplicationFactory(round=round_page, time_zone="Asia/Calcutta")
    token = application.new_edit_token()
    application.save()
    url = f"{round_page.url}application/{application.pk}/{token}/"
    assert 'value="Asia/Calcutta" selected' in client.get(url).text
    data = valid_data(time_zone="Asia/Calcutta", email=application.email)
    assert client.post(url, data).status_code == 302
    application.refresh_from_db()
    assert application.time_zone == "Asia/Calcutta"
