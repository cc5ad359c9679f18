"""A photo upload that is not a plain photo is refused with a 400 and a
message that says why, and nothing is stored: no row, no file, no email."""

import io
import random
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from contributions.factories import jpeg_bytes
from contributions.models import PhotoSubmission
from website.models import OutboxMessage

from .conftest import stored_photos

pytestmark = pytest.mark.django_db


def png_chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))


def bomb_png(width=50_000, height=50_000):
    """A PNG of width × height pixels in a few hundred bytes: the header says
    so, and the little data there is compresses a black image."""
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1-bit grey
    row = b"\x00" + b"\x00" * ((width + 7) // 8)
    compressor = zlib.compressobj(9)
    data = compressor.compress(row * 64) + compressor.flush()
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", data)
        + png_chunk(b"IEND", b"")
    )


def noise_jpeg():
    out = io.BytesIO()
    Image.frombytes("RGB", (300, 200), random.Random(7).randbytes(180_000)).save(
        out, "JPEG"
    )
    assert len(out.getvalue()) > 30_000
    return out.getvalue()


def png_bytes():
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (10, 200, 30)).save(out, "PNG")
    return out.getvalue()


SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" '
    b'height="10"><script>alert(document.cookie)</script></svg>'
)
HTML_AFTER_JPEG = jpeg_bytes() + b"<html><script>alert(1)</script></html>"
ZIP_AFTER_PNG = png_bytes() + b"PK\x03\x04" + b"\x00" * 26 + b"payload.js"

HOSTILE = {
    # name: (file name, content type, bytes, words the message contains)
    "not an image": ("desk.jpg", "image/jpeg", b"Just some text\n" * 50, "not a JPEG"),
    "larger than 10 MB": (
        "huge.jpg",
        "image/jpeg",
        jpeg_bytes()[:-2] + b"\x00" * (10 * 1024 * 1024) + b"\xff\xd9",
        "larger than 10 MB",
    ),
    "decompression bomb": ("bomb.png", "image/png", bomb_png(), "pixels"),
    "SVG named .png": ("desk.png", "image/png", SVG, "not a JPEG"),
    "SVG": ("desk.svg", "image/svg+xml", SVG, "not a JPEG"),
    "HTML after a JPEG": ("desk.jpg", "image/jpeg", HTML_AFTER_JPEG, "something else"),
    "ZIP after a PNG": ("desk.png", "image/png", ZIP_AFTER_PNG, "something else"),
    "truncated JPEG": (
        "desk.jpg",
        "image/jpeg",
        noise_jpeg()[:20_000],
        "damaged or incomplete",
    ),
    "PNG declaring itself a JPEG": (
        "desk.jpg",
        "image/jpeg",
        b"\xff\xd8\xff" + png_bytes()[3:],
        "",
    ),
}


def form_data(upload):
    return {
        "photo": upload,
        "caption": "My desk",
        "library": "Harbourside Community Library",
        "country": "HK",
        "credit_name": "Mei",
        "licence": "cc-by-4.0",
        "consent": "on",
        "name": "Mei",
        "email": "mei@example.org",
    }


def test_the_bomb_is_small_and_huge():
    data = bomb_png()
    assert len(data) < 500_000
    assert struct.unpack(">II", data[16:24]) == (50_000, 50_000)  # IHDR
    with pytest.raises(Image.DecompressionBombError):
        Image.open(io.BytesIO(data))


@pytest.mark.parametrize("case", list(HOSTILE))
def test_a_hostile_upload_is_refused_with_a_400_and_nothing_is_stored(
    client, contact_page, case
):
    name, content_type, data, words = HOSTILE[case]
    upload = SimpleUploadedFile(name, data, content_type=content_type)
    response = client.post(contact_page.url + "photo/", form_data(upload), follow=False)
    assert response.status_code == 400
    assert "Nothing was saved" in response.text or "10 MB" in response.text
    assert words in response.text
    assert PhotoSubmission.objects.count() == 0
    assert stored_photos() == []
    assert not OutboxMessage.objects.exists()


def test_a_real_photo_from_a_reader_is_stored_and_waits_for_confirmation(
    client, contact_page
):
    upload = SimpleUploadedFile("desk.jpg", jpeg_bytes(), content_type="image/jpeg")
    response = client.post(contact_page.url + "photo/", form_data(upload))
    assert response.status_code == 302
    submission = PhotoSubmission.objects.get()
    assert submission.status == PhotoSubmission.Status.UNCONFIRMED
    assert len(stored_photos()) == 1
