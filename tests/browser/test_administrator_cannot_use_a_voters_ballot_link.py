"""A closed election's invitation waits in the outbox for a retry (the mail
server was down). The demo's administrator opens Settings → Outgoing email:
the invitation is there, but its ballot link is hidden, and sending it to
the administrator's own address instead is refused with a message. Once the
mail server is back, the voter's own email has the working link, and she
votes with it."""

import re

from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.helpers import assert_accessible, link_in_email, log_in_to_admin
from tests.website.mail_backends import FlakyBackend
from voting import electorate
from voting.factories import ElectionPageFactory
from voting.models import Ballot, ElectionIndexPage, Voter
from website.models import OutboxMessage


def test_administrator_cannot_read_or_redirect_a_ballot_link(
    demo, base_url, journey, settings
):
    page = journey
    settings.OUTBOX_DELIVERY_BACKEND = "tests.website.mail_backends.FlakyBackend"
    FlakyBackend.failures_left = 1
    index = ElectionIndexPage.objects.filter(locale__language_code="en").first()
    election = ElectionPageFactory(
        parent=index, electorate="closed", title="Board election"
    )
    electorate.import_roll(election, "ana@example.org,Ana,en\n")
    electorate.invite(election)
    token = electorate.token_for(Voter.objects.get(email="ana@example.org"))
    message = OutboxMessage.objects.get(to="ana@example.org")
    assert message.status == OutboxMessage.Status.PENDING  # to be retried

    # The administrator finds the invitation among the outgoing email…
    log_in_to_admin(page, base_url, "admin@example.org")
    page.goto(f"{base_url}/admin/outbox/")
    expect(page.get_by_role("link", name=message.subject)).to_be_visible()
    assert token not in page.content()
    assert_accessible(page)

    # …reads it, with the ballot link hidden…
    page.goto(f"{base_url}/admin/outbox/inspect/{message.pk}/")
    expect(page.get_by_text("/vote/[hidden-").first).to_be_visible()
    assert token not in page.content()
    assert_accessible(page)

    # …and cannot send it to herself instead.
    page.goto(f"{base_url}/admin/outbox/edit/{message.pk}/")
    page.fill("#id_to", "admin@example.org")
    page.get_by_role("button", name=re.compile("^Save")).click()
    expect(
        page.get_by_text(re.compile("one-time link meant for its recipient alone"))
    ).to_be_visible()
    # Wagtail's error banner slides in: check it once it is in place.
    page.evaluate("Promise.all(document.getAnimations().map(a => a.finished))")
    assert_accessible(page)
    message.refresh_from_db()
    assert message.to == "ana@example.org"

    # The mail server is back: Ana's own email has the link, and she votes
    # with it in her own browser.
    OutboxMessage.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now())
    call_command("process_outbox")
    context = page.context.browser.new_context(viewport=page.viewport_size)
    ana = context.new_page()
    ana.goto(base_url + link_in_email("ana@example.org", r"/vote/[^/]+/$"))
    ana.get_by_label(election.option_list[0].title).check()
    ana.get_by_role("button", name="Cast my ballot").click()
    expect(
        ana.get_by_role("heading", name="Thank you: your ballot has been counted")
    ).to_be_visible()
    assert_accessible(ana)
    context.close()
    assert Ballot.objects.filter(election_key=election.translation_key).count() == 1
