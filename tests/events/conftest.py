import pytest

from events.factories import EventIndexPageFactory, EventPageFactory
from website.factories import UserFactory


@pytest.fixture
def events_index(home):
    index = EventIndexPageFactory(parent=home)
    index.save_revision().publish()
    return index


@pytest.fixture
def event(events_index):
    page = EventPageFactory(
        parent=events_index, title="Open access", slug="open-access"
    )
    page.save_revision().publish()
    return page


@pytest.fixture
def member(db):
    return UserFactory(
        username="amaka",
        email="amaka@example.org",
        profile__display_name="Amaka Obi",
        profile__country="NG",
        profile__language="en",
    )
