"""Moderators approve photos in bulk; an editor adds a chosen set of
approved photos to a post in one action (a new draft); publishing it tells
each photo's sender, once."""

import pytest
from django.urls import reverse
from django.utils.http import urlencode

from blog.factories import BlogIndexPageFactory, BlogPageFactory
from contributions.factories import PhotoSubmissionFactory
from contributions.models import PhotoSubmission
from website.factories import UserFactory
from website.models import OutboxMessage

pytestmark = pytest.mark.django_db


def bulk_url(action, submissions):
    url = reverse(
        "wagtail_bulk_action", args=("contributions", "photosubmission", action)
    )
    query = urlencode([("id", s.pk) for s in submissions] + [("next", "/admin/")])
    return f"{url}?{query}"


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


def test_the_queue_lists_photos_waiting(admin_client):
    PhotoSubmissionFactory(caption="A sunny reading room")
    response = admin_client.get(
        reverse("wagtailsnippets_contributions_photosubmission:list")
    )
    assert response.status_code == 200
    assert "A sunny reading room" in response.text


def test_approving_in_bulk_makes_credited_images(admin_client):
    photos = PhotoSubmissionFactory.create_batch(2, licence="cc-by-4.0")
    response = admin_client.post(bulk_url("approve-photos", photos))
    assert response.status_code == 302
    for photo in photos:
        photo.refresh_from_db()
        assert photo.status == PhotoSubmission.Status.APPROVED
        assert photo.credit_name in photo.image.title
        assert "CC BY 4.0" in photo.image.title


def test_an_editor_adds_chosen_photos_to_a_post_and_publishing_tells_senders(
    admin_client, home
):
    post = BlogPageFactory(parent=BlogIndexPageFactory(parent=home))
    chosen = PhotoSubmissionFactory.create_batch(2)
    other = PhotoSubmissionFactory()
    admin_client.post(bulk_url("approve-photos", [*chosen, other]))
    response = admin_client.post(
        bulk_url("add-photos-to-post", chosen), {"post": post.pk}
    )
    assert response.status_code == 302, response.content[:2000]
    post.refresh_from_db()
    draft = post.get_latest_revision_as_object()
    images = [b.value["image"].pk for b in draft.body if b.block_type == "image"]
    chosen_images = PhotoSubmission.objects.filter(pk__in=[c.pk for c in chosen])
    assert sorted(images) == sorted(chosen_images.values_list("image_id", flat=True))
    credit = next(b for b in draft.body if b.block_type == "image").value["credit"]
    assert credit["licence"] == "CC BY 4.0"
    assert not OutboxMessage.objects.filter(key__startswith="photo-featured").exists()

    post.get_latest_revision().publish()
    post.get_latest_revision().publish()  # again: one email each
    featured = OutboxMessage.objects.filter(key__startswith="photo-featured")
    assert sorted(m.to for m in featured) == sorted(p.email for p in chosen)
    assert other.email not in [m.to for m in featured]


def test_a_photo_waiting_for_moderation_cannot_go_into_a_post(admin_client, home):
    post = BlogPageFactory(parent=BlogIndexPageFactory(parent=home))
    waiting = PhotoSubmissionFactory()
    admin_client.post(bulk_url("add-photos-to-post", [waiting]), {"post": post.pk})
    post.refresh_from_db()
    draft = post.get_latest_revision_as_object()
    assert not [b for b in draft.body if b.block_type == "image"]


def test_a_member_cannot_open_the_queue(client):
    client.force_login(UserFactory())
    response = client.get(reverse("wagtailsnippets_contributions_photosubmission:list"))
    assert response.status_code in (302, 403)


def test_a_moderator_who_may_not_edit_the_post_cannot_add_photos_to_it(client, home):
    from django.contrib.auth.models import Group, Permission

    post = BlogPageFactory(parent=BlogIndexPageFactory(parent=home))
    photo = PhotoSubmissionFactory(status="approved")
    moderators = Group.objects.create(name="Photo moderators")
    moderators.permissions.add(
        *Permission.objects.filter(
            codename__in=[
                "access_admin",
                "view_photosubmission",
                "change_photosubmission",
            ]
        )
    )
    moderator = UserFactory(is_staff=False)
    moderator.groups.add(moderators)
    client.force_login(moderator)
    response = client.post(bulk_url("add-photos-to-post", [photo]), {"post": post.pk})
    assert response.status_code == 200
    assert "You may not edit this post." in response.text
    post.refresh_from_db()
    draft = post.get_latest_revision_as_object()
    assert not [b for b in draft.body if b.block_type == "image"]
