"""An organiser (organiser@, group "Organisers") runs a round of the
peer-mentoring program from the Wagtail admin: opens round 5 for
applications and sees them arrive (one applicant applies and confirms in
her own browser), runs matching and watches its progress while a worker
runs it, reads why each pair was made and what its score is made of, swaps
two people and locks a match, releases the matches in two batches a day
apart, sees who has connected (participants answer through the check-in
links in their emails) and reminds the others.

Background work runs as in production: tasks wait in the database until a
worker runs them (`run_queued_tasks`, between the organiser's steps)."""

import datetime
import re

import pytest
from django.core.management import call_command
from django.db.models import F
from django.utils import timezone
from playwright.sync_api import expect

from program.factories import ApplicationFactory
from program.models import Application, Match, MatchSeat, ProgramPage, RoundPage
from tests.workers import run_queued_tasks
from website.models import OutboxMessage

from .helpers import (
    assert_accessible,
    background_save_done,
    choose_in_row_menu,
    emails_to,
    link_in_email,
    log_in_to_admin,
)

ORGANISER = "organiser@example.org"
APPLICANT = "lucia.applicant@example.org"

# Those who applied meanwhile: all speak English, each from another
# country, so that any two of them may be partners.
OTHERS = [
    ("Bola Diallo", "SN", "Africa/Dakar", ["en", "fr"]),
    ("Chen Wong", "HK", "Asia/Hong_Kong", ["en", "zh"]),
    ("Dana Eriksen", "GB", "Europe/London", ["en"]),
    ("Emeka Okafor", "NG", "Africa/Lagos", ["en"]),
    ("Fatima Haddad", "EG", "Africa/Cairo", ["ar", "en"]),
    ("Goran Novak", "PL", "Europe/Warsaw", ["en", "pl"]),
    ("Hana Ito", "JP", "Asia/Tokyo", ["en", "ja"]),
]


