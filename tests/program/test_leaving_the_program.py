"""A member who deletes their account leaves the program as a community
site would have them leave it (program/privacy.py):

- an application to a round that has ended is anonymised at once;
- one that nobody depends on yet (applications open, matching under way,
  or waiting for a partner) is withdrawn and anonymised at once, and a
  proposed match it was in is dissolved;
- one matched and released in a round still running keeps the match for
  the partner and the organisers until the round ends, detached from the
  account and sent nothing more; when the round ends, the daily
  `manage.py privacy complete` anonymises it.

The "Your data" page says beforehand what will happen, and when."""

import datetime
import importlib
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import formats, timezone

from program.factories import ApplicationFactory, RoundPageFactory
from program.models import Application, Match, MatchSeat, RoundPage
from program.participants import round_participants
from program.release import LeftTheSite, release_matches, resend, send_reminders
from program.storage import create_match
from program.topics import participants
from website import privacy
from website.factories import UserFactory
from website.models import OutboxMessage

pytestmark = pytest.mark.django_db

EMAIL = "ama@example.org"
migration = importlib.import_module(
    "program.migrations.0010_applications_erased_after_their_round"
)


def days(n):
    return datetime.timedelta(days=n)


def running_round(program, number=5):
    """Partnerships started 20 days ago and end in 70 days; matches released."""
    now, today = timezone.now(), timezone.localdate()
    return RoundPageFactory(
        parent=program,
        number=number,
        applications_open_at=now - days(60),
        applications_close_at=now - days(30),
        starts_on=today - days(20),
        ends_on=today + days(70),
        matches_released=True,
    )


@pytest.fixture
def ama():
    return UserFactory(username="ama", email=EMAIL)


def apply(round_page, name, email, user=None):
    return ApplicationFactory(
        round=round_page,
        name=name,
        email=email,
        user=user,
        goals=f"{name}'s goals",
        edit_token_hash="0" * 64,
    )


@pytest.fixture
def round_page(program, ama):
    """A running round: Ama (a member) matched with Bo, released ten days
    ago; Cy and Di matched and released too."""
    round_page = running_round(program)
    people = {
        "Ama": apply(round_page, "Ama", EMAIL, ama),
        "Bo": apply(round_page, "Bo", "bo@example.org"),
        "Cy": apply(round_page, "Cy", "cy@example.org"),
        "Di": apply(round_page, "Di", "di@example.org"),
    }
    create_match(round_page, [people["Ama"].pk, people["Bo"].pk])
    create_match(round_page, [people["Cy"].pk, people["Di"].pk])
    release_matches(round_page)
    MatchSeat.objects.update(released_at=timezone.now() - days(10))
    return round_page


def ama_application():
    return Application.objects.get(email_key=EMAIL)


def test_a_matched_member_of_a_running_round_keeps_the_match_until_it_ends(
    round_page, ama
):
    match = Match.objects.get(seats__application__email=EMAIL)

    kept = privacy.erase(EMAIL, keep_comments=True)

    ends_on = formats.date_format(round_page.ends_on)
    assert kept == [
        f"The match in {round_page.title} is kept until the round ends on "
        f"{ends_on}, then anonymised; no more emails are sent to the address."
    ]
    assert not get_user_model().objects.filter(pk=ama.pk).exists()
    application = ama_application()
    # What the partner and the organisers need stays; the rest goes.
    assert application.erase_after_round
    assert (application.name, application.email) == ("Ama", EMAIL)
    assert application.status == Application.Status.SUBMITTED
    assert application.user is None
    assert (application.goals, application.edit_token_hash) == ("", "")
    assert Match.objects.filter(pk=match.pk).exists()
    # The email she was sent is gone with the rest of her data.
    assert not OutboxMessage.objects.filter(to__iexact=EMAIL).exists()

    # Erasing again (the reader's link, the command) changes nothing more.
    privacy.erase(EMAIL, keep_comments=True)
    assert ama_application().erase_after_round

    # The daily job leaves her match alone while the round runs ...
    call_command("privacy", "complete", stdout=StringIO())
    assert ama_application().name == "Ama"

    # ... and anonymises it once the round has ended.
    RoundPage.objects.filter(pk=round_page.pk).update(
        ends_on=timezone.localdate() - days(1)
    )
    out = StringIO()
    call_command("privacy", "complete", stdout=out)
    assert "program 1" in out.getvalue()
    application = next(
        a for a in Application.objects.filter(pk__in=match.member_ids) if a.anonymised
    )
    assert not application.erase_after_round
    assert application.name == ""
    assert application.email == f"erased-{application.pk}@erased.invalid"
    assert application.display_name == "a former member"
    assert Match.objects.filter(pk=match.pk).exists()  # the round's figures
    assert not Application.objects.filter(email_key=EMAIL).exists()


