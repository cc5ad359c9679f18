""" "Write for us" makes a draft guest post in the writer's language, by a
guest author made from the bio, in Wagtail's moderation workflow; the
writer is told when it is published, or declined with the editor's note."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from wagtail.models import Workflow, WorkflowState

from blog.factories import BlogIndexPageFactory
from blog.models import BlogPage
from contributions.factories import ContributePageFactory, jpeg_bytes
from contributions.models import GuestPostSubmission
from website.factories import UserFactory
from website.models import OutboxMessage

pytestmark = pytest.mark.django_db


@pytest.fixture
def spanish(translations, locales):
    home = translations["es"]
    BlogIndexPageFactory(parent=home, slug="blog-es", locale=locales["es"])
    return ContributePageFactory(parent=home, slug="contacto", locale=locales["es"])


def write(client, page, **extra):
    return client.post(
        page.url + "write/",
        {
            "title": "Una noche de mentoría rápida",
            "excerpt": "Cómo lanzamos nuestro programa.",
            "text": "Primer párrafo.\n\nSegundo <b>párrafo</b>.",
            "bio": "Coordinadora de la red de bibliotecas de Alcaraz.",
            "role": "coordinadora",
            "organisation": "Red de Alcaraz",
            "name": "Lucía Ferrer",
            "email": "lucia@example.org",
            **extra,
        },
    )


def test_a_guest_post_becomes_a_draft_in_the_workflow(client, spanish):
    response = write(client, spanish)
    assert response.status_code == 302
    post = BlogPage.objects.get(title="Una noche de mentoría rápida")
    assert not post.live
    assert post.locale.language_code == "es"
    author = post.post_authors.get().author
    assert author.is_guest and author.name == "Lucía Ferrer"
    assert author.role == "coordinadora"
    assert "&lt;b&gt;" in str(post.body)  # text, not HTML
    state = WorkflowState.objects.get(object_id=str(post.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS


def test_the_writer_hears_when_it_is_published(client, spanish):
    write(client, spanish)
    post = BlogPage.objects.get(title="Una noche de mentoría rápida")
    post.get_latest_revision().publish()
    email = OutboxMessage.objects.get(key__startswith="guest-post-published")
    assert email.to == "lucia@example.org"
    assert email.language == "es"
    assert GuestPostSubmission.objects.get().outcome == "published"


def test_the_writer_hears_when_it_is_declined_with_the_note(client, spanish):
    write(client, spanish)
    post = BlogPage.objects.get(title="Una noche de mentoría rápida")
    state = WorkflowState.objects.get(object_id=str(post.pk))
    editor = UserFactory(is_superuser=True)
    state.current_task_state.reject(user=editor, comment="Demasiado largo.")
    email = OutboxMessage.objects.get(key__startswith="guest-post-declined")
    assert email.to == "lucia@example.org"
    assert "Demasiado largo." in email.body_text
    assert GuestPostSubmission.objects.get().outcome == "declined"


def test_without_a_workflow_it_stays_a_draft(client, spanish):
    Workflow.objects.update(active=False)
    assert write(client, spanish).status_code == 302
    assert not BlogPage.objects.get(title="Una noche de mentoría rápida").live


def test_a_missing_bio_is_a_400_and_nothing_is_saved(client, spanish):
    response = write(client, spanish, bio="")
    assert response.status_code == 400
    assert not BlogPage.objects.filter(title="Una noche de mentoría rápida").exists()


def test_a_photo_becomes_the_featured_image_without_its_exif(client, spanish):
    exif = Image.Exif()
    exif.get_ifd(0x8825).update({1: "N", 2: (40.0, 25.0, 1.0)})
    upload = SimpleUploadedFile(
        "noche.jpg", jpeg_bytes(exif=exif), content_type="image/jpeg"
    )
    response = write(
        client, spanish, photo=upload, photo_alt="Mesas con parejas de bibliotecarias"
    )
    assert response.status_code == 302
    post = BlogPage.objects.get(title="Una noche de mentoría rápida")
    assert post.featured_image_alt == "Mesas con parejas de bibliotecarias"
    with post.featured_image.open_file() as stored:
        assert not Image.open(io.BytesIO(stored.read())).getexif()


def test_a_photo_that_is_not_one_is_a_400_and_nothing_is_saved(client, spanish):
    upload = SimpleUploadedFile("noche.jpg", b"<svg/>", content_type="image/jpeg")
    response = write(client, spanish, photo=upload, photo_alt="Mesas")
    assert response.status_code == 400
    # The writer's language: the form is the Spanish one.
    assert "Este archivo no es una foto JPEG" in response.text
    assert not BlogPage.objects.filter(title="Una noche de mentoría rápida").exists()
