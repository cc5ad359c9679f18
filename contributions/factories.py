import io

import factory
import wagtail_factories
from django.core.files.base import ContentFile
from PIL import Image

from website.factories import site_home

from .models import ContactMessage, ContributePage, GalleryPage, PhotoSubmission


def jpeg_bytes(size=(64, 48), colour=(180, 120, 60), exif=None):
    """A small JPEG, with `exif` (a PIL.Image.Exif) if given."""
    out = io.BytesIO()
    image = Image.new("RGB", size, colour)
    image.save(out, "JPEG", **({"exif": exif} if exif is not None else {}))
    return out.getvalue()


class ContributePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ContributePage

    parent = factory.LazyFunction(site_home)
    title = "Contact us"
    slug = "contact"


class GalleryPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = GalleryPage

    title = factory.Sequence(lambda n: f"Workspaces {n}")
    slug = factory.Sequence(lambda n: f"workspaces-{n}")


class PhotoSubmissionFactory(factory.django.DjangoModelFactory):
    """A photo waiting for moderation (already cleaned, as the form stores
    it)."""

    class Meta:
        model = PhotoSubmission

    photo = factory.LazyFunction(lambda: ContentFile(jpeg_bytes(), name="photo.jpg"))
    caption = factory.Sequence(lambda n: f"My desk {n}, by the window")
    library = "Harbourside Community Library"
    country = "HK"
    credit_name = factory.Sequence(lambda n: f"Reader {n}")
    consent = True
    email = factory.Sequence(lambda n: f"reader{n}@example.org")
    language = "en"


class ContactMessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactMessage

    topic = "mentoring"
    name = factory.Sequence(lambda n: f"Reader {n}")
    email = factory.Sequence(lambda n: f"reader{n}@example.org")
    message = "My match email went to my old address."
    language = "en"