@pytest.fixture
def queue(settings, demo):
    """Tasks wait in the database for a worker, as in production (the demo
    was loaded before, with tasks run at once)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def admin_input(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def open_a_round(page, base_url):
    """Round 5, open for applications from now, published from the admin."""
    program = ProgramPage.objects.get(locale__language_code="en")
    page.goto(f"{base_url}/admin/pages/{program.pk}/")
    assert_accessible(page)
    page.get_by_role("button", name="Actions").click()
    page.get_by_role("link", name="Add child page").click()
    page.get_by_role("link", name="Mentoring round", exact=True).click()
    # (axe before the dates: Wagtail's date pickers, made on first focus,
    # have unnamed buttons that are Wagtail's own to name.)
    assert_accessible(page)
    now, today = timezone.now(), timezone.localdate()
    page.get_by_placeholder("Page title*").fill("Round 5")
    page.get_by_role("spinbutton", name="Round number").fill("5")
    page.get_by_role("textbox", name="Introduction").fill(
        "Apply to be matched across countries."
    )
    dates = {
        "Applications open": admin_input(now - datetime.timedelta(hours=1)),
        "Applications close": admin_input(now + datetime.timedelta(days=14)),
        "Partnerships start": (today + datetime.timedelta(days=30)).isoformat(),
        "Partnerships end": (today + datetime.timedelta(days=120)).isoformat(),
    }
    for label, value in dates.items():
        field = page.get_by_role("textbox", name=label)
        field.fill(value)
        field.press("Tab")
    page.get_by_placeholder("Page title*").click()  # the date pickers close
    background_save_done(page)
    page.locator("[data-w-dropdown-target='toggle']").last.click()
    page.get_by_role("button", name="Publish").click()
    published = re.compile("'Round 5' (created and published|has been published)")
    expect(page.get_by_text(published)).to_be_visible()
    return RoundPage.objects.get(locale__language_code="en", number=5)


def apply_and_confirm(applicant, base_url):
    """Lucía applies in her own browser and confirms from her email."""
    applicant.goto(f"{base_url}/en/mentoring/")
    applicant.get_by_role("link", name="Round 5").click()
    applicant.get_by_role("link", name="Apply to this round").click()
    applicant.get_by_label("Your name").fill("Lucía Ferrer")
    applicant.get_by_label("Email address").fill(APPLICANT)
    applicant.get_by_label("Country you work in").select_option("ES")
    applicant.get_by_label("English").check()
    applicant.get_by_label("Spanish").check()
    applicant.get_by_label("Time zone").select_option("Europe/Madrid")
    applicant.get_by_label("Library sector").select_option("public")
    applicant.get_by_label("Career stage").select_option("early")
    applicant.get_by_label("outreach").check()
    applicant.get_by_role("button", name="Send my application").click()
    expect(applicant.get_by_role("status")).to_contain_text("follow its link")
    quiet(applicant)
    run_queued_tasks()
    applicant.goto(base_url + link_in_email(APPLICANT, r"/application/\d+/"))
    applicant.get_by_role("button", name="Confirm my application").click()
    expect(applicant.get_by_role("status")).to_contain_text(
        "Your application is confirmed"
    )
    assert_accessible(applicant)


def quiet(*pages):
    """Wait until the pages have no request under way: on SQLite the live
    server and the test share one connection, so the test touches the
    database only while the browser waits."""
    for page in pages:
        page.wait_for_load_state("networkidle")


def a_day_passes(round_page):
    """Release times and the outbox's schedule move a day back, as if a day
    had passed."""
    day = datetime.timedelta(days=1)
    MatchSeat.objects.filter(match__round=round_page).update(
        released_at=F("released_at") - day
    )
    OutboxMessage.objects.filter(status="pending").update(
        next_attempt_at=F("next_attempt_at") - day
    )


def told_their_partner(applications):
    """The addresses that have received their match email (once each)."""
    told = []
    for application in applications:
        emails = [
            m for m in emails_to(application.email) if "meet your partner" in m.subject
        ]
        assert len(emails) <= 1
        if emails:
            told.append(application.email)
    return told


def check_in(participant, base_url, address, answer):
    participant.goto(base_url + link_in_email(address, r"/check-in/"))
    expect(participant.get_by_role("heading", level=1)).to_have_text(
        "How is your partnership going?"
    )
    assert_accessible(participant)
    participant.get_by_label(answer).check()
    participant.get_by_role("button", name="Send my answer").click()
    expect(participant.get_by_role("status")).to_contain_text(
        "we have noted your answer"
    )


def test_organiser_runs_a_round_from_applications_to_check_ins(
    queue, journey, base_url, browser
):
    page = journey
    viewport = page.viewport_size
    elsewhere = browser.new_context(
        viewport=viewport, is_mobile=viewport["width"] < 600
    )
    applicant = elsewhere.new_page()
    applicant.set_default_timeout(15_000)

    log_in_to_admin(page, base_url, ORGANISER)
    assert_accessible(page)

    # She opens round 5: applications are open from now.
    round_page = open_a_round(page, base_url)
    assert round_page.live and round_page.accepts_applications

    # Applications arrive: Lucía's through the site, and seven more.
    apply_and_confirm(applicant, base_url)
    quiet(page, applicant)
    for name, country, zone, languages in OTHERS:
        ApplicationFactory(
            round=round_page,
            name=name,
            email=f"{name.split()[0].lower()}@example.org",
            country=country,
            time_zone=zone,
            languages=languages,
        )
    page.goto(f"{base_url}/admin/program_applications/?round={round_page.pk}")
    expect(page.get_by_role("link", name="Lucía Ferrer")).to_be_visible()
    expect(page.get_by_text("Hana Ito")).to_be_visible()
    assert_accessible(page)

    # A fortnight later the window has closed: she runs matching from the
    # round's desk and watches it until a worker has done it.
    RoundPage.objects.filter(translation_key=round_page.translation_key).update(
        applications_close_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    page.goto(f"{base_url}/admin/program/matching/")
    assert_accessible(page)
    page.get_by_role("link", name="Round 5").click()
    expect(page.get_by_text("8 submitted applications.")).to_be_visible()
    page.get_by_role("button", name="Run matching").click()
    # Matching replaces what is not locked: Wagtail's dialog asks her first.
    confirm = page.get_by_role("dialog", name="Run matching?")
    assert_accessible(page)
    confirm.get_by_role("button", name="Yes, run matching").click()
    progress = page.locator("#run-progress")
    expect(progress).to_be_visible()
    expect(page.locator("[data-run-phase]")).to_have_text("Waiting for a worker")
    assert_accessible(page)
    desk = page.url
    # While a worker runs it, she looks at the applications again (on SQLite
    # the live server shares the test's connection: nothing polls meanwhile).
    page.goto(f"{base_url}/admin/program_applications/?round={round_page.pk}")
    quiet(page)
    run_queued_tasks()
    page.goto(desk)
    expect(
        page.get_by_text("4 pairs and 0 trios; everyone is matched.")
    ).to_be_visible()
    expect(progress).to_have_count(0)

    # Each pair says why it was made and what its score is made of.
    matches = page.get_by_role("region", name="Matches", exact=True)
    rows = matches.locator("tbody tr")
    expect(rows).to_have_count(4)
    for match in Match.objects.filter(round=round_page):
        row = rows.filter(has_text=match.member_a.name)
        expect(row).to_contain_text("shared languages: English")
        expect(row.locator("strong").first).to_have_text(str(match.score))
        for name, points in match.score_parts:
            expect(row.locator(".score-parts")).to_contain_text(f"{name}: {points}")
    assert_accessible(page)

    # She swaps two people of different pairs, and locks another pair.
    first, second, third = Match.objects.filter(round=round_page).order_by("pk")[:3]
    # Opening a person's swap control loads whom they may be swapped with.
    first_row = rows.filter(has_text=first.member_a.name)
    first_row.get_by_text(f"Swap {first.member_a.name}…").click()
    first_row.get_by_label(f"Swap {first.member_a.name} with").select_option(
        str(second.member_a_id)
    )
    first_row.get_by_role("button", name="Swap", exact=True).click()
    expect(page.get_by_text("Swapped and locked:")).to_be_visible()
    third_row = rows.filter(has_text=third.member_a.name)
    # A row's other actions are in its "More options" menu, as in Wagtail's
    # own listings.
    choose_in_row_menu(page, third_row, "Lock")
    expect(rows.filter(has_text=third.member_a.name)).to_contain_text("locked")
    assert Match.objects.filter(round=round_page, locked=True).count() == 3
    pairs = [set(m.member_ids) for m in Match.objects.filter(round=round_page)]
    assert {first.member_a_id, second.member_b_id} in pairs
    assert {second.member_a_id, first.member_b_id} in pairs

    # She releases the matches in batches of four people, a day apart.
    page.get_by_label("People per batch").fill("4")
    page.get_by_label("Hours between batches").fill("24")
    page.get_by_role("button", name="Release the matches not sent yet").click()
    # Sent emails cannot be called back: Wagtail's dialog asks her first.
    release = page.get_by_role("dialog", name="Release the matches not sent yet?")
    assert_accessible(page)
    release.get_by_role("button", name="Yes, release them").click()
    expect(page.get_by_text("8 emails queued.")).to_be_visible()
    quiet(page)
    run_queued_tasks()
    page.reload()
    expect(matches.get_by_text("email: sent")).to_have_count(4)
    expect(matches.get_by_text(re.compile("email: scheduled for"))).to_have_count(4)
    assert_accessible(page)
    released = list(Application.objects.filter(round=round_page))
    assert len(told_their_partner(released)) == 4

    # A day later the second batch goes out.
    quiet(page)
    a_day_passes(round_page)
    call_command("process_outbox", verbosity=0)
    run_queued_tasks()
    page.reload()
    expect(matches.get_by_text("email: sent")).to_have_count(8)
    assert told_their_partner(released) == [a.email for a in released]

    # Lucía and her partner have talked; Hana cannot reach hers.
    lucia = Application.objects.get(email=APPLICANT)
    check_in(applicant, base_url, APPLICANT, "We have connected")
    hana = Application.objects.get(round=round_page, name="Hana Ito")
    check_in(applicant, base_url, hana.email, "I cannot reach my partner")

    # The desk shows who has connected; she reminds the others.
    page.reload()
    lucia_row = rows.filter(has_text="Lucía Ferrer")
    expect(lucia_row).to_contain_text("check-in: We have connected")
    expect(lucia_row).to_contain_text("connected")
    expect(rows.filter(has_text="Hana Ito")).to_contain_text(
        "check-in: I cannot reach my partner"
    )
    page.get_by_label(re.compile("Show the matches that have not connected")).fill("0")
    page.get_by_role("button", name="Show", exact=True).click()
    waiting = page.get_by_role("region", name="Check-ins").locator("tbody tr")
    expect(waiting).to_have_count(3)
    expect(waiting.filter(has_text="Lucía Ferrer")).to_have_count(0)
    assert_accessible(page)
    before = {a.email: len(emails_to(a.email)) for a in released}
    page.get_by_role("button", name="Remind those not connected after 0 days").click()
    expect(page.get_by_text("6 reminders queued.")).to_be_visible()
    quiet(page)
    run_queued_tasks()
    reminded = {a.email for a in released if len(emails_to(a.email)) > before[a.email]}
    partner = lucia.seat.match.members
    assert reminded == {a.email for a in released} - {m.email for m in partner}
    assert "have you met your partner?" in emails_to(hana.email)[-1].subject

    # Hana's partner never answers: she dissolves that match from its menu,
    # and Wagtail's dialog asks her first.
    page.get_by_label(re.compile("Show the matches that have not connected")).fill("0")
    page.get_by_role("button", name="Show", exact=True).click()
    hana_row = waiting.filter(has_text="Hana Ito")
    choose_in_row_menu(page, hana_row, "Re-match…")
    dialog = page.get_by_role("dialog", name="Re-match these people?")
    expect(dialog).to_contain_text("Hana Ito")
    # (The menu closes as the dialog opens: nothing covers the other rows.)
    assert_accessible(page)
    dialog.get_by_role("button", name="Yes, re-match").click()
    expect(page.get_by_text("Dissolved: run matching")).to_be_visible()
    assert not Match.objects.filter(seats__application=hana).exists()
    elsewhere.close()
