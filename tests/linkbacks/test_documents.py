"""Reading a source page: which links count, and what is shown about it."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from linkbacks.addresses import normalize
from linkbacks.documents import excerpt, summarize

TARGET = "https://librarians.example/en/blog/round-3/"
ACCEPTED = {normalize(TARGET)}


def test_the_excerpt_is_about_100_characters_either_side_cut_at_words():
    before = " ".join(f"word{n}" for n in range(40))
    after = " ".join(f"more{n}" for n in range(40))
    html = f'<p>{before} <a href="{TARGET}">the link</a> {after}</p>'

    summary = summarize(html, "https://other.example/post", ACCEPTED)

    assert summary.excerpt.startswith("word")
    assert " the link " in summary.excerpt
    assert 180 <= len(summary.excerpt) <= 210
    assert summary.excerpt.split()[0] in before.split()
    assert summary.excerpt.split()[-1] in after.split()


@pytest.mark.parametrize(
    "href",
    [
        TARGET,
        TARGET.rstrip("/"),
        TARGET + "#comments",
        "HTTPS://LIBRARIANS.EXAMPLE:443/en/blog/round-3/",
        "/en/blog/round-3/",  # relative to a source on our host
    ],
)
def test_variants_of_our_url_count_as_links(href):
    html = f'<a href="{href}">round 3</a>'
    assert summarize(html, "https://librarians.example/es/x/", ACCEPTED).links_to_target


@pytest.mark.parametrize(
    "html",
    [
        f"<p>{TARGET}</p>",
        f'<!-- <a href="{TARGET}">x</a> -->',
        f"<script>var a = '<a href=\"{TARGET}\">';</script>",
        '<a href="https://librarians.example/fr/blog/round-3/">another language</a>',
        f'<a href="{TARGET}?utm=1">another URL</a>',
        f'<link rel="bookmark" href="{TARGET}">',
    ],
)
def test_other_mentions_do_not_count(html):
    assert not summarize(html, "https://other.example/p", ACCEPTED).links_to_target


def test_title_and_site_name_fall_back_to_the_host():
    html = f'<html><head><title> A  post </title></head><a href="{TARGET}">x</a>'
    summary = summarize(html, "https://blog.other.example/p", ACCEPTED)
    assert (summary.title, summary.site_name) == ("A post", "blog.other.example")


@given(st.text(max_size=300), st.integers(0, 300), st.integers(0, 300))
def test_an_excerpt_is_always_a_piece_of_the_text(text, start, length):
    start = min(start, len(text))
    end = min(len(text), start + length)
    assert excerpt(text, start, end).strip() in text
