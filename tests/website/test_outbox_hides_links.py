"""Nobody in the admin can read a one-time link: a ballot link, a check-in
link, an application's edit link, a comment's confirmation link. The demo's
administrator and organiser look at Settings → Outgoing email and find no
working token; the person the email is for gets a link that works.

The demo content is loaded once for the module (in a transaction rolled back
at its end), so the accounts and groups are the demo's own."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import Client

from blog.models import BlogComment, BlogPage
from program.factories import ApplicationFactory, RoundPageFactory
from program.links import check_in_token
from program.models import MatchSeat, ProgramPage
from program.release import release_matches
from program.storage import run_matching
from program.views import send_received
from tests.blog.comment_helpers import comment_data
from tests.website.mail_backends import delivered
from voting import electorate
from voting.factories import ElectionPageFactory
from voting.models import Ballot, ElectionIndexPage, Voter
from website.models import OutboxMessage

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", verbosity=0)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def as_demo(demo):
    """as_demo("admin"): a client logged in as that demo account."""
    cache.clear()

    def log_in(name):
        client = Client()
        user = get_user_model().objects.get(email=f"{name}@example.org")
        client.force_login(user)
        return client

    yield log_in
    cache.clear()


def admin_pages(client, message):
    """What the outbox's list, search and inspect pages show of `message`."""
    return [
        client.get("/admin/outbox/"),
        client.get("/admin/outbox/", {"q": message.to}),
        client.get(f"/admin/outbox/inspect/{message.pk}/"),
        client.get(f"/admin/outbox/edit/{message.pk}/"),
    ]


def assert_hidden_from_the_admin(as_demo, message, token):
    admin = admin_pages(as_demo("admin"), message)
    assert [page.status_code for page in admin] == [200, 200, 200, 200]
    assert message.subject in admin[2].text  # the administrator sees the email
    assert "[hidden-" in admin[2].text
    for page in [*admin, *admin_pages(as_demo("organiser"), message)]:
        assert token not in page.content.decode()


def test_a_ballot_link_is_for_the_voter_alone(as_demo):
    index = ElectionIndexPage.objects.filter(locale__language_code="en").first()
    election = ElectionPageFactory(parent=index, electorate="closed")
    electorate.import_roll(election, "ana@example.org,Ana,en\n")
    electorate.invite(election)
    voter = Voter.objects.get(email="ana@example.org")
    token = electorate.token_for(voter)
    message = OutboxMessage.objects.get(to="ana@example.org")
    assert token not in message.body_text + message.body_html

    assert_hidden_from_the_admin(as_demo, message, token)

    # Ana's email has the link, and it lets her vote.
    link = re.search(r"https?://\S+/vote/[^/\s]+/", delivered(message).body).group(0)
    assert token in link
    choice = election.option_list[0].key
    response = Client().post(link.split("testserver", 1)[-1], {"choices": [choice]})
    assert response.status_code == 200
    assert Ballot.objects.filter(election_key=election.translation_key).count() == 1


def test_a_check_in_link_is_for_the_partner_alone(as_demo):
    program = ProgramPage.objects.filter(locale__language_code="en").first()
    round_page = RoundPageFactory(parent=program, number=40)
    for country, name in (("ES", "ana"), ("GB", "bo")):
        ApplicationFactory(
            round=round_page, country=country, email=f"{name}@example.org"
        )
    run_matching(round_page)
    release_matches(round_page, batch_size=100)
    seat = MatchSeat.objects.get(application__email="ana@example.org")
    token = check_in_token(seat)
    message = OutboxMessage.objects.get(to="ana@example.org")

    assert_hidden_from_the_admin(as_demo, message, token)

    link = re.search(r"https?://\S+/check-in/\S+", delivered(message).body).group(0)
    assert token in link
    assert Client().get(link.split("testserver", 1)[-1]).status_code == 200


def test_an_applications_edit_link_is_for_the_applicant_alone(as_demo):
    program = ProgramPage.objects.filter(locale__language_code="en").first()
    round_page = RoundPageFactory(parent=program, number=41)
    application = ApplicationFactory(round=round_page, email="cy@example.org")
    token = application.new_edit_token()
    application.save()
    send_received(application, token)
    message = OutboxMessage.objects.get(to="cy@example.org")

    assert_hidden_from_the_admin(as_demo, message, token)

    link = re.search(r"https?://\S+/application/\S+", delivered(message).body)
    assert token in link.group(0)
    assert Client().get(link.group(0).split("testserver", 1)[-1]).status_code == 200


def test_a_comment_confirmation_link_is_for_the_commenter_alone(as_demo):
    post = BlogPage.objects.live().filter(locale__language_code="en").first()
    reader = Client()
    data = comment_data(reader, post, email="dee@example.org", name="Dee")
    assert reader.post("/comments/post/", data).status_code == 302
    message = OutboxMessage.objects.get(to="dee@example.org")
    link = re.search(r"https?://\S+/comments/confirm/[^/\s]+/", delivered(message).body)
    key = link.group(0).rstrip("/").rsplit("/", 1)[-1]

    assert_hidden_from_the_admin(as_demo, message, key)

    response = reader.get(link.group(0).split("testserver", 1)[-1])
    assert response.status_code in (200, 302)
    assert BlogComment.objects.filter(user_email="dee@example.org").exists()
