"""Fixtures the program tests share: a mentoring program under the site's
home page, a round of it whose applications are open (Round 4), that round
in English and Spanish, the matching desk of the round for an
administrator, and an organiser with the desk's right alone. A module that
needs a round with people in it overrides `round_page`, building on
`program`."""

import pytest
from django.contrib.auth.models import Group, Permission

from program.factories import ProgramPageFactory, RoundPageFactory
from program.models import RoundPage
from website.factories import UserFactory


@pytest.fixture
def program(home):
    return ProgramPageFactory(parent=home)


@pytest.fixture
def round_page(program):
    """Round 4, taking applications now."""
    return RoundPageFactory(parent=program, number=4)


@pytest.fixture
def rounds(program, locales):
    """Round 4 in English (the source page) and in Spanish, both live."""
    english = RoundPageFactory(parent=program, number=4)
    program.copy_for_translation(locales["es"]).save_revision().publish()
    spanish = english.copy_for_translation(locales["es"])
    spanish.title = "Ronda 4"
    spanish.save_revision().publish()
    return english, RoundPage.objects.get(pk=spanish.pk)


@pytest.fixture
def desk(client, round_page):
    """The address of the round's matching desk, the client logged in as an
    administrator."""
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return f"/admin/program/matching/{round_page.pk}/"


@pytest.fixture
def desk_organiser():
    """A member of an Organisers group that may open the admin and change
    matches, and nothing else: the matching desk's own right."""
    group = Group.objects.create(name="Organisers")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="change_match"),
    )
    user = UserFactory()
    user.groups.add(group)
    return user
