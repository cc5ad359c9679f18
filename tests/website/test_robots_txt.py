"""What robots.txt lets crawlers reach, read the way Google and Lighthouse
read it (RFC 9309): of the rules whose pattern matches the path and query,
the longest pattern wins, Allow winning a tie; "*" matches any characters
and a final "$" the end of the URL. Python's urllib.robotparser takes the
first matching rule and knows neither "*" nor "$", so it cannot say what
these crawlers do; the small reader below does, and is checked against the
examples of the RFC's rules first.

The account URLs are reversed in every language rather than written out, so
that a rule that stops covering the page it was written for fails here.
"""

import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from website.factories import StandardPageFactory

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def parse_rules(robots_txt):
    """The (allow, pattern) rules of the `User-agent: *` group."""
    rules = []
    applies = False
    for line in robots_txt.splitlines():
        field, _colon, value = line.partition("#")[0].partition(":")
        field, value = field.strip().lower(), value.strip()
        if field == "user-agent":
            applies = value == "*"
        elif applies and field in ("allow", "disallow") and value:
            rules.append((field == "allow", value))
    return rules


def pattern_matches(pattern, url):
    anchored = pattern.endswith("$")
    body = pattern[:-1] if anchored else pattern
    regex = ".*".join(re.escape(part) for part in body.split("*"))
    return re.match(regex + ("$" if anchored else ""), url) is not None


def allowed(rules, url):
    """Whether a crawler may fetch `url` (a path with its query string)."""
    matching = [
        (len(pattern), allow)
        for allow, pattern in rules
        if pattern_matches(pattern, url)
    ]
    if not matching:
        return True
    # The longest pattern wins; between two as long, True (allow) sorts last.
    return max(matching)[1]


@pytest.mark.parametrize(
    ("robots_txt", "url", "expected"),
    [
        ("Allow: /p\nDisallow: /", "/page", True),
        ("Allow: /folder\nDisallow: /folder", "/folder/page", True),
        ("Allow: /page\nDisallow: /*.htm", "/page.htm", False),
        ("Allow: /$\nDisallow: /", "/", True),
        ("Allow: /$\nDisallow: /", "/page.htm", False),
        ("Disallow: /*/accounts/", "/en/blog/accounts/", False),
        ("Allow: /a/$\nDisallow: /a/", "/a/?next=/b/", False),
        ("Disallow: /private", "/public", True),
        ("User-agent: other\nDisallow: /", "/anything", True),
    ],
)
def test_the_rule_reader_follows_the_longest_match(robots_txt, url, expected):
    rules = parse_rules("User-agent: *\n" + robots_txt)
    assert allowed(rules, url) is expected


@pytest.fixture
def rules(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    return parse_rules(response.text)


def url_in(language, name, **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_crawlers_may_reach_the_sign_up_page_in_every_language(rules, language):
    assert allowed(rules, url_in(language, "account_signup"))


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("account_login", {}),
        ("account_logout", {}),
        ("account_reset_password", {}),
        ("account_reset_password_from_key", {"uidb36": "4", "key": "set-abc"}),
        ("account_confirm_email", {"key": "abc:def"}),
        ("account_email", {}),
        ("account_change_password", {}),
        ("socialaccount_signup", {}),
        ("google_login", {}),
        ("profile", {}),
    ],
)
def test_crawlers_stay_out_of_the_other_account_pages(rules, language, name, kwargs):
    assert not allowed(rules, url_in(language, name, **kwargs))


@pytest.mark.django_db
def test_sign_up_links_with_a_next_parameter_are_not_crawled(rules):
    # They show the same page as the canonical /xx/accounts/signup/.
    assert not allowed(rules, url_in("en", "account_signup") + "?next=/en/blog/")


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_crawlers_may_reach_search_results(rules, language):
    assert allowed(rules, url_in(language, "search") + "?q=mentoring")


@pytest.mark.django_db
def test_crawlers_stay_out_of_the_admin(rules):
    assert not allowed(rules, "/admin/")
    assert not allowed(rules, "/django-admin/login/")


@pytest.mark.django_db
def test_a_content_page_named_accounts_is_crawlable(client, rules, translations):
    about = StandardPageFactory(parent=translations["en"], slug="about")
    page = StandardPageFactory(parent=about, slug="accounts")
    assert client.get(page.url).status_code == 200
    assert allowed(rules, page.url)
