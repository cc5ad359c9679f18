"""One election in several languages: ballots cast in any language count
together, because they name options by language-independent keys; the
home page shows open elections in the reader's language."""

import pytest
from django.test import Client

from voting.factories import ElectionPageFactory
from voting.models import Ballot, ElectionPage
from website.factories import UserFactory


@pytest.fixture
def spanish_election(home, election_index, locales):
    election = ElectionPageFactory(parent=election_index, title="Webinars 2019")
    index_es = election_index.copy_for_translation(locales["es"])
    index_es.save_revision().publish()
    translation = election.copy_for_translation(locales["es"])
    translation.title = "Webinarios 2019"
    translation.slug = "webinarios-2019"
    for option, title in zip(
        translation.options.all(),
        ["Derechos de autor", "Acceso abierto", "Espacios maker", "Cuentos"],
        strict=True,
    ):
        option.title = title
        option.save()
    translation.save_revision().publish()
    return election, ElectionPage.objects.get(pk=translation.pk)


@pytest.mark.django_db
def test_ballots_in_two_languages_count_together(spanish_election):
    english, spanish = spanish_election
    for page, username, title in [
        (english, "kofi", "Open access"),
        (spanish, "lucia", "Acceso abierto"),
    ]:
        client = Client()
        client.force_login(UserFactory(username=username))
        key = {option.title: option.key for option in page.option_list}[title]
        response = client.post(page.url + "vote/", {"choices": [key]})
        assert response.status_code == 200
        assert title in response.text
    assert Ballot.objects.filter(election_key=english.translation_key).count() == 2
    ballots = Ballot.objects.values_list("choices", flat=True)
    assert len({tuple(choices) for choices in ballots}) == 1
    # The same member cannot vote again through the other language.
    client = Client()
    client.force_login(UserFactory(username="kofi"))
    key = spanish.option_list[0].key
    assert client.post(spanish.url + "vote/", {"choices": [key]}).status_code == 409


@pytest.mark.django_db
def test_home_page_shows_the_open_election_in_the_readers_language(
    client, spanish_election
):
    assert "Webinars 2019" in client.get("/en/").text
    spanish_home = client.get("/es/").text
    assert "Webinarios 2019" in spanish_home
    assert "Webinars 2019" not in spanish_home
