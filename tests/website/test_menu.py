"""The main menu lists every section of the site in every language: a
section that has no page in the reader's language yet still appears, in
the order of the default language's menu, linking to the default
language's page and marked as such (its `lang` and a visible marker).
French and Arabic readers used to get a menu without the mentoring and
election sections."""

import re
from html import unescape

import pytest

from website.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sections(translations):
    """Mentoring (English and Spanish), Blog (English, Spanish, French) and
    Elections (English only), in this order in the English menu; a page
    not in menus."""

    def section(title, slug, **translated):
        english = StandardPageFactory(
            parent=translations["en"], title=title, slug=slug, show_in_menus=True
        )
        for code, title in translated.items():
            copy = english.copy_for_translation(translations[code].locale)
            copy.title = title
            copy.save_revision().publish()
        return english

    section("Peer mentoring", "mentoring", es="Mentoría entre pares")
    section("Blog", "blog", es="Blog ES", fr="Blog FR")
    section("Elections", "elections")
    StandardPageFactory(parent=translations["en"], title="Hidden", show_in_menus=False)


def menu(client, language):
    html = client.get(f"/{language}/").text
    nav = re.search(r'<nav class="main-nav".*?</nav>', html, re.DOTALL).group(0)
    return [
        (
            unescape(re.sub(r"<[^>]+>", "", text)).split("\n")[0].strip(),
            href,
            attrs,
            text,
        )
        for href, attrs, text in re.findall(
            r'<a href="([^"]+)"([^>]*)>(.*?)</a>', nav, re.DOTALL
        )
    ]


def sections_in(items):
    return [(name, href) for name, href, _attrs, _text in items[1:-2]]


def test_the_default_language_menu_lists_its_sections(client, sections):
    assert sections_in(menu(client, "en")) == [
        ("Peer mentoring", "/en/mentoring/"),
        ("Blog", "/en/blog/"),
        ("Elections", "/en/elections/"),
    ]


def test_a_section_missing_in_french_links_to_the_english_page_marked_english(
    client, sections
):
    items = menu(client, "fr")

    assert [href for _name, href, _attrs, _text in items[1:-2]] == [
        "/en/mentoring/",
        "/fr/blog/",
        "/en/elections/",
    ]
    mentoring, blog, elections = items[1:-2]
    for _name, _href, attrs, text in (mentoring, elections):
        assert 'lang="en"' in attrs and 'hreflang="en"' in attrs
        assert "English" in unescape(re.sub(r"<[^>]+>", " ", text))
    assert blog[0] == "Blog FR"
    assert "lang=" not in blog[2]


def test_the_spanish_menu_uses_its_own_pages_where_they_exist(client, sections):
    items = menu(client, "es")

    assert [href for _name, href, _attrs, _text in items[1:-2]] == [
        "/es/mentoring/",
        "/es/blog/",
        "/en/elections/",
    ]
    assert items[1][0] == "Mentoría entre pares"
    assert 'lang="en"' in items[3][2]
