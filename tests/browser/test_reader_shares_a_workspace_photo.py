"""A reader shares a photo of her workspace from the contact page: an SVG is
refused with a clear message and nothing kept; her phone photo (with its
GPS position) is taken once she confirms her address from the email; the
moderator (moderator@) approves it in the admin's bulk actions, and the
stored photo has no location in it."""

import io

from PIL import Image
from playwright.sync_api import expect

from contributions.factories import jpeg_bytes
from contributions.models import PhotoSubmission

from .helpers import assert_accessible, link_in_email, log_in_to_admin

READER = "wing.yan@example.org"
CAPTION = "Our quiet corner by the harbour window"


def phone_photo(tmp_path):
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif.get_ifd(0x8825).update({1: "N", 2: (22.0, 16.0, 48.0)})
    path = tmp_path / "IMG_0042.jpg"
    path.write_bytes(jpeg_bytes(size=(640, 480), exif=exif))
    return path


def svg(tmp_path):
    path = tmp_path / "desk.svg"
    path.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    )
    return path


def fill_in(page, photo):
    page.locator("#id_photo").set_input_files(photo)
    page.get_by_label("Caption").fill(CAPTION)
    page.get_by_label("Library").fill("Harbourside Community Library")
    page.get_by_label("Country").select_option("HK")
    page.get_by_label("Name to credit").fill("Wing Yan Lau")
    page.get_by_label("CC BY-SA 4.0").check()
    page.get_by_label("The people in this photo agree").check()
    page.get_by_label("Your name").fill("Wing Yan")
    page.get_by_label("Your email").fill(READER)


def test_reader_shares_a_photo_and_the_moderator_approves_it(
    demo, journey, base_url, tmp_path
):
    page = journey
    page.goto(f"{base_url}/en/contact/")
    assert_accessible(page)
    page.get_by_role("link", name="Workspaces of round 3").click()
    expect(page.get_by_role("figure")).to_have_count(2)
    expect(page.get_by_text("Photo: Kofi Asante")).to_be_visible()
    assert_accessible(page)
    page.goto(f"{base_url}/en/contact/")
    page.get_by_role("link", name="Share a photo of your workspace").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Share a photo of your workspace"
    )
    assert_accessible(page)

    fill_in(page, svg(tmp_path))
    page.get_by_role("button", name="Send my photo").click()
    expect(page.get_by_role("alert")).to_contain_text("not a JPEG, PNG, WebP or HEIC")
    assert not PhotoSubmission.objects.filter(email=READER).exists()
    assert_accessible(page)

    fill_in(page, phone_photo(tmp_path))
    page.get_by_role("button", name="Send my photo").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    page.goto(base_url + link_in_email(READER, r"/photo/confirm/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Photo received")
    submission = PhotoSubmission.objects.get(email=READER)
    assert submission.status == "pending"
    with Image.open(io.BytesIO(submission.photo.read())) as stored:
        assert not stored.getexif()

    moderator = page.context.browser.new_context(viewport=page.viewport_size).new_page()
    log_in_to_admin(moderator, base_url, "moderator@example.org")
    moderator.goto(f"{base_url}/admin/snippets/contributions/photosubmission/")
    assert_accessible(moderator)
    moderator.locator("tbody tr", has_text=CAPTION).get_by_role("checkbox").check()
    moderator.get_by_role("link", name="Approve the selected photos").click()
    expect(moderator.get_by_text("Approve: 1 photo")).to_be_visible()
    assert_accessible(moderator)
    moderator.get_by_role("button", name="Yes").click()
    expect(moderator.get_by_text("1 photo updated.")).to_be_visible()
    submission.refresh_from_db()
    assert submission.status == "approved"
    assert "Wing Yan Lau" in submission.image.title
