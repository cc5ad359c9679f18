"""Fixtures the contributions tests share: the English contact page under
the site's home page, and the photos stored so far."""

import pytest
from django.core.files.storage import default_storage

from contributions.factories import ContributePageFactory


@pytest.fixture
def contact_page(home):
    return ContributePageFactory(parent=home)


def stored_photos():
    """The photo files in storage (the tests' InMemoryStorage)."""
    try:
        return default_storage.listdir("contributions/photos")[1]
    except FileNotFoundError:
        return []
