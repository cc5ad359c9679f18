import pytest
from django.test import RequestFactory
from django.views.defaults import server_error

from website.factories import StandardPageFactory


@pytest.fixture
def pages(translations):
    english = StandardPageFactory(
        parent=translations["en"], title="Cataloguing workshop", slug="workshop"
    )
    spanish = StandardPageFactory(
        parent=translations["es"], title="Taller de catalogación", slug="taller"
    )
    return english, spanish


def result_titles(response):
    return [page.title for page in response.context["results"]]


@pytest.mark.django_db
def test_search_finds_pages_of_the_current_language_only(client, pages):
    english = client.get("/en/search/", {"q": "workshop"})
    assert result_titles(english) == ["Cataloguing workshop"]
    assert result_titles(client.get("/es/search/", {"q": "workshop"})) == []
    assert result_titles(client.get("/es/search/", {"q": "taller"})) == [
        "Taller de catalogación"
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("bad_page", ["x", "-1", "0", "999", "1.5", ""])
def test_search_tolerates_a_bad_page_number(client, pages, bad_page):
    response = client.get("/en/search/", {"q": "workshop", "page": bad_page})
    assert response.status_code == 200
    assert result_titles(response) == ["Cataloguing workshop"]


@pytest.mark.django_db
def test_empty_and_oversized_queries_are_handled(client, pages):
    assert client.get("/en/search/").status_code == 200
    response = client.get("/en/search/", {"q": "w" * 5000})
    assert response.status_code == 200
    assert len(response.context["query"]) == 200


@pytest.mark.django_db
def test_search_refuses_other_methods(client, home):
    assert client.post("/en/search/", {"q": "x"}).status_code == 405


@pytest.mark.django_db
def test_missing_page_gets_a_friendly_404_in_the_readers_language(client, home):
    response = client.get("/es/no-such-page/")
    assert response.status_code == 404
    assert '<html lang="es"' in response.text
    assert 'role="search"' in response.text


def test_server_error_page_renders_without_the_database():
    response = server_error(RequestFactory().get("/en/"))
    assert response.status_code == 500
    assert b"Something went wrong" in response.content
    assert b"/static/website/css/site.css" in response.content
