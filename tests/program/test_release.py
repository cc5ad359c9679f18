"""Release: each matched person gets their partner's details once, in
batches at their time; re-sends to a corrected address; check-in links."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import formats, timezone

from program.factories import ApplicationFactory, RoundPageFactory
from program.links import check_in_token
from program.models import Match, MatchSeat, ProgramPage
from program.release import release_matches, resend
from program.storage import run_matching
from website.models import OutboxMessage

pytestmark = pytest.mark.django_db

COUNTRIES = ["ES", "GB", "FR", "DE", "IT", "PT", "NL", "IE"]


@pytest.fixture
def round_page(program):
    round_page = RoundPageFactory(parent=program, number=3)
    for index, country in enumerate(COUNTRIES):
        ApplicationFactory(
            round=round_page,
            country=country,
            name=f"Person {index}",
            email=f"person{index}@example.org",
            language="es" if index % 2 else "en",
        )
    run_matching(round_page)
    assert Match.objects.count() == 4
    return round_page


def recipients():
    return sorted(address for email in mail.outbox for address in email.to)


def let_a_day_pass():
    OutboxMessage.objects.filter(status="pending").update(
        next_attempt_at=timezone.now() - datetime.timedelta(seconds=1)
    )


def release(round_page, capture, **kwargs):
    with capture(execute=True):
        return release_matches(round_page, **kwargs)


def test_each_person_gets_one_email_in_batches_and_only_due_batches_go_out(
    round_page, django_capture_on_commit_callbacks
):
    queued = release(
        round_page,
        django_capture_on_commit_callbacks,
        batch_size=3,
        first_at=timezone.now() - datetime.timedelta(minutes=1),
        interval=datetime.timedelta(days=1),
    )
    assert queued == 8
    assert len(mail.outbox) == 3  # the first batch only
    assert OutboxMessage.objects.filter(status="pending").count() == 5

    # Releasing again (a second click) queues and sends nothing new.
    assert release(round_page, django_capture_on_commit_callbacks) == 0
    call_command("process_outbox", verbosity=0)
    assert len(mail.outbox) == 3

    let_a_day_pass()
    call_command("process_outbox", verbosity=0)
    assert recipients() == sorted(f"person{i}@example.org" for i in range(8))
    call_command("process_outbox", verbosity=0)
    assert len(mail.outbox) == 8
    assert Match.objects.filter(status="released").count() == 4
    round_page.refresh_from_db()
    assert round_page.matches_released


def test_the_email_names_the_partner_in_the_readers_language(
    round_page, django_capture_on_commit_callbacks
):
    release(round_page, django_capture_on_commit_callbacks, batch_size=100)
    seat = MatchSeat.objects.select_related("application").get(
        application__email="person1@example.org"
    )
    partner = (
        MatchSeat.objects.filter(match=seat.match).exclude(pk=seat.pk).get().application
    )
    [email] = [m for m in mail.outbox if m.to == ["person1@example.org"]]
    assert partner.name in email.body
    assert partner.email in email.body
    message = OutboxMessage.objects.get(to="person1@example.org")
    assert message.language == "es"
    assert message.key == f"program-match:{seat.match_id}:{seat.application_id}"
    assert "check-in/" in email.body
    assert "?answer=connected" in email.body


def test_rerunning_matching_after_release_keeps_released_matches(
    round_page, django_capture_on_commit_callbacks
):
    release(round_page, django_capture_on_commit_callbacks, batch_size=100)
    released = set(Match.objects.values_list("pk", flat=True))
    ApplicationFactory(round=round_page, country="SE")
    ApplicationFactory(round=round_page, country="FI")
    run_matching(round_page)
    assert released < set(Match.objects.values_list("pk", flat=True))
    release(round_page, django_capture_on_commit_callbacks, batch_size=100)
    assert len(mail.outbox) == 10
    assert len(set(recipients())) == 10


def test_a_corrected_address_can_be_sent_again(
    round_page, django_capture_on_commit_callbacks
):
    release(round_page, django_capture_on_commit_callbacks, batch_size=100)
    seat = MatchSeat.objects.select_related("application").first()
    seat.application.email = "corrected@example.org"
    seat.application.save()
    with django_capture_on_commit_callbacks(execute=True):
        key = resend(seat)
    assert key.endswith(":resend-1")
    assert mail.outbox[-1].to == ["corrected@example.org"]
    assert len(mail.outbox) == 9


def test_check_in_links_record_the_answer(client, round_page):
    seat = MatchSeat.objects.first()
    url = f"{round_page.url}check-in/{check_in_token(seat)}/"
    page = client.get(url + "?answer=connected")
    assert page.status_code == 200
    assert 'value="connected" checked' in page.text
    assert client.post(url, {"answer": "connected"}).status_code == 302
    seat.refresh_from_db()
    assert seat.check_in == "connected"
    assert Match.objects.get(pk=seat.match_id).connected

    other = MatchSeat.objects.exclude(match=seat.match).first()
    other_url = f"{round_page.url}check-in/{check_in_token(other)}/"
    assert client.post(other_url, {"answer": "cannot_reach"}).status_code == 302
    other.refresh_from_db()
    assert other.check_in == "cannot_reach"
    assert not Match.objects.get(pk=other.match_id).connected


def test_forged_check_in_links_are_refused(client, round_page, home):
    seat = MatchSeat.objects.first()
    token = check_in_token(seat)
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    for bad in (forged, "nonsense"):
        response = client.post(
            f"{round_page.url}check-in/{bad}/", {"answer": "connected"}
        )
        assert response.status_code == 404
        assert "This link does not work" in response.text
    # A valid token of a seat of another round does not work here either.
    other_round = RoundPageFactory(parent=round_page.get_parent(), number=9)
    response = client.post(
        f"{other_round.url}check-in/{token}/", {"answer": "connected"}
    )
    assert response.status_code == 404
    assert not MatchSeat.objects.exclude(check_in="").exists()
    bad_answer = client.post(f"{round_page.url}check-in/{token}/", {"answer": "x"})
    assert bad_answer.status_code == 400


def test_program_page_shows_numbers_per_round_without_n_plus_one(
    client, round_page, django_assert_max_num_queries
):
    program = ProgramPage.objects.get()
    for number in (4, 5, 6):
        RoundPageFactory(parent=program, number=number)
    Match.objects.filter(pk=Match.objects.first().pk).update(connected=True)
    with django_assert_max_num_queries(40):
        response = client.get(program.url)
    assert response.status_code == 200
    text = " ".join(response.text.split())
    assert "<dt>Participants</dt><dd>8</dd>" in text.replace("> <", "><")
    assert "<dt>Pairs connected</dt><dd>1</dd>" in text.replace("> <", "><")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(program.url)
    for number in (7, 8, 9, 10):
        RoundPageFactory(parent=program, number=number)
    with CaptureQueriesContext(connection) as many:
        client.get(program.url)
    assert len(many) == len(few)


def test_organiser_releases_from_the_desk_and_sees_delivery_state(
    client, round_page, django_capture_on_commit_callbacks
):
    from website.factories import UserFactory

    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    desk = f"/admin/program/matching/{round_page.pk}/"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            desk + "release/",
            {"batch_size": "4", "first_at": "", "interval_hours": "24"},
        )
    assert response.status_code == 302
    assert len(mail.outbox) == 4
    page = client.get(desk)
    assert page.text.count("email: sent") == 4
    # The second batch goes out a day later, as the desk says.
    tomorrow = timezone.localtime(timezone.now() + datetime.timedelta(hours=24))
    assert page.text.count("email: scheduled for") == 4
    day = formats.date_format(tomorrow, "DATE_FORMAT")
    assert page.text.count(f"email: scheduled for {day}") == 4
    bad = client.post(desk + "release/", {"batch_size": "0", "interval_hours": "x"})
    assert bad.status_code == 302
    assert OutboxMessage.objects.count() == 8


def test_reminders_go_to_those_who_have_not_connected_once_a_day(
    round_page, django_capture_on_commit_callbacks
):
    from program.release import send_reminders

    release(round_page, django_capture_on_commit_callbacks, batch_size=100)
    connected = Match.objects.first()
    connected.connected = True
    connected.save()
    assert send_reminders(round_page) == 0  # released less than a week ago
    with django_capture_on_commit_callbacks(execute=True):
        assert send_reminders(round_page, datetime.timedelta(0)) == 6
        assert send_reminders(round_page, datetime.timedelta(0)) == 0
    # Reminders are recognised by their outbox key: their subject is in each
    # person's own language.
    reminder_rows = OutboxMessage.objects.filter(key__startswith="program-reminder:")
    reminded = set(reminder_rows.values_list("to", flat=True))
    delivered = {m.to[0] for m in mail.outbox}
    assert reminded <= delivered
    members = set(
        MatchSeat.objects.filter(match=connected).values_list(
            "application__email", flat=True
        )
    )
    assert len(reminded) == 6
    assert not reminded & members


def test_a_released_seat_whose_email_the_outbox_no_longer_holds_says_so(
    client, round_page
):
    """The demo's earlier rounds, or a round from before the outbox: the
    desk does not say "not released" beside "Released"."""
    from website.factories import UserFactory

    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    desk = f"/admin/program/matching/{round_page.pk}/"
    assert client.get(desk).text.count("email: not released") == 8
    MatchSeat.objects.update(released_at=timezone.now() - datetime.timedelta(days=30))

    page = client.get(desk).text
    assert "email: not released" not in page
    assert page.count("email: no email on record") == 8
