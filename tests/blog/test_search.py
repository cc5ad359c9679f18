import pytest

from tests.blog.conftest import translate_page

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def posts(make_post, authors, site_locales):
    """An English guest post and its Spanish translation, each with words
    of its own in the excerpt and the body, and an unrelated post."""
    english = make_post(
        title="Webinars 2018: and the winners are",
        excerpt="Marketing on a shoestring won the most votes.",
        body=[("paragraph", "<p>Library services for refugees came second.</p>")],
        authors=[authors.guest],
    )
    spanish = translate_page(
        english,
        site_locales["es"],
        title="Webinarios 2018: y los ganadores son",
        slug="webinarios-2018",
        excerpt="El marketing con poco presupuesto ganó más votos.",
        body=[("paragraph", "<p>Los servicios para refugiados quedaron segundos.</p>")],
    )
    other = make_post(title="Cataloguing tips", excerpt="Notes from a workshop.")
    return {"en": english, "es": spanish, "other": other}


def found(client, language, query):
    response = client.get(f"/{language}/search/", {"q": query})
    assert response.status_code == 200
    return [page.pk for page in response.context["results"]]


def test_search_finds_a_post_by_its_excerpt(client, posts):
    assert found(client, "en", "shoestring") == [posts["en"].pk]


def test_search_finds_a_post_by_its_body_text(client, posts):
    assert found(client, "en", "refugees") == [posts["en"].pk]


def test_search_finds_a_post_by_its_authors_name(client, posts):
    assert found(client, "en", "Wing Yan Lau") == [posts["en"].pk]


def test_search_finds_posts_of_the_current_language_only(client, posts):
    assert found(client, "es", "shoestring") == []
    assert found(client, "es", "presupuesto") == [posts["es"].pk]
    assert found(client, "en", "presupuesto") == []
    assert found(client, "es", "Wing Yan Lau") == [posts["es"].pk]
