"""The demo's organiser (organiser@, group "Organisers") runs the program's
rounds: adds and publishes round pages under the program page and opens the
Matching desk; the rest of the site's pages stay closed to them, and a
member opens none of it."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page

from program.models import ProgramPage, RoundPage


def account(email):
    return get_user_model().objects.get(email=email)


@pytest.mark.django_db
def test_the_demo_organiser_runs_rounds_and_nothing_else(client):
    call_command("seed_demo", verbosity=0)
    program = ProgramPage.objects.get(locale__language_code="en")
    round_four = RoundPage.objects.get(locale__language_code="en", number=4)
    home = Page.objects.get(depth=2, locale__language_code="en")
    blog = home.get_children().get(slug="blog")
    spanish_program = ProgramPage.objects.get(locale__language_code="es")

    organiser = account("organiser@example.org")
    assert organiser.groups.filter(name="Organisers").exists()
    assert not organiser.is_superuser
    client.force_login(organiser)
    for url in (
        f"/admin/pages/{program.pk}/add_subpage/",
        f"/admin/pages/add/program/roundpage/{program.pk}/",
        f"/admin/pages/{round_four.pk}/edit/",
        f"/admin/program/matching/{round_four.pk}/",
        "/admin/program_applications/",
    ):
        assert client.get(url).status_code == 200, url
    permissions = round_four.permissions_for_user(organiser)
    assert permissions.can_publish()
    for page in (home, blog, spanish_program):
        assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 302
        assert not page.permissions_for_user(organiser).can_publish()

    client.force_login(account("member@example.org"))
    assert client.get(f"/admin/pages/{round_four.pk}/edit/").status_code == 302
    assert client.get(f"/admin/program/matching/{round_four.pk}/").status_code in {
        302,
        403,
    }
