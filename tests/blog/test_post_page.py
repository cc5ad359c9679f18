import datetime
import json
import re

import pytest
import wagtail_factories

from blog.models import BlogPage, BlogPageRelatedPost
from tests.blog.conftest import publish, translate_page

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def posts(make_post, authors, categories, site_locales):
    """A guest post (also in Spanish), a post with a credited featured
    image, and a family of related posts: the editor of `blank` chose
    `speed` (and, by mistake, `blank` itself); `winners` and `plans` share
    its category."""
    speed = make_post(
        title="A speed mentoring evening",
        slug="speed-mentoring-evening",
        date=datetime.date(2017, 11, 20),
        authors=[authors.guest],
        categories=[categories.mentoring],
    )
    plans = make_post(
        title="Our plans",
        date=datetime.date(2017, 12, 1),
        categories=[categories.news],
    )
    winners = make_post(
        title="Webinars 2018: and the winners are",
        date=datetime.date(2018, 2, 15),
        categories=[categories.news],
    )
    blank = make_post(
        title="2018: a blank book",
        slug="2018-a-blank-book",
        date=datetime.date(2018, 1, 2),
        excerpt="A new year opens like a book with empty pages.",
        authors=[authors.editor],
        categories=[categories.news],
        featured_image=wagtail_factories.ImageFactory(title="Blank pages"),
        featured_image_alt="An open notebook on a wooden desk",
        featured_image_caption="A new year, a new notebook.",
        credit_title="Blank pages",
        credit_title_url="https://images.example.org/blank-pages",
        credit_creator="Lin Wai",
        credit_creator_url="https://images.example.org/people/lin-wai",
        credit_licence="CC BY 2.0",
        credit_licence_url="https://creativecommons.org/licenses/by/2.0/",
    )
    BlogPageRelatedPost.objects.create(page=blank, post=speed, sort_order=0)
    BlogPageRelatedPost.objects.create(page=blank, post=blank, sort_order=1)
    speed_es = translate_page(
        speed, site_locales["es"], title="Una velada de mentoría rápida", slug="velada"
    )
    return {
        "speed": speed,
        "speed_es": speed_es,
        "plans": plans,
        "winners": winners,
        "blank": blank,
    }


def text_of(html):
    """The text of an HTML fragment, with whitespace collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def element(html, pattern):
    found = re.search(pattern, html, re.DOTALL)
    assert found, f"nothing matches {pattern!r}"
    return found.group(0)


def squeeze(html):
    return " ".join(html.split())


def test_guest_post_byline_names_the_author_role_and_linked_organisation(client, posts):
    byline = squeeze(
        element(client.get(posts["speed"].url).text, r'<p class="byline">.*?</p>')
    )
    assert (
        'Guest post by <a href="/en/blog/author/wing-yan-lau/">Wing Yan Lau</a>, '
        'coordinator of <a href="https://harbourcity.example.org/">'
        "Harbour City Library Network</a>"
    ) in byline


def test_spanish_guest_post_byline_shows_the_spanish_translation_of_the_author(
    client, posts
):
    html = client.get(posts["speed_es"].url).text
    byline = squeeze(element(html, r'<p class="byline">.*?</p>'))
    assert '<a href="/es/blog/author/wing-yan-lau/">Wing Yan Lau</a>' in byline
    assert "coordinadora" in byline
    assert (
        '<a href="https://harbourcity.example.org/">Harbour City Library Network</a>'
    ) in byline


def test_staff_post_byline_does_not_say_guest_post(client, posts):
    byline = element(client.get(posts["blank"].url).text, r'<p class="byline">.*?</p>')
    assert '<a href="/en/blog/author/maria-ortega/">María Ortega</a>' in byline
    assert "Guest post" not in byline


def test_featured_image_credit_links_title_creator_and_licence(client, posts):
    html = client.get(posts["blank"].url).text
    figure = element(html, r'<figure class="post__figure">.*?</figure>')
    assert 'alt="An open notebook on a wooden desk"' in figure
    assert "A new year, a new notebook." in figure
    credit = element(figure, r'<span class="credit">.*?</span>')
    assert text_of(credit) == "‘Blank pages’ by Lin Wai used under CC BY 2.0"
    assert (
        '<a href="https://images.example.org/blank-pages">‘Blank pages’</a>' in credit
    )
    assert '<a href="https://images.example.org/people/lin-wai">Lin Wai</a>' in credit
    assert (
        '<a href="https://creativecommons.org/licenses/by/2.0/" rel="license">'
        "CC BY 2.0</a>"
    ) in credit


def test_post_declares_its_canonical_url(client, posts):
    post = posts["blank"]
    html = client.get(post.url).text
    assert f'<link rel="canonical" href="{post.full_url}">' in html


def test_canonical_url_points_to_where_the_post_first_appeared(client, posts):
    post = BlogPage.objects.get(pk=posts["speed"].pk)
    post.canonical_url = "https://harbourcity.example.org/blog/speed-mentoring/"
    publish(post)
    html = client.get(post.url).text
    assert (
        '<link rel="canonical" '
        'href="https://harbourcity.example.org/blog/speed-mentoring/">'
    ) in html
    assert f'<meta property="og:url" content="{post.canonical_url}">' in html


def test_post_has_open_graph_tags(client, posts):
    post = posts["blank"]
    html = client.get(post.url).text
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:title" content="2018: a blank book">' in html
    assert (
        '<meta property="og:description" '
        'content="A new year opens like a book with empty pages.">'
    ) in html
    assert f'<meta property="og:url" content="{post.full_url}">' in html
    assert re.search(
        r'<meta property="og:image" content="http://testserver/media/images/[^"]+">',
        html,
    )


def test_post_has_twitter_card_tags(client, posts):
    with_image = client.get(posts["blank"].url).text
    assert '<meta name="twitter:card" content="summary_large_image">' in with_image
    assert '<meta name="twitter:title" content="2018: a blank book">' in with_image
    without_image = client.get(posts["winners"].url).text
    assert '<meta name="twitter:card" content="summary">' in without_image


def test_post_has_json_ld_blog_posting(client, posts):
    post = posts["blank"]
    html = client.get(post.url).text
    # The data block carries the response's CSP nonce (django-csp).
    script = re.search(
        r'<script type="application/ld\+json" nonce="[^"]+">(\{"@context[^<]*'
        r'"BlogPosting".*?)</script>',
        html,
    )
    data = json.loads(script.group(1))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "BlogPosting"
    assert data["headline"] == "2018: a blank book"
    assert data["datePublished"] == "2018-01-02"
    assert data["author"] == [{"@type": "Person", "name": "María Ortega"}]
    assert data["mainEntityOfPage"] == post.full_url
    assert data["image"].startswith("http://testserver/media/images/")


def test_related_posts_show_the_editors_choice_then_the_same_category(client, posts):
    response = client.get(posts["blank"].url)
    assert [post.title for post in response.context["related"]] == [
        "A speed mentoring evening",
        "Webinars 2018: and the winners are",
        "Our plans",
    ]
    aside = element(response.text, r'<aside class="related".*?</aside>')
    assert f'<a href="{posts["speed"].url}">A speed mentoring evening</a>' in aside


def test_related_posts_never_include_the_post_itself(client, posts):
    for post in posts.values():
        related = client.get(post.url).context["related"]
        assert post.pk not in [other.pk for other in related]