def test_nothing_more_is_sent_to_a_member_who_left(round_page, client, desk):
    privacy.erase(EMAIL, keep_comments=True)
    application = ama_application()

    # Check-in reminders go to the others, not to her.
    assert send_reminders(round_page, older_than=days(7)) == 3
    # Nor discussion topics, nor a ballot for the round's participants.
    assert application not in participants(round_page)
    assert EMAIL not in {p.email for p in round_participants(round_page)}
    # The desk cannot send her match email again.
    with pytest.raises(LeftTheSite):
        resend(application.seat)
    response = client.post(f"{desk}seats/{application.seat.pk}/resend/", follow=True)
    assert "Ama deleted their account: they are sent no more emails." in (response.text)
    # A new release (someone matched later) does not send her one either.
    MatchSeat.objects.filter(application=application).update(message_key="")
    release_matches(round_page)
    assert not OutboxMessage.objects.filter(to__iexact=EMAIL).exists()
    # The desk says why.
    assert "account deleted: sent nothing more" in client.get(desk).text


def test_the_export_says_when_the_match_will_be_anonymised(round_page):
    privacy.erase(EMAIL, keep_comments=True)
    [exported] = privacy.export(EMAIL)["program"]["applications"]
    assert exported["anonymised_when_the_round_ends"] == round_page.ends_on.isoformat()


def test_the_your_data_page_says_what_will_happen_and_when(round_page, ama, client):
    client.force_login(ama)
    html = client.get("/en/accounts/my-data/").text
    ends_on = formats.date_format(round_page.ends_on)
    assert (
        f"Your match in {round_page.title} stays until the round ends on {ends_on}"
        in html
    )


def test_an_application_to_a_round_taking_applications_is_withdrawn_at_once(
    program, ama, client
):
    open_round = RoundPageFactory(parent=program, number=6)
    application = apply(open_round, "Ama", EMAIL, ama)
    client.force_login(ama)
    assert (
        f"Your application to {open_round.title} will be withdrawn and anonymised "
        "at once." in client.get("/en/accounts/my-data/").text
    )

    assert privacy.erase(EMAIL, keep_comments=False) == []

    application.refresh_from_db()
    assert application.status == Application.Status.WITHDRAWN
    assert application.anonymised and application.name == ""
    assert application.email.endswith("@erased.invalid")
    assert not application.erase_after_round


def test_a_proposed_match_is_dissolved_and_the_partner_waits_for_the_next_run(
    program, ama
):
    now = timezone.now()
    matching = RoundPageFactory(
        parent=program,
        number=7,
        applications_open_at=now - days(30),
        applications_close_at=now - days(1),
    )
    mine = apply(matching, "Ama", EMAIL, ama)
    partner = apply(matching, "Bo", "bo@example.org")
    create_match(matching, [mine.pk, partner.pk])

    privacy.erase(EMAIL, keep_comments=True)

    mine.refresh_from_db()
    assert mine.status == Application.Status.WITHDRAWN and mine.anonymised
    assert not Match.objects.filter(round=matching).exists()
    partner.refresh_from_db()
    assert partner.status == Application.Status.SUBMITTED
    assert not MatchSeat.objects.filter(application=partner).exists()


def test_a_member_still_waiting_for_a_partner_is_withdrawn_at_once(program, ama):
    running = running_round(program, number=8)
    waiting = apply(running, "Ama", EMAIL, ama)

    privacy.erase(EMAIL, keep_comments=True)

    waiting.refresh_from_db()
    assert waiting.status == Application.Status.WITHDRAWN and waiting.anonymised


def test_an_application_to_a_round_that_has_ended_is_anonymised_at_once(program, ama):
    now, today = timezone.now(), timezone.localdate()
    ended = RoundPageFactory(
        parent=program,
        number=2,
        applications_open_at=now - days(200),
        applications_close_at=now - days(170),
        starts_on=today - days(150),
        ends_on=today - days(60),
        matches_released=True,
    )
    mine = apply(ended, "Ama", EMAIL, ama)
    partner = apply(ended, "Bo", "bo@example.org")
    match = create_match(ended, [mine.pk, partner.pk], status=Match.Status.RELEASED)

    assert privacy.erase(EMAIL, keep_comments=True) == []

    mine.refresh_from_db()
    assert mine.anonymised and mine.name == "" and not mine.erase_after_round
    assert mine.status == Application.Status.SUBMITTED  # the round's figures
    assert str(Match.objects.get(pk=match.pk)) == "a former member & Bo"


def test_applications_anonymised_with_the_english_words_are_converted(program):
    round_page = RoundPageFactory(parent=program, number=9)
    old = ApplicationFactory(round=round_page, name="a former member")
    Application.objects.filter(pk=old.pk).update(
        email=f"erased-{old.pk}@erased.invalid"
    )
    typed = ApplicationFactory(round=round_page, name="a former member")

    migration.mark_anonymised(apps, None)

    old.refresh_from_db()
    typed.refresh_from_db()
    assert old.anonymised and old.name == ""
    assert not typed.anonymised and typed.name == "a former member"
