"""Every public page type, with little and with much content:

- renders in the same bounded number of queries whatever the amount of
  content (posts, comments, rounds, topics, options, ballots);
- is cached whole for anonymous readers and carries no CSRF token (forms
  come as fragments, website/fragments.py).

The content is built once for the module, in a transaction rolled back at
its end.
"""

import datetime
import re
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale, Site

from blog.factories import (
    BlogIndexPageFactory,
    BlogPageFactory,
    DiscussionTopicPageFactory,
)
from blog.models import BlogComment
from program.factories import ProgramPageFactory, RoundPageFactory
from voting.factories import ElectionIndexPageFactory, ElectionPageFactory
from voting.models import Ballot

pytestmark = pytest.mark.django_db

# The most queries each page type may take, whatever its content: two
# above what they take today (website/sites.py has the Site and Locale
# cached, website/request_memo.py keeps the repeated lookups to one each,
# website/routing.py finds a page in two), so that a new repeat shows here.
MAX_QUERIES = {
    "home": 13,
    "blog index": 11,
    "post": 13,
    "discussion topic": 15,
    "program page": 11,
    "round page": 8,
    "election page": 8,
    "results": 14,
    "search": 11,
}


@pytest.fixture(scope="module")
def module_db(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


def add_comments(post, count):
    for number in range(count):
        BlogComment.objects.create(
            content_object=post,
            site_id=1,
            user_name=f"Reader {number}",
            user_email=f"reader{number}@example.org",
            comment=f"Comment {number}, see https://example.org/{number}",
        )


def cast_ballots(election, count):
    keys = [option.key for option in election.option_list]
    Ballot.objects.bulk_create(
        Ballot(
            election_key=election.translation_key,
            choices=[keys[n % len(keys)], keys[(n + 1) % len(keys)]],
        )
        for n in range(count)
    )


@pytest.fixture(scope="module")
def content(module_db):
    """{"little": ..., "much": ...}: the same page types with a little and
    with a lot of content."""
    Locale.objects.get_or_create(language_code="en")
    home = Site.objects.get(is_default_site=True).root_page.specific
    home.save_revision().publish()
    made = {}
    for size, posts, comments, rounds, topics, options, ballots in (
        ("little", 1, 1, 1, 1, 2, 3),
        ("much", 12, 60, 6, 6, 12, 600),
    ):
        blog = BlogIndexPageFactory(parent=home, slug=f"blog-{size}")
        post = None
        for number in range(posts):
            post = BlogPageFactory(parent=blog, title=f"{size.title()} {number}")
        add_comments(post, comments)
        program = ProgramPageFactory(parent=home, slug=f"program-{size}")
        round_pages = [RoundPageFactory(parent=program) for _ in range(rounds)]
        for number in range(topics):
            topic = DiscussionTopicPageFactory(
                parent=blog,
                title=f"{size.title()} topic {number}",
                round=round_pages[0],
                topic_number=number + 1,
            )
        add_comments(topic, comments)
        elections = ElectionIndexPageFactory(parent=home, slug=f"elections-{size}")
        elections.save_revision().publish()
        election = ElectionPageFactory(
            parent=elections,
            results_visibility="live",
            options=[f"Option {n}" for n in range(options)],
            voting_opens_at=timezone.now() - datetime.timedelta(days=1),
        )
        cast_ballots(election, ballots)
        made[size] = {
            "blog index": blog.url,
            "post": post.url,
            "discussion topic": topic.url,
            "program page": program.url,
            "round page": round_pages[0].url,
            "election page": election.url,
            "results": election.url + "results/",
            "search": f"/en/search/?q={size.title()}",
        }
    made["little"]["home"] = made["much"]["home"] = home.url
    return SimpleNamespace(**made)


def queries_for(client, url):
    client.get(url)  # image renditions and other first-visit work
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


@pytest.mark.parametrize("page_type", list(MAX_QUERIES))
def test_each_page_type_takes_the_same_bounded_number_of_queries(
    client, content, page_type, django_assert_max_num_queries
):
    little = queries_for(client, content.little[page_type])
    assert little <= MAX_QUERIES[page_type]
    client.get(content.much[page_type])
    with django_assert_max_num_queries(little):
        assert client.get(content.much[page_type]).status_code == 200


@pytest.mark.parametrize("page_type", list(MAX_QUERIES))
def test_each_page_type_is_cached_for_anonymous_readers_without_a_token(
    client, content, page_type, settings
):
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    url = content.much[page_type]
    first = client.get(url)
    assert first["X-Cache"] == "miss", url
    assert not first.cookies
    assert b"csrfmiddlewaretoken" not in first.content
    second = client.get(url)
    assert second["X-Cache"] == "hit"
    # The same page, with a CSP nonce of its own (tests/website/test_csp_nonce.py).
    nonce = re.compile(rb'nonce="[^"]+"')
    assert nonce.sub(b"", second.content) == nonce.sub(b"", first.content)
    cache.clear()
