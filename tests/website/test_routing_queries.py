"""Pages are found by website/routing.py in a fixed number of queries,
whatever their depth (what it finds is compared with Wagtail in
test_contract_routing.py)."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from website.factories import StandardPageFactory
from website.routing import find_page
from website.sites import site_for_request

pytestmark = pytest.mark.django_db


def test_a_deep_page_is_found_in_as_many_queries_as_a_shallow_one(home):
    about = StandardPageFactory(parent=home, slug="about")
    team = StandardPageFactory(parent=about, slug="team")
    StandardPageFactory(parent=team, slug="alice")

    def queries(path):
        def request():
            request = RequestFactory().get("/" + path)
            request._wagtail_site = site_for_request(request)  # as the middleware
            return request

        find_page(request(), path)  # site cache warm-up
        with CaptureQueriesContext(connection) as captured:
            find_page(request(), path)
        return len(captured)

    # The home page and the pages on the path, the page served (specific)
    # and the view restrictions.
    with translation.override("en"):
        assert queries("about/team/alice/") == queries("about/") == 3
