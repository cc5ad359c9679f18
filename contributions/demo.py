"""The demo's contact pages (one per language) with a gallery of two
approved workspace photos, a photo waiting for moderation and a message to
the organisers; and who moderates what: the comment moderator and the
editors the photos, the organisers the messages."""

from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from wagtail.models import Locale, Page

from website.demo import grant

from . import moderation
from .factories import jpeg_bytes
from .models import (
    ContactMessage,
    ContributePage,
    GalleryPage,
    GalleryPhoto,
    PhotoSubmission,
)

ORDER = 50

PHOTO_RIGHTS = ["view_photosubmission", "change_photosubmission"]
MESSAGE_RIGHTS = [
    "view_contactmessage",
    "change_contactmessage",
    "view_addresschange",
]

TITLES = {
    "en": ("Contact us", "contact", "Workspaces of round 3", "workspaces"),
    "es": ("Contacto", "contacto", "Espacios de trabajo", "espacios"),
    "fr": ("Nous écrire", "contact", "Espaces de travail", "espaces"),
    "ar": ("اتصل بنا", "contact", "أماكن العمل", "workspaces"),
}

PHOTOS = [
    # caption, library, country, credit, colour
    (
        "Morning light over the returns desk",
        "Kumasi Polytechnic Library",
        "GH",
        "Kofi Asante",
        (214, 180, 120),
    ),
    (
        "Mi rincón de catalogación",
        "Biblioteca Pública de Alcaraz",
        "ES",
        "Lucía Ferrer",
        (120, 160, 200),
    ),
]


def build(seed, stdout):
    grant("moderator", "contributions", PHOTO_RIGHTS)
    grant("organiser", "contributions", MESSAGE_RIGHTS)
    editors = Group.objects.filter(name="Editors").first()
    if editors is not None:
        editors.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="contributions", codename__in=PHOTO_RIGHTS
            )
        )
    photos = ensure_photos()
    pages = ensure_pages(photos)
    if not ContactMessage.objects.exists():
        ContactMessage.objects.create(
            topic="mentoring",
            name="Sofía Quispe",
            email="sofia@example.org",
            message="My match email went to my old address. Could you resend it?",
            language="es",
        )
    stdout.write(f"  contributions: {len(pages)} contact pages, {len(photos)} photos")


def photo_file(colour):
    return ContentFile(jpeg_bytes(size=(1200, 800), colour=colour), name="demo.jpg")


def ensure_photos():
    approved = []
    for caption, library, country, credit, colour in PHOTOS:
        photo = PhotoSubmission.objects.filter(caption=caption).first()
        if photo is None:
            photo = PhotoSubmission.objects.create(
                photo=photo_file(colour),
                caption=caption,
                library=library,
                country=country,
                credit_name=credit,
                consent=True,
                email=f"{credit.split()[0].lower()}@example.org",
                language="en",
            )
            moderation.approve([photo], None)
        approved.append(photo)
    if not PhotoSubmission.objects.waiting().exists():
        PhotoSubmission.objects.create(
            photo=photo_file((90, 140, 90)),
            caption="Our new maker space",
            library="Harbourside Community Library",
            country="HK",
            credit_name="Mei Ling Cheung",
            consent=True,
            email="mei@example.org",
            language="en",
        )
    return approved


def ensure_pages(photos):
    """The English contact page and gallery, translated into the other
    languages (the same pages: the language links join them)."""
    english = Locale.objects.get(language_code="en")
    home = Page.objects.get(depth=2, locale=english)
    title, slug, gallery_title, gallery_slug = TITLES["en"]
    page = ContributePage.objects.filter(locale=english).first()
    if page is None:
        page = home.add_child(
            instance=ContributePage(title=title, slug=slug, show_in_menus=True)
        )
        page.save_revision().publish()
    gallery = GalleryPage.objects.filter(locale=english).first()
    if gallery is None:
        gallery = GalleryPage(title=gallery_title, slug=gallery_slug)
        gallery.photos = [GalleryPhoto(photo=photo) for photo in photos]
        page.add_child(instance=gallery)
        gallery.save_revision().publish()
    pages = [page]
    for locale in Locale.objects.exclude(pk=english.pk):
        code = locale.language_code
        if code not in TITLES or not home.has_translation(locale):
            continue
        title, slug, gallery_title, gallery_slug = TITLES[code]
        translated = translate(page, locale, title, slug)
        translate(gallery, locale, gallery_title, gallery_slug)
        pages.append(translated)
    return pages


def translate(page, locale, title, slug):
    translation = page.get_translation_or_none(locale)
    if translation is None:
        translation = page.copy_for_translation(locale)
        translation.title, translation.draft_title = title, title
        translation.slug = slug
        translation.save_revision().publish()
    return translation.specific
