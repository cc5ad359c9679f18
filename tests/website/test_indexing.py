"""Which pages outside the Wagtail tree search engines may index, and under
which URL: search results worth finding and the sign-up page name their
canonical URL and have a description of their own; the thin ones (empty
search, no results, no such page of results) and every other account page
carry noindex, as do the 404 and 429 pages."""

from html.parser import HTMLParser

import pytest

from website.factories import StandardPageFactory

SITE_DESCRIPTION = (
    "A community of librarians who learn from each other across countries."
)


class Head(HTMLParser):
    """The title, meta tags (by name) and canonical link of a page."""

    def __init__(self, html):
        super().__init__()
        self.title = ""
        self.meta = {}
        self.canonicals = []
        self._in_title = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "title":
            self._in_title = True
        elif tag == "meta" and "name" in attrs:
            self.meta[attrs["name"]] = attrs.get("content")
        elif tag == "link" and attrs.get("rel") == "canonical":
            self.canonicals.append(attrs.get("href"))

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def head_of(response):
    return Head(response.content.decode())


@pytest.fixture
def workshops(translations):
    """Twelve English pages about workshops: two pages of results."""
    return [
        StandardPageFactory(
            parent=translations["en"], title=f"Cataloguing workshop {n}"
        )
        for n in range(12)
    ]


@pytest.mark.django_db
def test_search_results_are_indexable_under_their_canonical_url(client, workshops):
    response = client.get(
        "/en/search/", {"q": "  workshop ", "utm_source": "newsletter", "page": "1"}
    )
    head = head_of(response)
    assert "robots" not in head.meta
    assert head.canonicals == ["http://testserver/en/search/?q=workshop"]


@pytest.mark.django_db
def test_the_canonical_url_of_a_later_page_names_the_page(client, workshops):
    response = client.get("/en/search/", {"q": "workshop", "page": "2"})
    head = head_of(response)
    assert "robots" not in head.meta
    assert head.canonicals == ["http://testserver/en/search/?q=workshop&page=2"]
    assert head.title.startswith("Search results for “workshop”, page 2 ·")


@pytest.mark.django_db
def test_search_results_have_a_title_and_description_of_their_own(client, workshops):
    head = head_of(client.get("/en/search/", {"q": "workshop"}))
    assert head.title.startswith("Search results for “workshop” ·")
    assert head.meta["description"] == "12 pages of the site match “workshop”."


@pytest.mark.django_db
def test_the_query_is_escaped_in_the_title_and_description(client, translations):
    StandardPageFactory(parent=translations["en"], title="Workshop <b>&'")
    response = client.get("/en/search/", {"q": "workshop <b>&'"})
    assert "<b>&'" not in response.text
    head = head_of(response)  # the parser unescapes what was escaped
    assert head.title.startswith("Search results for “workshop <b>&'” ·")
    assert head.meta["description"] == "1 page of the site matches “workshop <b>&'”."


@pytest.mark.django_db
@pytest.mark.parametrize(
    "parameters",
    [
        {},
        {"q": ""},
        {"q": "   "},
        {"q": "nothingmatchesthis"},
        {"q": "workshop", "page": "3"},
        {"q": "workshop", "page": "0"},
        {"q": "workshop", "page": "last"},
    ],
    ids=["no query", "empty", "blank", "no results", "past the end", "zero", "nan"],
)
def test_thin_search_pages_are_not_indexed(client, workshops, parameters):
    response = client.get("/en/search/", parameters)
    assert response.status_code == 200
    head = head_of(response)
    assert head.meta["robots"] == "noindex"
    assert head.canonicals == []
    assert head.meta["description"] == SITE_DESCRIPTION


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "es"])
def test_the_sign_up_page_is_indexable_under_its_canonical_url(client, home, language):
    response = client.get(f"/{language}/accounts/signup/", {"next": f"/{language}/"})
    assert response.status_code == 200
    head = head_of(response)
    assert "robots" not in head.meta
    assert head.canonicals == [f"http://testserver/{language}/accounts/signup/"]
    assert head.meta["description"]
    assert head.meta["description"] != SITE_DESCRIPTION


@pytest.mark.django_db
def test_the_sign_up_page_says_what_it_is_for(client, home):
    head = head_of(client.get("/en/accounts/signup/"))
    assert head.title.startswith("Join the network ·")
    assert "mentoring" in head.meta["description"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    ["/en/accounts/login/", "/en/accounts/password/reset/", "/es/accounts/login/"],
)
def test_the_other_account_pages_are_not_indexed(client, home, path):
    response = client.get(path)
    assert response.status_code == 200
    head = head_of(response)
    assert head.meta["robots"] == "noindex"
    assert head.canonicals == []


@pytest.mark.django_db
def test_the_not_found_page_is_not_indexed(client, home):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert head_of(response).meta["robots"] == "noindex"


@pytest.mark.django_db
def test_the_too_many_requests_page_is_not_indexed(client, home, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "1/h/ip"}
    bad_signup = {"email": "not-an-address", "password1": "x", "password2": "y"}
    assert client.post("/en/accounts/signup/", bad_signup).status_code == 200
    refused = client.post("/en/accounts/signup/", bad_signup)
    assert refused.status_code == 429
    assert head_of(refused).meta["robots"] == "noindex"
