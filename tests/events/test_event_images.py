"""An event's speakers' photos and co-organisers' logos are responsive:
WebP first, at one and two device pixels per CSS pixel, lazy (they sit
below the event's details), with their size written out; a logo keeps a
PNG fallback for its transparency."""

import io
import re

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model

from events.factories import SpeakerFactory
from events.models import EventCoOrganiser, EventSpeaker

pytestmark = pytest.mark.django_db


def image(title, size, mode, fmt):
    buffer = io.BytesIO()
    PILImage.new(mode, size, (90, 60, 30, 0)[: len(mode)]).save(buffer, format=fmt)
    return get_image_model().objects.create(
        title=title, file=ImageFile(buffer, name=f"{title}.{fmt.lower()}")
    )


def test_speaker_photos_and_partner_logos_are_lazy_webp_pictures(client, event):
    speaker = SpeakerFactory(
        name="Nomvula Dlamini", photo=image("nomvula", (600, 800), "RGB", "JPEG")
    )
    event.speakers.add(EventSpeaker(speaker=speaker))
    event.co_organisers.add(
        EventCoOrganiser(
            name="Open Shelf", logo=image("shelf", (640, 160), "RGBA", "PNG")
        )
    )
    event.save_revision().publish()

    html = client.get(event.url).content.decode()
    photo, logo = re.findall(r"<picture>.*?</picture>", html, re.S)

    assert '<source sizes="120px"' in photo and 'type="image/webp"' in photo
    assert re.search(r'srcset="[^"]+\.webp 120w, [^"]+\.webp 240w"', photo)
    img = re.search(r"<img[^>]*>", photo).group(0)
    assert 'alt="Nomvula Dlamini"' in img and 'loading="lazy"' in img
    assert 'width="120"' in img and 'height="120"' in img
    assert re.search(r'src="[^"]+\.jpg"', img)

    assert 'type="image/webp"' in logo
    img = re.search(r"<img[^>]*>", logo).group(0)
    assert 'alt="Open Shelf"' in img and 'loading="lazy"' in img
    assert 'width="160"' in img and 'height="40"' in img  # 640 × 160 within 160 × 80
    assert re.search(r'src="[^"]+\.png"', img)
    assert re.search(r'srcset="[^"]+\.png 160w, [^"]+\.png 320w"', img)
