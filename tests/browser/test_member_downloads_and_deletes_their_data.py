"""A member opens their profile, downloads everything the site holds about
them as JSON, then deletes their account, keeping their comments as written
by "a former member"; the page says beforehand what happens to a match in a
round still running. They are logged out and can no longer log in."""

import json
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from blog.models import BlogComment

from .helpers import assert_accessible, log_in

EMAIL = "member@example.org"

pytestmark = pytest.mark.browser


def test_member_downloads_and_deletes_their_data(demo, journey, base_url):
    page = journey
    heading = page.get_by_role("heading", level=1)
    user = get_user_model().objects.get(email=EMAIL)
    comments = list(BlogComment.objects.filter(user=user).values_list("pk", flat=True))

    log_in(page, base_url, EMAIL)
    page.goto(f"{base_url}/en/accounts/profile/")
    page.get_by_role(
        "link", name="Your data: download it or delete your account"
    ).click()
    expect(heading).to_have_text("Your data")
    assert_accessible(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Download my data").click()
    data = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert data["email"] == EMAIL
    assert data["account"]["accounts"][0]["email"] == EMAIL
    assert {"blog", "program", "voting", "subscriptions"} <= data.keys()

    # What deleting does to a match in a round still running, said before.
    expect(
        page.get_by_text("your match stays until the round ends", exact=False)
    ).to_be_visible()

    form = page.locator("main form")
    form.get_by_label("Keep them, shown as written by a former member").check()
    form.get_by_role("button", name="Delete my account").click()
    # Not confirmed: a message, nothing deleted.
    expect(form.get_by_role("alert")).to_be_visible()
    assert get_user_model().objects.filter(pk=user.pk).exists()
    page.locator("main form").get_by_label("I understand", exact=False).check()
    page.locator("main form").get_by_role("button", name="Delete my account").click()
    expect(
        page.get_by_text("Your account and your data have been deleted.")
    ).to_be_visible()
    assert not get_user_model().objects.filter(pk=user.pk).exists()
    assert all(
        c.former_member and c.user_name == "" and c.user_email == ""
        for c in BlogComment.objects.filter(pk__in=comments)
    )
