"""Several app servers behind a load balancer: two gunicorn instances on
loopback share one PostgreSQL database (the test database, with committed
data) and one Redis, and nothing else.

- a comment posted through one is shown by the other, whose cached pages
  it purges;
- a ballot cast through one cannot be cast again through the other;
- 500 voters of a closed election voting at once through both lose none.
"""

import re
import secrets
from concurrent.futures import ThreadPoolExecutor
from html import unescape

import pytest
import redis
import requests
from django.conf import settings
from django.db import connection

from blog.factories import BlogIndexPageFactory, BlogPageFactory
from tests.gunicorn_servers import GunicornServer
from voting import electorate
from voting.factories import ElectionIndexPageFactory, ElectionPageFactory
from voting.models import Ballot, Voter
from website.factories import UserFactory

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.slow]

HIDDEN = re.compile(r'<input type="hidden" name="(\w+)" value="([^"]*)"')
PASSWORD = "librarian-demo"


def database_url():
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    return f"postgres://{db['USER']}{password}@{host}:{port}/{db['NAME']}"


@pytest.fixture(scope="module")
def servers(django_db_setup):
    """Two gunicorn instances ("a" and "b") of the site on the test
    database, with the page cache on in one shared Redis; started once for
    the module (each test commits its own data, see `instances`)."""
    env = {
        "DATABASE_URL": database_url(),
        "REDIS_URL": settings.TEST_REDIS_URL,
        "PAGE_CACHE_SECONDS": "300",
        # Each simulated reader has its own address, as behind a proxy.
        "RATELIMIT_TRUSTED_PROXIES": "1",
    }
    started = []
    try:
        for _name in "ab":
            started.append(GunicornServer(env, workers=2, threads=8).start())
        yield dict(zip("ab", started, strict=True))
    finally:
        for server in started:
            server.stop()


@pytest.fixture
def instances(servers, transactional_db, home):
    """The two instances, an empty shared cache, and committed data."""
    shared_cache = redis.Redis.from_url(settings.TEST_REDIS_URL)
    shared_cache.flushdb()
    yield servers
    shared_cache.flushdb()


def reader(address="192.0.2.1"):
    session = requests.Session()
    session.headers["X-Forwarded-For"] = address
    return session


def hidden_fields(html):
    return {name: unescape(value) for name, value in HIDDEN.findall(html)}


def log_in(server, user):
    session = reader("192.0.2.10")
    form = session.get(server.url("/en/accounts/login/"), timeout=10)
    data = hidden_fields(form.text)
    data.update({"login": user.email, "password": PASSWORD})
    response = session.post(server.url("/en/accounts/login/"), data, timeout=10)
    assert response.status_code == 200, response.text[:500]
    assert "sessionid" in session.cookies
    return session


def test_a_comment_posted_on_one_instance_shows_and_purges_on_the_other(
    instances, home
):
    a, b = instances["a"], instances["b"]
    index = BlogIndexPageFactory(parent=home)
    post = BlogPageFactory(parent=index, title="Getting to know you")
    anonymous = reader()
    for url in (index.url, post.url):
        anonymous.get(b.url(url), timeout=10)
        assert anonymous.get(b.url(url), timeout=10).headers["X-Cache"] == "hit"

    member = log_in(a, UserFactory(profile__display_name="Ama Owusu"))
    form = member.get(a.url(f"/comments/form/{post.pk}/"), timeout=10)
    data = hidden_fields(form.text)
    data.update({"comment": "Matched across three countries!", "honeypot": ""})
    response = member.post(
        a.url("/comments/post/"), data, allow_redirects=False, timeout=10
    )
    assert response.status_code == 302, response.text[:500]

    listing = anonymous.get(b.url(index.url), timeout=10)
    assert listing.headers["X-Cache"] == "miss"
    assert "1 comment" in listing.text
    page = anonymous.get(b.url(post.url), timeout=10)
    assert page.headers["X-Cache"] == "miss"
    assert "Matched across three countries!" in page.text


def cast(server, election, token, choices, address):
    """POST one ballot with a CSRF cookie and token of our own (Django
    accepts an unmasked secret as the form token)."""
    session = reader(address)
    secret = secrets.token_hex(16)
    session.cookies.set("csrftoken", secret, domain="127.0.0.1")
    url = server.url(election.url + f"vote/{token}/")
    response = session.post(
        url, {"csrfmiddlewaretoken": secret, "choices": choices}, timeout=30
    )
    return response.status_code


@pytest.fixture
def closed_election(home):
    parent = ElectionIndexPageFactory(parent=home)
    election = ElectionPageFactory(parent=parent, electorate="closed")
    return election


def add_voters(election, count):
    voters, tokens = [], []
    for n in range(count):
        voter = Voter(
            election_key=election.translation_key,
            email=f"voter{n}@example.org",
            language="en",
        )
        tokens.append(electorate.issue_token(voter))
        voters.append(voter)
    Voter.objects.bulk_create(voters)
    return tokens


def test_a_ballot_cast_on_one_instance_cannot_be_cast_again_on_the_other(
    instances, closed_election
):
    (token,) = add_voters(closed_election, 1)
    choice = [closed_election.option_list[0].key]
    assert cast(instances["a"], closed_election, token, choice, "192.0.2.20") == 200
    assert cast(instances["b"], closed_election, token, choice, "192.0.2.21") == 409
    assert Ballot.objects.count() == 1


def test_five_hundred_voters_at_once_lose_no_ballot(instances, closed_election):
    tokens = add_voters(closed_election, 500)
    options = [option.key for option in closed_election.option_list]
    servers = [instances["a"], instances["b"]]

    def vote(n):
        address = f"10.{n // 250}.{n % 250}.1"
        choice = [options[n % len(options)]]
        return cast(servers[n % 2], closed_election, tokens[n], choice, address)

    with ThreadPoolExecutor(max_workers=32) as pool:
        statuses = list(pool.map(vote, range(500)))

    assert statuses == [200] * 500
    assert (
        Ballot.objects.filter(election_key=closed_election.translation_key).count()
        == 500
    )
    assert Voter.objects.filter(voted_at__isnull=False).count() == 500
