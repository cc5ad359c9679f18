"""The application's weekly availability grid: real checkboxes in a table
with headers, stored as local hours of the week, shown again when the
applicant edits, refused with a message when forged (nothing stored)."""

import pytest

from program.models import Application
from tests.program.test_applications import edit_link, valid_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def apply_url(round_page):
    return round_page.url + "apply/"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    from django.core.cache import cache

    cache.clear()


def test_the_grid_is_a_table_of_labelled_checkboxes_with_headers(client, apply_url):
    page = client.get(apply_url).text
    assert '<table class="availability-grid">' in page
    assert (
        '<th scope="col">Morning <span class="availability-grid__hours">8:00–<wbr>12:00'
        in page
    )
    assert '<th scope="row">Monday</th>' in page
    assert '<th scope="row">Sunday</th>' in page
    assert page.count('name="availability"') == 21
    assert (
        '<label class="visually-hidden" for="id_availability_0">Monday, morning' in page
    )


def test_ticked_blocks_are_stored_as_local_hours_and_shown_again(client, apply_url):
    data = valid_data(availability=["0-morning", "4-evening"])
    assert client.post(apply_url, data).status_code == 302
    application = Application.objects.get()
    assert application.availability == [8, 9, 10, 11, 114, 115, 116, 117]

    page = client.get(edit_link(application.pk)).text
    assert page.count(" checked>") >= 2
    assert 'value="0-morning" id="id_availability_0" checked' in page
    assert 'value="4-evening" id="id_availability_14" checked' in page
    assert 'value="0-afternoon" id="id_availability_1">' in page


def test_an_empty_grid_is_allowed_and_means_not_given(client, apply_url):
    assert client.post(apply_url, valid_data()).status_code == 302
    assert Application.objects.get().availability == []


def test_a_forged_block_is_refused_with_a_message_and_nothing_stored(client, apply_url):
    response = client.post(apply_url, valid_data(availability=["7-morning"]))
    assert response.status_code == 400
    assert "7-morning is not a time on the grid." in response.text
    assert not Application.objects.exists()


@pytest.mark.parametrize("value", [[168], [-1], ["8"], [True], "8", [8.5]])
def test_the_model_refuses_hours_that_are_not_hours_of_a_week(round_page, value):
    from django.core.exceptions import ValidationError

    from program.factories import ApplicationFactory

    application = ApplicationFactory.build(round=round_page, availability=value)
    with pytest.raises(ValidationError) as error:
        application.full_clean()
    assert "availability" in error.value.message_dict
