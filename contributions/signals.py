"""Telling contributors what became of what they sent: a workspace photo
featured in a published post or gallery, a guest post published or
declined (with the editor's note)."""

from django.db import transaction
from django.dispatch import receiver
from django.utils import timezone
from wagtail.blocks import StreamValue
from wagtail.signals import page_published, workflow_rejected

from . import emails
from .models import GalleryPage, GuestPostSubmission, PhotoSubmission


def image_ids_on(page):
    """The images a published page shows in its body or its gallery."""
    if isinstance(page, GalleryPage):
        return page.featured_image_ids()
    ids = set()
    body = getattr(page, "body", None)
    if not isinstance(body, StreamValue):  # a rich text body has no images
        return ids
    for block in body:
        if block.block_type == "image" and block.value.get("image") is not None:
            ids.add(block.value["image"].pk)
    return ids


@receiver(page_published)
def tell_contributors(sender, instance, **kwargs):
    page = instance.specific
    ids = image_ids_on(page)
    if ids:
        featured = PhotoSubmission.objects.approved().filter(
            image_id__in=ids, featured_at=None
        )
        for submission in featured:
            emails.photo_featured(submission, page)
        featured.update(featured_at=timezone.now())
    submission = GuestPostSubmission.objects.filter(
        page_id=page.pk, outcome=GuestPostSubmission.Outcome.WAITING
    ).first()
    if submission is not None:
        emails.guest_post_published(submission, page)
        submission.outcome = GuestPostSubmission.Outcome.PUBLISHED
        submission.save(update_fields=["outcome"])


@receiver(workflow_rejected)
def tell_the_writer_it_was_declined(sender, instance, user=None, **kwargs):
    if not instance.object_id.isdigit():
        return
    submission = GuestPostSubmission.objects.filter(
        page_id=int(instance.object_id)
    ).first()
    if submission is None:
        return
    task_state = instance.current_task_state
    note = task_state.comment if task_state is not None else ""
    page = submission.page.specific
    with transaction.atomic():
        emails.guest_post_declined(submission, page, note)
        submission.outcome = GuestPostSubmission.Outcome.DECLINED
        submission.save(update_fields=["outcome"])
