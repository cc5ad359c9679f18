"""A post's images are responsive: WebP with a JPEG fallback in several
widths (srcset and sizes), explicit width and height so nothing shifts
while they load, the lead image fetched at once and the body images lazily
— without costing a query per image."""

import datetime
import io
import re

import pytest
from django.core.files.images import ImageFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image as PILImage
from wagtail.images import get_image_model

from tests.website.test_page_types import MAX_QUERIES

pytestmark = pytest.mark.django_db


def photo(title, size=(1600, 900)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (120, 140, 160)).save(buffer, format="JPEG")
    return get_image_model().objects.create(
        title=title, file=ImageFile(buffer, name=f"{title}.jpg")
    )


def body_with_images(images):
    return [
        (
            "image",
            {"image": image, "alt_text": f"Photo {number}", "caption": ""},
        )
        for number, image in enumerate(images)
    ]


@pytest.fixture
def post_with_images(make_post):
    def make(body_images, slug):
        return make_post(
            title=f"Pictures {slug}",
            slug=slug,
            date=datetime.date(2026, 1, 2),
            featured_image=photo(f"lead-{slug}"),
            featured_image_alt="A reading room seen from the gallery",
            body=body_with_images(
                [photo(f"body-{slug}-{n}", (900, 1200)) for n in range(body_images)]
            ),
        )

    return make


def pictures(html):
    return re.findall(r"<picture>.*?</picture>", html, flags=re.S)


def attribute(tag, name):
    found = re.search(rf'\s{name}="([^"]*)"', tag)
    return found and found.group(1)


def test_the_lead_image_comes_in_webp_and_jpeg_widths_fetched_first(
    client, post_with_images
):
    post = post_with_images(1, "lead")
    figure = re.search(
        r'<figure class="post__figure">.*?</figure>', client.get(post.url).text, re.S
    ).group(0)
    (picture,) = pictures(figure)
    source = re.search(r"<source[^>]*>", picture).group(0)
    img = re.search(r"<img[^>]*>", picture).group(0)

    assert attribute(source, "type") == "image/webp"
    webp = attribute(source, "srcset").split(", ")
    assert [entry.rsplit(" ", 1)[1] for entry in webp] == ["400w", "800w", "1200w"]
    assert all(".webp " in entry for entry in webp)
    assert attribute(source, "sizes") == attribute(img, "sizes") != None  # noqa: E711
    jpeg = attribute(img, "srcset").split(", ")
    assert [entry.rsplit(" ", 1)[1] for entry in jpeg] == ["400w", "800w", "1200w"]
    assert attribute(img, "src").endswith(".jpg")
    # The 400-pixel fallback's own size: 1600 × 900 scaled, so the browser
    # reserves the right box before any byte of the image arrives.
    assert (attribute(img, "width"), attribute(img, "height")) == ("400", "225")
    assert attribute(img, "alt") == "A reading room seen from the gallery"
    assert attribute(img, "loading") is None
    assert attribute(img, "fetchpriority") == "high"


def test_body_images_are_lazy_with_their_own_size(client, post_with_images):
    post = post_with_images(2, "body")
    html = client.get(post.url).text
    body = re.findall(r'<figure class="block-image">.*?</figure>', html, re.S)
    assert len(body) == 2
    for number, figure in enumerate(body):
        (picture,) = pictures(figure)
        img = re.search(r"<img[^>]*>", picture).group(0)
        assert attribute(img, "loading") == "lazy"
        assert (attribute(img, "width"), attribute(img, "height")) == ("400", "533")
        assert attribute(img, "alt") == f"Photo {number}"
        assert 'type="image/webp"' in picture
        # 900 pixels wide: the largest rendition is the original's width,
        # never scaled up.
        widths = [e.rsplit(" ", 1)[1] for e in attribute(img, "srcset").split(", ")]
        assert widths == ["400w", "800w", "900w"]


def queries_for(client, url):
    client.get(url)  # the renditions are made on the first visit
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_a_post_with_images_keeps_the_query_bound_of_a_post(
    client, make_post, post_with_images
):
    """The renditions come from the cache: a post with images costs the
    rows of its images only (the featured image, and one query for all the
    body's images), however many there are."""
    plain = queries_for(
        client, make_post(title="No pictures", date=datetime.date(2026, 1, 1)).url
    )
    one = queries_for(client, post_with_images(1, "one").url)
    many = queries_for(client, post_with_images(6, "many").url)
    assert plain <= MAX_QUERIES["post"]
    assert one == plain + 2
    assert many == one


def test_a_card_on_the_blog_index_shows_a_lazy_picture_after_the_first(
    client, make_post, blog
):
    for number in range(2):
        make_post(
            title=f"Card {number}",
            date=datetime.date(2026, 1, 1 + number),
            featured_image=photo(f"card-{number}"),
            featured_image_alt=f"Card picture {number}",
        )
    html = client.get(blog["en"].url).text
    images = re.findall(r"<img[^>]*class=\"post-card__image\"[^>]*>", html)
    assert len(images) == 2
    newest, older = images
    assert attribute(newest, "loading") is None
    assert attribute(older, "loading") == "lazy"
    for img in images:
        assert attribute(img, "width") == "320" and attribute(img, "height") == "180"
