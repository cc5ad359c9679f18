"""No location or camera data survives in the stored original, nor in the
Wagtail image an approval makes, nor in its renditions."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from contributions import moderation
from contributions.factories import jpeg_bytes
from contributions.images import clean_photo
from contributions.models import PhotoSubmission
from website.factories import UserFactory

pytestmark = pytest.mark.django_db

GPS_IFD = 0x8825


def exif_with_gps():
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0110] = "Phone 12"  # Model
    exif[0x0112] = 6  # Orientation: turned 90°
    exif.get_ifd(GPS_IFD).update(
        {1: "N", 2: (22.0, 16.0, 48.0), 3: "E", 4: (114.0, 9.0, 36.0)}
    )
    return exif


def exif_of(data):
    with Image.open(io.BytesIO(data)) as image:
        return image.getexif(), image.size


def test_the_fixture_really_carries_gps():
    exif, _size = exif_of(jpeg_bytes(exif=exif_with_gps()))
    assert exif.get_ifd(GPS_IFD)
    assert exif[0x010F] == "PhoneMaker"


def test_no_gps_in_the_original_nor_its_renditions(client, contact_page):
    member = UserFactory()
    client.force_login(member)
    photo = jpeg_bytes(size=(64, 48), exif=exif_with_gps())
    upload = SimpleUploadedFile("desk.jpg", photo, content_type="image/jpeg")
    response = client.post(
        contact_page.url + "photo/",
        {
            "photo": upload,
            "caption": "My desk",
            "library": "Harbourside Community Library",
            "country": "HK",
            "credit_name": "Mei",
            "licence": "cc-by-sa-4.0",
            "consent": "on",
        },
    )
    assert response.status_code == 302
    submission = PhotoSubmission.objects.get()
    assert submission.status == PhotoSubmission.Status.PENDING  # a member
    stored = submission.photo.read()
    exif, size = exif_of(stored)
    assert not exif.get_ifd(GPS_IFD)
    assert len(exif) == 0
    assert size == (48, 64)  # turned upright as the orientation said
    assert b"PhoneMaker" not in stored

    moderation.approve([submission], UserFactory(is_superuser=True))
    image = submission.image
    assert "Mei" in image.title and "CC BY-SA 4.0" in image.title
    with image.open_file() as original:
        assert len(exif_of(original.read())[0]) == 0
    for spec in ("width-40", "fill-20x20", "original"):
        rendition = image.get_rendition(spec)
        with rendition.file.open("rb") as rendered:
            data = rendered.read()
        assert not exif_of(data)[0].get_ifd(GPS_IFD), spec
        assert b"PhoneMaker" not in data


def test_a_heic_photo_is_stored_as_a_jpeg_without_its_exif():
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 100, 50)).save(
        buffer, "HEIF", exif=exif_with_gps().tobytes(), quality=60
    )
    assert exif_of(buffer.getvalue())[0].get_ifd(GPS_IFD)
    data, extension = clean_photo(
        SimpleUploadedFile("IMG_0001.HEIC", buffer.getvalue(), "image/heic")
    )
    assert extension == "jpg"
    with Image.open(io.BytesIO(data)) as stored:
        assert stored.format == "JPEG"
        assert len(stored.getexif()) == 0
