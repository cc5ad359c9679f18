"""A fuzz pass over the public forms and endpoints: whatever is posted or
put in the address (control characters, huge and unusual text, missing
fields, wrong types, forged hashes and tokens, absurd numbers), the site
answers with a page or a 4xx, never a 500.

The site is built once for the module (a post with a comment, a round
taking applications, elections open for votes and for nominations) and
rolled back at its end. Examples are few per endpoint to keep the module
under about 40 seconds; hypothesis remembers nothing between runs
(`-p no:cacheprovider`), so each run draws new ones. Linkback endpoints
are fuzzed with the linkbacks' own tests.
"""

import datetime
import re
import string
from html import unescape

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from wagtail.models import Locale, PageViewRestriction, Site

from blog.factories import BlogIndexPageFactory, BlogPageFactory
from blog.models import BlogComment
from program.factories import ProgramPageFactory, RoundPageFactory
from program.forms import ApplicationForm
from voting.factories import ElectionIndexPageFactory, ElectionPageFactory
from website.factories import StandardPageFactory, UserFactory

NOW = timezone.now()

fuzz = settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Text as hostile clients send it: control characters (NUL included),
# any script, very long runs; never lone surrogates, which cannot be
# encoded in a request at all.
any_text = st.one_of(
    st.text(st.characters(exclude_categories=["Cs"]), max_size=80),
    st.text(st.sampled_from("\x00\x01\x1b\r\n\t\u202e\ufeff<>'\"&%;"), max_size=20),
    st.integers(min_value=0, max_value=200_000).map(lambda n: "ä" * n),
    st.sampled_from(
        ["", "0", "-1", "1e9", "99999999999999999999", "null", "[]", "{}", "../"]
    ),
)
numbers = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    any_text,
)
# Path segments Django's `str` converter accepts: no slash.
path_part = st.text(
    st.characters(exclude_categories=["Cs"], exclude_characters="/?#"),
    min_size=1,
    max_size=60,
)
big_int = st.integers(min_value=0, max_value=2**80)
HIDDEN = re.compile(r'<input type="hidden" name="(\w+)" value="([^"]*)"')


def form_data(field_names, extra_values=any_text):
    """Posted data: any subset of the real field names (so missing fields
    too) and a few unknown ones, each with one value or several."""
    value = st.one_of(extra_values, st.lists(extra_values, max_size=3))
    unknown_name = st.text(string.ascii_lowercase, min_size=1, max_size=8)
    return st.dictionaries(
        st.one_of(st.sampled_from(field_names), unknown_name),
        value,
        max_size=len(field_names) + 2,
    )


