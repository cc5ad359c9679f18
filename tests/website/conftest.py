"""Fixtures shared by the tests of website/."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from website.factories import StandardPageFactory


@pytest.fixture
def private_tree(home):
    """Home > members (login) > minutes (password); home > board (group);
    home > open > reading-list; open > members-alias (an alias of
    members); home > open > minutes-alias (an alias of minutes)."""
    pages = {"home": home}
    pages["members"] = StandardPageFactory(parent=home, slug="members", title="M")
    pages["minutes"] = StandardPageFactory(
        parent=pages["members"], slug="minutes", body="<p>Secret minutes</p>"
    )
    pages["board"] = StandardPageFactory(parent=home, slug="board")
    pages["open"] = StandardPageFactory(parent=home, slug="open")
    pages["reading-list"] = StandardPageFactory(
        parent=pages["open"], slug="reading-list", body="<p>Everyone's list</p>"
    )
    pages["members-alias"] = pages["members"].create_alias(
        parent=pages["open"], update_slug="members-alias"
    )
    pages["minutes-alias"] = pages["minutes"].create_alias(
        parent=pages["open"], update_slug="minutes-alias"
    )
    PageViewRestriction.objects.create(
        page=pages["members"], restriction_type=PageViewRestriction.LOGIN
    )
    PageViewRestriction.objects.create(
        page=pages["minutes"],
        restriction_type=PageViewRestriction.PASSWORD,
        password="shelf-mark",
    )
    board = PageViewRestriction.objects.create(
        page=pages["board"], restriction_type=PageViewRestriction.GROUPS
    )
    board.groups.add(Group.objects.create(name="Board"))
    return pages
