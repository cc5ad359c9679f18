"""The account pages (django-allauth's views) speak as the rest of the
site does: "Log in", "Sign up" and "Log out", in every language, where
allauth's own templates said "Sign In", "Sign Up", "Sign Out" and
"Remember Me:"; and they sit in the site's layout."""

import re
from html import unescape

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from website.factories import UserFactory

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES]
# allauth's wording that the site does not use, in English and as allauth
# translates it into each language.
ALLAUTH_WORDS = [
    "Sign In",
    "Sign in",
    "sign in",
    "Sign Out",
    "Sign Up",
    "Signup",
    "Remember Me",
]


OUR_WORDS = ["Log in", "Log out", "Sign up", "Remember me"]


def allauth_words(language):
    """allauth's words in `language`, except where its translation is the
    same as the site's own word (Spanish "Registrarse" for both "Sign Up"
    and "Sign up")."""
    with translation.override(language):
        words = set(ALLAUTH_WORDS) | {gettext(word) for word in ALLAUTH_WORDS}
        return words - {gettext(word) for word in OUR_WORDS}


def ours(language, text):
    with translation.override(language):
        return gettext(text)


def text_of(html):
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def heading(html):
    return text_of(re.search(r"<h1[^>]*>(.*?)</h1>", html, re.DOTALL).group(1))


def submit_buttons(html):
    main = html.split('<main id="main"', 1)[1].split("</main>", 1)[0]
    return [
        text_of(button)
        for button in re.findall(
            r'<button[^>]*type="submit"[^>]*>(.*?)</button>', main, re.DOTALL
        )
    ]


def menu_link(html, url):
    nav = re.search(r'<nav class="main-nav".*?</nav>', html, re.DOTALL).group(0)
    return text_of(re.search(rf'<a href="{url}"[^>]*>(.*?)</a>', nav).group(1))


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_log_in_page_says_log_in_as_the_menu_does(client, home, language):
    url = f"/{language}/accounts/login/"
    html = client.get(url).text

    log_in = ours(language, "Log in")
    assert menu_link(html, url) == log_in
    assert heading(html) == log_in
    assert submit_buttons(html) == [log_in]
    for word in allauth_words(language):
        assert word not in text_of(html), word


@pytest.mark.parametrize("language", LANGUAGES)
def test_remember_me_is_a_checkbox_beside_its_label(client, home, language):
    html = client.get(f"/{language}/accounts/login/").text

    checkbox = re.search(
        r'<input type="checkbox" name="remember"[^>]*id="id_remember"[^>]*>\s*'
        r'<label for="id_remember">([^<]*)</label>',
        html,
    )
    assert checkbox, "the checkbox comes first, its label beside it"
    assert checkbox.group(1).strip() == ours(language, "Remember me")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_sign_up_page_says_sign_up_and_links_to_log_in(client, home, language):
    url = f"/{language}/accounts/signup/"
    html = client.get(url).text

    sign_up = ours(language, "Sign up")
    assert menu_link(html, url) == sign_up
    assert submit_buttons(html) == [sign_up]
    assert f'href="/{language}/accounts/login/">{ours(language, "Log in")}</a>' in html
    for word in allauth_words(language):
        assert word not in text_of(html), word


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_log_out_page_says_log_out(client, home, language):
    client.force_login(UserFactory())
    html = client.get(f"/{language}/accounts/logout/").text

    log_out = ours(language, "Log out")
    assert heading(html) == log_out
    assert log_out in submit_buttons(html)
    for word in allauth_words(language):
        assert word not in text_of(html), word


ENTRANCE_PAGES = [
    "password/reset/",
    "password/reset/done/",
    "password/reset/key/1-set-password/",
    "confirm-email/not-a-key/",
    "confirm-email/",
    "inactive/",
    "3rdparty/login/cancelled/",
]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("path", ENTRANCE_PAGES)
def test_other_account_pages_use_the_sites_words_and_layout(
    client, home, language, path
):
    response = client.get(f"/{language}/accounts/{path}")

    assert response.status_code in (200, 404)
    html = response.text
    assert '<nav class="main-nav"' in html  # the site's layout
    assert re.search(r"<h1[^>]*>", html)
    for word in allauth_words(language):
        assert word not in text_of(html), word


@pytest.mark.parametrize("language", LANGUAGES)
def test_changing_the_password_links_to_the_reset_once(client, home, language):
    client.force_login(UserFactory())
    html = client.get(f"/{language}/accounts/password/change/").text
    assert html.count(f'href="/{language}/accounts/password/reset/"') == 1


def test_logging_in_and_out_says_so_in_the_sites_words(client, home):
    UserFactory(
        username="ama", email="ama@example.org", profile__display_name="Ama Owusu"
    )
    response = client.post(
        "/en/accounts/login/",
        {"login": "ama@example.org", "password": "librarian-demo"},
        follow=True,
    )
    assert "You are logged in as Ama Owusu." in response.text
    response = client.post("/en/accounts/logout/", follow=True)
    assert "You have logged out." in response.text
