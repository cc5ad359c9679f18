"""Every email of the contributions, through the outbox (website/outbox.py);
each has a key so that asking twice sends once."""

from django.contrib.auth import get_user_model

from website import outbox

from .links import submission_token
from .models import ContactRouting

ORGANISERS_GROUP = "Organisers"


def organisers_for(topic):
    """The addresses a topic's messages go to: those set under Settings →
    Contact form routing, else the members of the Organisers group."""
    addresses = ContactRouting.load().addresses(topic)
    if addresses:
        return addresses
    return list(
        get_user_model()
        .objects.filter(groups__name=ORGANISERS_GROUP, is_active=True)
        .exclude(email="")
        .order_by("email")
        .values_list("email", flat=True)
        .distinct()
    )


def route_contact_message(request, contact_message):
    """The message to the topic's organisers (in the site's default
    language: they are staff), and a copy to the sender in theirs."""
    context = {"contact": contact_message}
    for address in organisers_for(contact_message.topic):
        outbox.send(
            "contributions/email/contact_message",
            address,
            context,
            key=f"contact:{contact_message.pk}:{address.lower()}",
            headers={"Reply-To": contact_message.email},
        )
    outbox.send(
        "contributions/email/contact_copy",
        contact_message.email,
        context,
        key=f"contact-copy:{contact_message.pk}",
        language=contact_message.language,
    )


def send_contact_answer(contact_message):
    outbox.send(
        "contributions/email/contact_answer",
        contact_message.email,
        {"contact": contact_message},
        key=f"contact-answer:{contact_message.pk}",
        language=contact_message.language,
    )


def ask_to_confirm_photo(request, page, submission, name):
    token = submission_token(submission)
    url = page.get_full_url(request) + page.reverse_subpage(
        "photo_confirm", args=[token]
    )
    outbox.send(
        "contributions/email/photo_confirm",
        submission.email,
        {"name": name, "submission": submission, "confirmation_url": url},
        key=f"photo-confirm:{submission.pk}",
        language=submission.language,
        secrets=[token],
    )


def photo_featured(submission, page):
    outbox.send(
        "contributions/email/photo_featured",
        submission.email,
        {"submission": submission, "page": page, "page_url": page.get_full_url()},
        key=f"photo-featured:{submission.pk}",
        language=submission.language,
    )


def guest_post_published(submission, page):
    outbox.send(
        "contributions/email/guest_post_published",
        submission.email,
        {"submission": submission, "page": page, "page_url": page.get_full_url()},
        key=f"guest-post-published:{submission.pk}",
        language=submission.language,
    )


def guest_post_declined(submission, page, note):
    outbox.send(
        "contributions/email/guest_post_declined",
        submission.email,
        {"submission": submission, "page": page, "note": note},
        key=f"guest-post-declined:{submission.pk}:{page.latest_revision_id}",
        language=submission.language,
    )
