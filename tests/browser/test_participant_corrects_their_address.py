"""A participant of a past round whose match email went to an old address
follows her own application link, corrects the address, confirms it from
the new one and has her match email sent there again."""

from playwright.sync_api import expect

from contributions.models import AddressChange
from program.models import MatchSeat

from .helpers import assert_accessible, emails_to, link_in_email

NEW = "corrected.address@example.org"


def test_participant_corrects_her_address_and_gets_her_match_email(
    demo, journey, base_url
):
    page = journey
    seat = (
        MatchSeat.objects.filter(sends__gt=0)
        .select_related("application__round")
        .first()
    )
    application = seat.application
    token = application.new_edit_token()
    application.save()
    round_page = application.round
    page.goto(f"{base_url}{round_page.url}application/{application.pk}/{token}/")
    assert_accessible(page)
    page.get_by_role("link", name="Correct it").click()
    assert_accessible(page)
    page.get_by_label("Your correct email address").fill(NEW)
    page.get_by_role("button", name="Send me a confirmation link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your new inbox")

    page.goto(base_url + link_in_email(NEW, r"/address/confirm/"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Your address is corrected"
    )
    assert_accessible(page)
    page.get_by_role("button", name="Send my match email again").click()
    expect(page.get_by_role("status")).to_contain_text("on its way")
    assert len(emails_to(NEW)) == 2  # the confirmation, then the match email
    assert AddressChange.objects.get().match_email_resent_at is not None
