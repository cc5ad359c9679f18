"""The contact page and a photo gallery, like every page type
(tests/website/test_page_types.py): the same bounded number of queries
whatever their content, cached whole for anonymous readers without a CSRF
token; the form routes carry a token and are never cached."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from contributions import moderation
from contributions.factories import (
    ContributePageFactory,
    GalleryPageFactory,
    PhotoSubmissionFactory,
)
from contributions.models import GalleryPhoto
from website.factories import UserFactory

pytestmark = pytest.mark.django_db

MAX_QUERIES = {"contact page": 9, "gallery": 10}


@pytest.fixture
def pages(home):
    admin = UserFactory(is_superuser=True)
    made = {}
    for size, count in (("little", 1), ("much", 12)):
        contact = ContributePageFactory(parent=home, slug=f"contact-{size}")
        gallery = GalleryPageFactory(parent=contact)
        photos = PhotoSubmissionFactory.create_batch(count)
        moderation.approve(photos, admin)
        for photo in photos:
            GalleryPhoto.objects.create(page=gallery, photo=photo)
        gallery.save_revision().publish()
        for extra in range(count - 1):
            GalleryPageFactory(parent=contact, slug=f"more-{size}-{extra}")
        made[size] = {"contact page": contact.url, "gallery": gallery.url}
    return made


def queries_for(client, url):
    client.get(url)  # renditions are made on the first visit
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured), response


@pytest.mark.parametrize("page_type", list(MAX_QUERIES))
def test_each_page_type_takes_the_same_bounded_number_of_queries(
    client, pages, page_type
):
    little, _response = queries_for(client, pages["little"][page_type])
    much, response = queries_for(client, pages["much"][page_type])
    assert little <= MAX_QUERIES[page_type]
    assert much <= little
    if page_type == "gallery":
        assert response.text.count("<figure") == 12
        assert "CC BY 4.0" in response.text


@pytest.mark.parametrize("page_type", list(MAX_QUERIES))
def test_each_page_type_is_cached_for_anonymous_readers_without_a_token(
    client, pages, page_type, settings
):
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    url = pages["much"][page_type]
    first = client.get(url)
    assert first["X-Cache"] == "miss"
    assert not first.cookies
    assert b"csrfmiddlewaretoken" not in first.content
    second = client.get(url)
    assert second["X-Cache"] == "hit"
    nonce = re.compile(rb'nonce="[^"]+"')
    assert nonce.sub(b"", second.content) == nonce.sub(b"", first.content)
    cache.clear()


@pytest.mark.parametrize("route", ["message/", "photo/", "write/"])
def test_the_forms_carry_a_token_and_are_never_cached(client, pages, route, settings):
    settings.PAGE_CACHE_SECONDS = 300
    url = pages["little"]["contact page"] + route
    response = client.get(url)
    assert response.status_code == 200
    assert b"csrfmiddlewaretoken" in response.content
    assert (
        "no-cache" in response["Cache-Control"]
        or "max-age=0" in response["Cache-Control"]
    )
    assert client.get(url).get("X-Cache") != "hit"
