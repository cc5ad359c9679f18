"""A reader writes to the organisers about mentoring from the contact page;
the message reaches the organisers (organiser@ is one) with a copy to her;
the organiser answers from the admin and the reader receives the answer."""

from playwright.sync_api import expect

from contributions.models import ContactMessage

from .helpers import assert_accessible, emails_to, log_in_to_admin

READER = "ana.lopez@example.org"


def test_reader_writes_and_the_organiser_answers(demo, journey, base_url):
    page = journey
    page.goto(f"{base_url}/en/contact/")
    page.get_by_role("link", name="Write to the organisers").click()
    assert_accessible(page)
    page.get_by_label("Topic").select_option("mentoring")
    page.get_by_label("Your name").fill("Ana López")
    page.get_by_label("Your email").fill(READER)
    page.get_by_label("Message").fill("My match email went to my old address.")
    page.get_by_role("button", name="Send my message").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Message sent")
    assert_accessible(page)
    assert emails_to("organiser@example.org")
    assert emails_to(READER)  # her copy

    organiser = page.context.browser.new_context(viewport=page.viewport_size).new_page()
    log_in_to_admin(organiser, base_url, "organiser@example.org")
    organiser.goto(f"{base_url}/admin/snippets/contributions/contactmessage/")
    assert_accessible(organiser)
    organiser.get_by_role("link", name="Ana López").click()
    organiser.get_by_role("textbox", name="Answer").fill(
        "We have sent it again to your new one."
    )
    organiser.get_by_role("button", name="Save").click()
    expect(organiser.get_by_text("Your answer is on its way.")).to_be_visible()
    assert ContactMessage.objects.get(email=READER).state == "answered"
    assert "sent it again" in emails_to(READER)[-1].body
