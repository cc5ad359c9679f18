"""What contributions hold about an email address, for the privacy registry
(website/privacy.py): export and erase."""

from django.db.models import Q

from .models import AddressChange, ContactMessage, GuestPostSubmission, PhotoSubmission


def _photos(email):
    return PhotoSubmission.objects.filter(email__iexact=email)


def export_personal_data(email):
    return {
        "workspace_photos": [
            {
                "caption": p.caption,
                "library": p.library,
                "country": str(p.country),
                "credit_name": p.credit_name,
                "licence": p.licence,
                "status": p.status,
                "sent": p.created_at.isoformat(),
                "file": p.photo.name,
            }
            for p in _photos(email)
        ],
        "messages_to_the_organisers": [
            {
                "topic": m.topic,
                "name": m.name,
                "message": m.message,
                "state": m.state,
                "answer": m.answer,
                "sent": m.created_at.isoformat(),
            }
            for m in ContactMessage.objects.filter(email__iexact=email)
        ],
        "address_changes": [
            {
                "old_email": c.old_email,
                "new_email": c.new_email,
                "asked": c.requested_at.isoformat(),
                "confirmed": c.confirmed_at.isoformat() if c.confirmed_at else None,
            }
            for c in AddressChange.objects.filter(
                Q(old_email__iexact=email) | Q(new_email__iexact=email)
            )
        ],
        "guest_posts": [
            {
                "name": g.name,
                "post": g.page.title if g.page else None,
                "outcome": g.outcome,
                "sent": g.created_at.isoformat(),
            }
            for g in GuestPostSubmission.objects.filter(
                email__iexact=email
            ).select_related("page")
        ],
    }


def erase_personal_data(email, *, keep_comments):
    """Photos not yet published go with their files; a published one keeps
    its Wagtail image (it is in posts, credited) but loses the address;
    messages and guest-post records go."""
    for photo in _photos(email):
        if photo.image_id is None:
            photo.photo.delete(save=False)
            photo.delete()
        else:
            photo.email = ""
            photo.user = None
            photo.save(update_fields=["email", "user"])
    ContactMessage.objects.filter(email__iexact=email).delete()
    GuestPostSubmission.objects.filter(email__iexact=email).delete()
    AddressChange.objects.filter(
        Q(old_email__iexact=email) | Q(new_email__iexact=email)
    ).delete()


def activity_section(user):
    """The member's workspace photos and where each stands, for "My
    activity"; None when they have sent none."""
    from django.utils.translation import gettext

    photos = list(
        PhotoSubmission.objects.filter(Q(user=user) | Q(email__iexact=user.email)).only(
            "caption", "status", "created_at", "featured_at"
        )
    )
    if not photos:
        return None
    return {
        "title": gettext("Your workspace photos"),
        "template": "contributions/activity/photos.html",
        "context": {"photos": photos},
    }
