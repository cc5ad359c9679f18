"""What moderators and editors do with workspace photos: approve (the photo
becomes a Wagtail image titled with its credit line), reject, and add a
chosen set to a post, at the end of its body, in a new draft revision."""

import io
import os

from django.core.files.images import ImageFile
from django.db import transaction
from wagtail.images import get_image_model
from wagtail.models import Collection

from .models import PhotoSubmission


def approve(submissions, user):
    """Approve each of `submissions`, making its image once; the count."""
    Image = get_image_model()
    count = 0
    for submission in submissions:
        with transaction.atomic():
            if submission.image_id is None:
                submission.photo.open("rb")
                try:
                    data = submission.photo.read()
                finally:
                    submission.photo.close()
                title = f"{submission.caption} — {submission.credit_line()}"
                image = Image.objects.create(
                    title=title[:255],
                    description=submission.caption[:255],
                    collection=Collection.get_first_root_node(),
                    uploaded_by_user=user,
                    file=ImageFile(
                        io.BytesIO(data), name=os.path.basename(submission.photo.name)
                    ),
                )
                submission.image = image
            submission.status = PhotoSubmission.Status.APPROVED
            submission.save(update_fields=["image", "status"])
            count += 1
    return count


def reject(submissions):
    return PhotoSubmission.objects.filter(pk__in=[s.pk for s in submissions]).update(
        status=PhotoSubmission.Status.REJECTED
    )


def image_block(submission):
    """The blog's image block for this photo, credited."""
    return (
        "image",
        {
            "image": submission.image,
            "alt_text": submission.caption,
            "caption": submission.caption,
            "credit": {
                "title": "",
                "title_url": "",
                "creator": f"{submission.credit_name}, {submission.library}",
                "creator_url": "",
                "licence": str(submission.licence_name),
                "licence_url": submission.licence_url,
            },
        },
    )


def add_to_post(submissions, post, user):
    """Append the approved ones among `submissions` to `post`'s body in a
    new revision (not published: the editor reviews and publishes). The
    number added."""
    approved = [
        s
        for s in submissions
        if s.status == PhotoSubmission.Status.APPROVED and s.image_id
    ]
    if not approved:
        return 0
    draft = post.get_latest_revision_as_object()
    for submission in approved:
        draft.body.append(image_block(submission))
    draft.save_revision(user=user, log_action=True)
    return len(approved)
