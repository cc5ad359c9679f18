"""A librarian joins the network: signs up, confirms their address from the
email the site sent, logs in, likes a post and changes their mind (the
button and the count change in place, without reloading the page),
comments without the email step readers go through, applies to the open
mentoring round (the demo's round 4), votes in the members' election (the
demo's "Webinars 2019") and gets a receipt, then finds what they did on
their own page."""

import re

from playwright.sync_api import expect

from .helpers import assert_accessible, link_in_email, log_in

EMAIL = "nkechi.eze@example.org"
PASSWORD = "a-long-library-passphrase"
COMMENT = "Our library starts the year with a reading challenge for staff."
POST = "/en/blog/2018-a-blank-book/"


def sign_up(page, base_url):
    page.goto(f"{base_url}/en/")
    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Sign up", exact=True
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Join the network")
    assert_accessible(page)
    form = page.locator("main form")
    form.get_by_label(re.compile(r"^Email")).fill(EMAIL)
    form.get_by_label(re.compile(r"^Password \*")).fill(PASSWORD)
    form.get_by_label(re.compile(r"^Password \(again\)")).fill(PASSWORD)
    form.get_by_label("Display name").fill("Nkechi Eze")
    form.get_by_label("Country").select_option(label="Nigeria")
    form.get_by_label("Library or organisation").fill("Enugu State Library")
    form.get_by_role("button", name="Sign up").click()


def test_member_signs_up_likes_comments_applies_and_votes(demo, journey, base_url):
    page = journey
    heading = page.get_by_role("heading", level=1)
    messages = page.locator(".messages")

    # Sign up, and confirm the address from the email the site sent.
    sign_up(page, base_url)
    expect(heading).to_have_text("Check your email")
    assert_accessible(page)
    page.goto(base_url + link_in_email(EMAIL, r"/accounts/confirm-email/"))
    expect(heading).to_have_text("Confirm your email address")
    assert_accessible(page)
    page.get_by_role("main").get_by_role("button", name="Confirm").click()
    expect(messages).to_contain_text(f"You have confirmed {EMAIL}.")

    # Log in: the site's own words, and the member's profile.
    expect(heading).to_have_text("Log in")
    assert_accessible(page)
    log_in(page, base_url, EMAIL, PASSWORD)
    expect(heading).to_have_text("Your profile")
    expect(messages).to_contain_text("You are logged in as Nkechi Eze.")

    # Like a post, then unlike it: the likes change in place.
    page.goto(base_url + POST)
    page.evaluate("window.journeyMarker = 'the same page'")
    likes = page.locator("#likes")
    likes.get_by_role("button", name=re.compile(r"^Like\b")).click()
    unlike = likes.get_by_role("button", name=re.compile(r"^Unlike\b"))
    expect(unlike).to_be_focused()
    expect(
        likes.get_by_role("list", name="Members who like this post")
    ).to_contain_text("Nkechi Eze")
    expect(likes.locator(".likes__count")).to_have_text(re.compile(r"like[s]? this$"))
    assert page.evaluate("window.journeyMarker") == "the same page"
    assert_accessible(page)
    unlike.click()
    expect(likes.get_by_role("button", name=re.compile(r"^Like\b"))).to_be_focused()
    expect(likes).not_to_contain_text("Nkechi Eze")
    assert page.evaluate("window.journeyMarker") == "the same page"

    # Comment: members skip the name, email and confirmation.
    form = page.locator("#respond form.comment-form")
    expect(form.get_by_role("textbox", name="Email")).to_have_count(0)
    form.get_by_role("textbox", name="Comment").fill(COMMENT)
    form.get_by_role("button", name="Post comment").click()
    expect(page).to_have_url(re.compile(r"#c\d+$"))
    comment_id = page.url.rsplit("#", 1)[1]
    mine = page.locator(f"#{comment_id}")
    expect(mine.locator(".comment__text")).to_have_text(COMMENT)
    expect(mine.locator(".comment__author")).to_have_text("Nkechi Eze")
    assert_accessible(page)

    # Apply to the open round.
    page.goto(f"{base_url}/en/mentoring/round-4/")
    assert_accessible(page)
    page.get_by_role("link", name="Apply to this round").click()
    expect(heading).to_have_text(re.compile("Round 4"))
    assert_accessible(page)
    form = page.locator("main form")
    form.get_by_label("Your name").fill("Nkechi Eze")
    expect(form.get_by_label("Email address")).to_have_value(EMAIL)
    form.get_by_label("Country you work in").select_option("NG")
    form.get_by_label("English", exact=True).check()
    form.get_by_label("French", exact=True).check()
    form.get_by_label("Time zone").select_option("Africa/Lagos")
    form.get_by_label("Library sector").select_option("public")
    form.get_by_label("Career stage").select_option(index=2)
    form.get_by_label("outreach", exact=True).check()
    form.get_by_label("What you hope to get from the partnership").fill(
        "Learn how other libraries reach people who never visit."
    )
    form.get_by_label("Email", exact=True).check()
    form.get_by_role("button", name="Send my application").click()
    expect(messages).to_contain_text("your application is in")

    # Vote in the members' election, and get a receipt.
    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Elections"
    ).click()
    page.get_by_role("link", name="Webinars 2019").click()
    expect(heading).to_have_text("Webinars 2019")
    assert_accessible(page)
    page.get_by_role("main").get_by_role("link", name="Vote", exact=True).click()
    assert_accessible(page)
    page.get_by_label("Digital preservation").check()
    page.get_by_label("Grant writing").check()
    page.get_by_role("button", name="Cast my ballot").click()
    expect(page.get_by_role("main")).to_contain_text("Your receipt code:")
    receipt = re.search(
        r"Your receipt code:\s*([A-Z0-9-]+)", page.get_by_role("main").inner_text()
    ).group(1)
    assert len(receipt) >= 8
    assert_accessible(page)

    # Their own page: what they did, and nothing of anyone else's.
    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Your profile"
    ).click()
    activity = page.locator("section.activity")
    comments = activity.get_by_role("region", name="Your comments")
    expect(comments).to_contain_text(COMMENT)
    expect(comments).to_contain_text("Published")
    applications = activity.get_by_role("region", name="Your applications")
    expect(applications).to_contain_text("Round 4")
    expect(applications).to_contain_text("Submitted")
    expect(activity.get_by_role("region", name="Posts you like")).to_have_count(0)
    elections = activity.get_by_role("region", name="Elections you voted in")
    expect(elections).to_contain_text("Webinars 2019")
    expect(elections).to_contain_text(receipt)
    assert_accessible(page)
