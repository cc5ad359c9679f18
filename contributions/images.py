"""Checking and cleaning an uploaded photo, before anything is stored.

`clean_photo(upload)` answers the bytes to store, or raises `BadPhoto` with a
message for the person who sent it. What it refuses, and how:

- more than MAX_BYTES (10 MB), read in chunks so a huge body costs nothing;
- anything whose first bytes are not those of a JPEG, PNG, WebP or HEIC file
  (SVG, HTML, scripts, archives: judged by content, never by the name);
- a polyglot: an image with anything after its end (a ZIP, HTML or a script
  appended to a JPEG or PNG), or whose declared format is not the one Pillow
  finds;
- more than MAX_PIXELS pixels (a decompression bomb: a 50,000 × 50,000 PNG
  is a few kilobytes), judged from the header before any pixel is decoded;
- a file Pillow cannot verify or fully decode (a truncated JPEG).

What it keeps is the picture re-encoded from its pixels, turned upright as
its EXIF orientation says, with no EXIF, XMP or comment: location and camera
data never reach the disk, so no rendition can carry them. HEIC arrives
through pillow-heif and is stored as JPEG.
"""

import io
import warnings

from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

try:  # HEIC (iPhone photos)
    from pillow_heif import register_heif_opener
except ImportError:  # pragma: no cover - pillow-heif is in requirements.txt
    HEIC_SUPPORTED = False
else:
    register_heif_opener()
    HEIC_SUPPORTED = True

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a 50-megapixel phone is rare; 8,000 × 5,000 passes
ACCEPTED = ("JPEG", "PNG", "WEBP", "HEIF")
HEIC_BRANDS = (b"heic", b"heix", b"hevc", b"heim", b"heis", b"mif1", b"msf1")


class BadPhoto(ValueError):
    """The upload is refused; str() is the message for the sender."""


def sniff(head):
    """The format the first bytes announce, or None."""
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    if head[4:8] == b"ftyp" and head[8:12] in HEIC_BRANDS:
        return "HEIF"
    return None


def read_capped(upload):
    """The upload's bytes, refusing more than MAX_BYTES without reading on."""
    if upload.size is not None and upload.size > MAX_BYTES:
        raise too_big()
    upload.seek(0)
    chunks, total = [], 0
    for chunk in upload.chunks():
        total += len(chunk)
        if total > MAX_BYTES:
            raise too_big()
        chunks.append(chunk)
    return b"".join(chunks)


def too_big():
    return BadPhoto(_("The file is larger than 10 MB. Send a smaller photo."))


def not_an_image():
    return BadPhoto(
        _("This file is not a JPEG, PNG, WebP or HEIC photo. Nothing was saved.")
    )


def ends_cleanly(data, kind):
    """Whether nothing follows the image's own end (no appended payload)."""
    if kind == "JPEG":
        return data.rstrip(b"\x00").endswith(b"\xff\xd9")
    if kind == "PNG":
        return data.endswith(b"IEND\xaeB`\x82")
    if kind == "WEBP":
        declared = int.from_bytes(data[4:8], "little") + 8
        return declared in (len(data), len(data) - 1)  # RIFF pads to even
    return True  # HEIF: boxes are length-prefixed; pillow-heif reads them all


def clean_photo(upload):
    """The photo to store as (bytes, file extension), or BadPhoto."""
    data = read_capped(upload)
    kind = sniff(data[:16])
    if kind is None or (kind == "HEIF" and not HEIC_SUPPORTED):
        raise not_an_image()
    if kind == "JPEG" and b"\xff\xd9" not in data[-4096:]:
        raise damaged(_("no end of image"))
    if not ends_cleanly(data, kind):
        raise BadPhoto(
            _(
                "This file holds something else after the picture. Save the "
                "photo again from a photo app and send that. Nothing was saved."
            )
        )
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data), formats=ACCEPTED) as image:
                if image.format != kind:
                    raise not_an_image()
                width, height = image.size
                if width * height > MAX_PIXELS:
                    raise too_many_pixels(width, height)
                image.verify()
            with Image.open(io.BytesIO(data), formats=ACCEPTED) as image:
                image.load()
                return reencode(image, kind)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise BadPhoto(
                _("This image has too many pixels to be a photo. Nothing was saved.")
            ) from None
        except BadPhoto:
            raise
        except (OSError, SyntaxError, ValueError, EOFError) as error:
            raise damaged(str(error)[:80] or type(error).__name__) from None


def damaged(reason):
    return BadPhoto(
        _("This photo is damaged or incomplete (%(reason)s). Nothing was saved.")
        % {"reason": reason}
    )


def too_many_pixels(width, height):
    return BadPhoto(
        _(
            "This image is %(width)s × %(height)s pixels, more than a photo "
            "needs. Send one of at most 40 megapixels. Nothing was saved."
        )
        % {"width": width, "height": height}
    )


def reencode(image, kind):
    """The pixels alone, upright, in the same format (HEIC becomes JPEG)."""
    upright = ImageOps.exif_transpose(image).copy()
    # Pillow writes what `info` holds (EXIF, XMP, comments, text chunks) into
    # some formats by default: keep the colour profile alone.
    icc = image.info.get("icc_profile")
    upright.info = {"icc_profile": icc} if icc else {}
    out = io.BytesIO()
    if kind == "PNG":
        upright.save(out, "PNG", optimize=True)
        return out.getvalue(), "png"
    if kind == "WEBP":
        upright.save(out, "WEBP", quality=90)
        return out.getvalue(), "webp"
    if upright.mode not in ("RGB", "L"):
        upright = upright.convert("RGB")
    upright.save(out, "JPEG", quality=90, optimize=True)
    return out.getvalue(), "jpg"
