"""An editor publishing an old revision of a round never undoes the
organiser's release of the matches."""

import pytest
from wagtail.models import Revision

from program.factories import ProgramPageFactory, RoundPageFactory
from program.models import RoundPage

pytestmark = pytest.mark.django_db


def test_publishing_a_revision_from_before_the_release_keeps_it_released(home):
    round_page = RoundPageFactory(parent=ProgramPageFactory(parent=home))
    before_release = round_page.save_revision()
    before_release.publish()
    # The organiser releases the matches (release.release_matches does this).
    RoundPage.objects.filter(pk=round_page.pk).update(matches_released=True)

    # As the admin does it: the revision loaded afresh, then published.
    Revision.objects.get(pk=before_release.pk).publish()
    round_page.refresh_from_db()
    assert round_page.matches_released
    assert round_page.get_latest_revision_as_object().matches_released
    assert round_page.stage_at(round_page.applications_close_at) != "matching"


def test_the_edit_form_has_no_released_box(home, admin_client):
    round_page = RoundPageFactory(parent=ProgramPageFactory(parent=home))
    response = admin_client.get(f"/admin/pages/{round_page.pk}/edit/")
    assert response.status_code == 200
    assert b'name="matches_released"' not in response.content
