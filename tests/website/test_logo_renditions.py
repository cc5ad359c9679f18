"""The network's logo in the header: shown 40 CSS pixels high, in WebP
with the image's own format as fallback, at one and two device pixels per
CSS pixel, with its width and height so the header does not move."""

import io
import re

import pytest
from django.core.cache import cache
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Site

from website.models import SiteIdentity

pytestmark = pytest.mark.django_db


def transparent_logo():
    """A wide logo with a transparent background, as logos usually are."""
    buffer = io.BytesIO()
    PILImage.new("RGBA", (800, 200), (29, 78, 107, 0)).save(buffer, format="PNG")
    return get_image_model().objects.create(
        title="Network logo", file=ImageFile(buffer, name="logo.png")
    )


def test_the_logo_comes_in_webp_and_png_at_1x_and_2x(demo_for_the_module, client):
    site = Site.objects.get(is_default_site=True)
    SiteIdentity.objects.update_or_create(
        site=site, defaults={"logo": transparent_logo()}
    )
    cache.clear()  # the identity is cached; saving it purges after commit only

    html = client.get("/en/").text
    picture = re.search(
        r'<div class="site-brand">\s*(<picture>.*?</picture>)', html, re.S
    ).group(1)
    source = re.search(r"<source[^>]*>", picture).group(0)
    img = re.search(r"<img[^>]*>", picture).group(0)

    assert 'type="image/webp"' in source
    webp = re.search(r'srcset="([^"]+)"', source).group(1).split(", ")
    assert [entry.rsplit(" ", 1)[1] for entry in webp] == ["1x", "2x"]
    assert all(".webp " in entry for entry in webp)
    png = re.search(r'srcset="([^"]+)"', img).group(1).split(", ")
    assert [entry.rsplit(" ", 1)[1] for entry in png] == ["1x", "2x"]
    assert re.search(r'src="[^"]+\.png"', img)
    # 40 pixels high at 1x: 800 × 200 scaled to 160 × 40.
    assert 'width="160"' in img and 'height="40"' in img
    assert 'alt=""' in img  # the site's name is written beside it
    SiteIdentity.objects.filter(site=site).delete()
    cache.clear()