def assert_no_server_error(response):
    assert response.status_code < 500, response.content[:2000]


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    """The pages and people every test fuzzes, made once, rolled back at
    the end of the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        for code in ("en", "es", "fr"):
            Locale.objects.get_or_create(language_code=code)
        home = Site.objects.get(is_default_site=True).root_page.specific
        blog = BlogIndexPageFactory(parent=home)
        post = BlogPageFactory(parent=blog, title="Getting to know you")
        post.save_revision().publish()
        comment = BlogComment.objects.create(
            content_object=post,
            site_id=1,
            user_name="Ama",
            user_email="ama@example.org",
            comment="Welcome, everyone!",
            language="en",
        )
        program = ProgramPageFactory(parent=home)
        round_page = RoundPageFactory(parent=program)
        elections = ElectionIndexPageFactory(parent=home)
        elections.save_revision().publish()
        members_vote = ElectionPageFactory(parent=elections, slug="members-vote")
        ranked_vote = ElectionPageFactory(
            parent=elections,
            slug="ranked-vote",
            ballot_type="rank",
            counting_rule="stv",
            max_choices=None,
            results_visibility="live",
        )
        closed_list = ElectionPageFactory(
            parent=elections, slug="closed-list", electorate="closed"
        )
        nominations = ElectionPageFactory(
            parent=elections,
            slug="nominations",
            nominations_open_at=NOW - datetime.timedelta(days=1),
            nominations_close_at=NOW + datetime.timedelta(days=1),
            voting_opens_at=NOW + datetime.timedelta(days=2),
            voting_closes_at=NOW + datetime.timedelta(days=3),
        )
        member = UserFactory(username="fuzzy")
        handout = StandardPageFactory(parent=home, slug="handout")
        handout_password = PageViewRestriction.objects.create(
            page=handout, restriction_type=PageViewRestriction.PASSWORD, password="x"
        )
        yield {
            "post": post,
            "comment": comment,
            "round": round_page,
            "members_vote": members_vote,
            "ranked_vote": ranked_vote,
            "closed_list": closed_list,
            "nominations": nominations,
            "member": member,
            "handout": handout,
            "handout_password": handout_password,
        }
        transaction.set_rollback(True)


@pytest.fixture
def anonymous(site, db):
    cache.clear()  # rate limits
    return Client()


@pytest.fixture
def signed_in(site, db):
    cache.clear()
    client = Client()
    client.force_login(site["member"])
    return client


def post(client, url, data):
    cache.clear()  # a rate limit's 429 would hide what comes after it
    response = client.post(url, data)
    assert_no_server_error(response)
    return response


def get(client, url, data=None):
    response = client.get(url, data)
    assert_no_server_error(response)
    return response


COMMENT_FIELDS = [
    "content_type",
    "object_pk",
    "timestamp",
    "security_hash",
    "name",
    "email",
    "url",
    "comment",
    "honeypot",
    "reply_to",
    "followup",
    "remember",
]


@fuzz
@given(data=form_data(COMMENT_FIELDS))
def test_comment_post(anonymous, data):
    post(anonymous, "/comments/post/", data)


@fuzz
@given(field=st.sampled_from(COMMENT_FIELDS), value=any_text, signed=st.booleans())
def test_comment_post_from_a_real_form_with_one_field_changed(
    site, anonymous, signed_in, field, value, signed
):
    """A real form (valid hash and timestamp), with one field tampered
    with: deeper into the view than random fields get."""
    client = signed_in if signed else anonymous
    html = client.get(f"/comments/form/{site['post'].pk}/").text
    data = {name: unescape(value) for name, value in HIDDEN.findall(html)}
    data.update(name="Ama", email="ama@example.org", comment="Hello", honeypot="")
    data[field] = value
    post(client, "/comments/post/", data)


@fuzz
@given(comment_id=big_int, data=form_data(["flag", "next"]))
def test_comment_flag(site, signed_in, comment_id, data):
    post(signed_in, f"/comments/flag/{comment_id}/", data)
    post(signed_in, f"/comments/flag/{site['comment'].pk}/", data)


@fuzz
@given(post_id=big_int, action=any_text)
@example(post_id=2**63, action="")  # once a 500: too big for the database
def test_like(site, signed_in, anonymous, post_id, action):
    post(signed_in, f"/comments/like/{post_id}/", {"action": action})
    post(signed_in, f"/comments/like/{site['post'].pk}/", {"action": action})
    post(anonymous, f"/comments/like/{site['post'].pk}/", {"action": action})


@fuzz
@given(key=path_part, post_id=big_int, reply_to=numbers, status=any_text)
def test_comment_links(anonymous, key, post_id, reply_to, status):
    """Confirmation and unsubscribe links, the form fragment, the "sent"
    page: forged keys and absurd ids."""
    get(anonymous, f"/comments/confirm/{key}/")
    get(anonymous, f"/comments/mute/{key}/")
    post(anonymous, f"/comments/mute/{key}/", {"confirm": status})
    get(anonymous, f"/comments/form/{post_id}/", {"reply_to": reply_to})
    get(anonymous, "/comments/sent/", {"post": reply_to, "s": status})


APPLICATION_FIELDS = list(ApplicationForm.Meta.fields)


@fuzz
@given(data=form_data(APPLICATION_FIELDS, numbers), signed=st.booleans())
def test_application_form(site, anonymous, signed_in, data, signed):
    client = signed_in if signed else anonymous
    round_page = site["round"]
    post(client, round_page.url + "apply/", data)


@fuzz
@given(pk=big_int, token=path_part, data=form_data(APPLICATION_FIELDS + ["withdraw"]))
def test_application_edit_and_check_in_links(site, anonymous, pk, token, data):
    round_page = site["round"]
    get(anonymous, f"{round_page.url}application/{pk}/{token}/")
    post(anonymous, f"{round_page.url}application/{pk}/{token}/", data)
    get(anonymous, f"{round_page.url}check-in/{token}/")
    post(anonymous, f"{round_page.url}check-in/{token}/", data)


@fuzz
@given(
    election=st.sampled_from(["members_vote", "ranked_vote"]),
    choices=st.lists(any_text, max_size=4),
    ranks=st.dictionaries(any_text, numbers, max_size=4),
    real_ranks=st.lists(numbers, min_size=4, max_size=4),
)
def test_ballot(site, signed_in, election, choices, ranks, real_ranks):
    page = site[election]
    data = {"choices": choices, "choice": choices[:1], **ranks}
    for option, rank in zip(page.option_list, real_ranks, strict=False):
        data[f"rank-{option.key}"] = rank
    post(signed_in, page.url + "vote/", data)


@fuzz
@given(token=path_part, choices=st.lists(any_text, max_size=3))
def test_ballot_link(site, anonymous, token, choices):
    for election in ("closed_list", "members_vote"):
        url = f"{site[election].url}vote/{token}/"
        get(anonymous, url)
        post(anonymous, url, {"choices": choices})


@fuzz
@given(data=form_data(["title", "description"]))
def test_nomination(site, signed_in, anonymous, data):
    for election in ("nominations", "members_vote"):
        post(signed_in, site[election].url + "nominate/", data)
    post(anonymous, site["nominations"].url + "nominate/", data)


@fuzz
@given(q=any_text, page=numbers, cpage=numbers)
@example(q='"', page="", cpage="0")  # once a 500: SQLite's full-text syntax
@example(q="\x00", page="\x00", cpage="-1")
def test_search_and_pagination(site, anonymous, q, page, cpage):
    get(anonymous, "/en/search/", {"q": q, "page": page})
    get(anonymous, site["post"].get_parent().url, {"page": page})
    get(anonymous, site["post"].url, {"cpage": cpage, "reply_to": page})
    get(anonymous, site["ranked_vote"].url + "results/", {"page": page})


@fuzz
@given(
    data=form_data(["password", "return_url"]),
    restriction_id=st.one_of(st.none(), big_int),
    page_id=st.one_of(st.none(), big_int),
)
def test_page_password(site, anonymous, data, restriction_id, page_id):
    """The form of a page behind a password, with its real ids or others."""
    restriction_id = restriction_id or site["handout_password"].pk
    page_id = page_id or site["handout"].pk
    url = f"/en/_util/authenticate_with_password/{restriction_id}/{page_id}/"
    get(anonymous, url)
    post(anonymous, url, data)


ACCOUNT_FIELDS = ["login", "email", "username", "password", "password1", "password2"]


@fuzz
@given(data=form_data(ACCOUNT_FIELDS + ["remember", "next"]))
def test_sign_up_and_log_in(anonymous, data):
    post(anonymous, "/en/accounts/signup/", data)
    post(anonymous, "/en/accounts/login/", data)
    post(anonymous, "/en/accounts/password/reset/", data)


@fuzz
@given(
    language=st.one_of(st.sampled_from(["en", "es", "fr", "ar", "xx"]), path_part),
    parts=st.lists(path_part, min_size=1, max_size=3),
    year=big_int,
    month=big_int,
)
def test_routes_with_odd_path_parts(site, anonymous, language, parts, year, month):
    """A language switch to any prefix, unknown pages, archives of
    impossible dates, feeds of unknown tags and categories."""
    blog = site["post"].get_parent().url
    tail = "/".join(parts)
    get(anonymous, f"/{language}/{tail}/")
    get(anonymous, site["post"].url.replace("/en/", f"/{language}/", 1))
    get(anonymous, f"{blog}{year}/")
    get(anonymous, f"{blog}{year}/{month}/")
    get(anonymous, f"{blog}tag/{parts[0]}/feed/")
    get(anonymous, f"{blog}category/{parts[0]}/feed/atom/")
    get(anonymous, f"{blog}author/{parts[0]}/")
