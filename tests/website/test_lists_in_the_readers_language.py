"""Lists a reader chooses from are in their language and in the order of
their language: languages sorted by their names (not their ISO codes),
countries named in the reader's language on every page, the organisers'
views included."""

import re

import pytest
from wagtail.users.models import UserProfile

from program.factories import (
    ApplicationFactory,
    ProgramPageFactory,
    RoundPageFactory,
)
from website.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_page(home):
    program = ProgramPageFactory(parent=home)
    return RoundPageFactory(parent=program, number=4)


def values_in_order(html, name):
    return re.findall(rf'name="{name}" value="([^"]*)"', html)


def options(html, name):
    select = re.search(
        rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.DOTALL
    ).group(1)
    return re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select)


def test_the_application_form_lists_languages_by_their_spanish_names(
    client, round_page, translations
):
    locale = translations["es"].locale
    program = round_page.get_parent().specific.copy_for_translation(locale)
    program.save_revision().publish()
    spanish = round_page.copy_for_translation(locale)
    spanish.save_revision().publish()

    html = client.get(f"{spanish.url}apply/").text

    languages = values_in_order(html, "languages")
    # Alemán, Árabe, Bengalí, Chino, Coreano…, not ar, bn, de, el, en…
    assert languages[:5] == ["de", "ar", "bn", "zh", "ko"]
    assert languages.index("es") < languages.index("fr") < languages.index("en")


def test_the_application_form_lists_languages_by_their_english_names(
    client, round_page
):
    html = client.get(f"{round_page.url}apply/").text

    languages = values_in_order(html, "languages")
    assert languages[:4] == ["ar", "bn", "zh", "nl"]  # Arabic, Bengali, Chinese, Dutch
    assert [code for code, _label in options(html, "language")] == [
        "ar",
        "en",
        "fr",
        "es",
    ]


def test_the_profile_lists_its_languages_by_name_in_the_readers_language(client):
    client.force_login(UserFactory())

    french = options(client.get("/fr/accounts/profile/").text, "language")

    # Anglais, Arabe, Espagnol, Français
    assert [code for code, _label in french] == ["en", "ar", "es", "fr"]


@pytest.mark.parametrize("path", ["/es/accounts/signup/", "/es/accounts/profile/"])
def test_countries_are_named_in_the_readers_language(client, home, path):
    client.force_login(UserFactory())
    if "signup" in path:
        client.logout()

    countries = dict(options(client.get(path).text, "country"))

    assert countries["DE"] == "Alemania"
    assert countries["ES"] == "España"
    names = [name for code, name in countries.items() if code]
    assert names.index("Alemania") < names.index("España") < names.index("Japón")


def test_the_matching_desk_names_countries_in_the_organisers_language(
    client, round_page
):
    for name, country in [("Ana", "ES"), ("Kofi", "GH")]:
        ApplicationFactory(round=round_page, name=name, country=country)
    organiser = UserFactory(is_superuser=True)
    profile = UserProfile.get_for_user(organiser)
    profile.preferred_language = "es"
    profile.save()
    client.force_login(organiser)

    html = client.get(f"/admin/program/matching/{round_page.pk}/").text

    assert "España" in html and "Ghana" in html
    assert "(ES" not in html and "(GH" not in html
