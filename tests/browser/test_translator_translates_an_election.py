"""The Spanish translator (traductora@) translates the demo's open election
in the admin: its dates, electorate and counting are shown as the English
page has them and cannot be changed, not even by re-enabling the field in
the browser; she translates the question and publishes, and Spanish readers
see her words with the English page's dates. Running the election is not
hers: its dashboard answers 403, from the Spanish page and the English."""

from playwright.sync_api import expect

from tests.browser.helpers import assert_accessible, log_in_to_admin
from voting.models import ElectionPage

QUESTION = "¿Qué tres webinarios organizamos el año que viene? (revisado)"


def test_translator_translates_an_election_but_cannot_change_or_run_it(
    journey, demo, base_url, settings
):
    page = journey
    english = ElectionPage.objects.get(slug="webinars-2019")
    spanish = ElectionPage.objects.get(slug="webinarios-2019")
    closes = english.voting_closes_at
    log_in_to_admin(page, base_url, "traductora@example.org")

    # (The editor tells the server it is open, at once and then every few
    # seconds: the test waits for the first call and has no others, which
    # could meet its own requests in SQLite's shared in-memory database,
    # where a locked table is an error rather than a wait.)
    settings.WAGTAIL_EDITING_SESSION_PING_INTERVAL = 3_600_000
    with page.expect_response(lambda r: "/editing-sessions/ping/" in r.url):
        page.goto(f"{base_url}/admin/pages/{spanish.pk}/edit/")
    closing = page.locator("#id_voting_closes_at")
    expect(closing).to_be_disabled()
    expect(page.locator("#id_electorate")).to_be_disabled()
    expect(page.locator("#id_counting_rule")).to_be_disabled()
    expect(page.locator("#id_question")).to_be_enabled()
    expect(
        page.get_by_text("change it on the source page (English)").first
    ).to_be_attached()
    assert_accessible(page)

    # A hand-edited form sends a closing date of its own: it is ignored.
    closing.evaluate("field => field.removeAttribute('disabled')")
    closing.fill("2031-01-01 10:00")
    page.locator("#id_question").fill(QUESTION)
    page.locator("footer").get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("has been published")).to_be_visible()
    # Judge the colours once the message has faded in.
    page.wait_for_function(
        "() => !document.getAnimations().some("
        "a => a instanceof CSSTransition && a.playState === 'running')"
    )
    assert_accessible(page)

    spanish.refresh_from_db()
    assert spanish.question == QUESTION
    assert spanish.voting_closes_at == closes

    # The election's dashboard is the organisers': shut, in both languages.
    for election in (spanish, english):
        response = page.goto(f"{base_url}/admin/elections/{election.pk}/")
        assert response.status == 403
        expect(page.get_by_text("Only the election’s organisers")).to_be_visible()
        assert_accessible(page)

    # Spanish readers see her words, and the English page's dates.
    page.context.clear_cookies()
    page.goto(f"{base_url}{spanish.url}")
    expect(page.get_by_text(QUESTION)).to_be_visible()
    expect(page.get_by_text("Votación abierta")).to_be_visible()  # as in English
    assert_accessible(page)
