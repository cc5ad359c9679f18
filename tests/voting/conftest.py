"""Fixtures of the election tests: an election index under the site's
home page, elections made by the factory, members, and a closed election
with voters holding known ballot links."""

import pytest
from wagtail.models import Site

from voting import electorate
from voting.factories import ElectionIndexPageFactory, ElectionPageFactory
from voting.models import Voter
from website.factories import UserFactory


@pytest.fixture
def election_index(db, request):
    site = Site.objects.filter(is_default_site=True).first()
    # A transactional test flushes the migrations' data: make a home again.
    home = request.getfixturevalue("home") if site is None else site.root_page.specific
    index = ElectionIndexPageFactory(parent=home)
    index.save_revision().publish()
    return index


@pytest.fixture
def member(db):
    return UserFactory(username="amaka")


@pytest.fixture
def make_election(election_index):
    def make(**fields):
        return ElectionPageFactory(parent=election_index, **fields)

    return make


def add_voters(election, emails):
    """Voters of a closed election with fresh links: {email: token}."""
    tokens = {}
    for email in emails:
        voter = Voter.objects.create(
            election_key=election.translation_key, email=email, language="en"
        )
        tokens[email] = electorate.issue_token(voter)
        voter.save()
    return tokens
