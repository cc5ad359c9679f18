import pytest

from website.factories import StandardPageFactory


@pytest.fixture
def about(translations):
    english = StandardPageFactory(
        parent=translations["en"], title="About", slug="about"
    )
    spanish = english.copy_for_translation(translations["es"].locale)
    spanish.title, spanish.slug = "Quiénes somos", "quienes-somos"
    spanish.save_revision().publish()
    return english


@pytest.mark.django_db
def test_missing_translation_falls_back_to_the_source_page_with_a_notice(client, about):
    response = client.get("/fr/about/")
    assert response.status_code == 302
    assert response["Location"] == "/en/about/?untranslated=fr"
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert 'class="notice"' in page.text
    assert 'lang="fr"' in page.text
    # The switcher still offers only the languages the page exists in.
    assert 'hreflang="fr"' not in page.text.split("</head>")[1]


@pytest.mark.django_db
def test_a_source_slug_under_another_language_finds_its_translation(client, about):
    response = client.get("/es/about/")
    assert response.status_code == 302
    assert response["Location"] == "/es/quienes-somos/"


@pytest.mark.django_db
def test_unknown_pages_and_forged_notices_stay_harmless(client, about):
    assert client.get("/fr/no-such-page/").status_code == 404
    assert client.get("/en/no-such-page/").status_code == 404
    forged = client.get("/en/about/?untranslated=<script>")
    assert forged.status_code == 200
    assert 'class="notice"' not in forged.text
