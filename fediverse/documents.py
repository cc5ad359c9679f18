"""The ActivityPub JSON we serve and send: actors, posts as Articles, and
the activities around them. Shaped after what Mastodon reads (and what the
WordPress ActivityPub plugin sends for a blog): an Article with `name`,
`summary`, `content`, `url`, the featured image as an attachment with its
alt text in `name`, and the post's tags as Hashtags."""

import hashlib
from datetime import UTC

from django.conf import settings
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import get_language_info

from . import actors

AS_PUBLIC = "https://www.w3.org/ns/activitystreams#Public"
CONTEXT = [
    "https://www.w3.org/ns/activitystreams",
    "https://w3id.org/security/v1",
]
ACTIVITY_JSON = "application/activity+json"


def actor_document(actor, blog_index=None):
    language = get_language_info(actor.language)["name_local"]
    name = blog_index.title if blog_index is not None else "Blog"
    document = {
        "@context": CONTEXT,
        "id": actors.actor_id(actor),
        "type": "Service",
        "preferredUsername": actor.username,
        "name": f"{name} ({language})",
        "summary": escape(getattr(blog_index, "intro", "") or ""),
        "url": blog_index.full_url if blog_index is not None else actors.base_url(),
        "inbox": actors.inbox_url(actor),
        "outbox": actors.outbox_url(actor),
        "followers": actors.followers_url(actor),
        "endpoints": {"sharedInbox": actors.shared_inbox_url()},
        "manuallyApprovesFollowers": False,
        "discoverable": True,
        "publicKey": {
            "id": actors.key_id(actor),
            "owner": actors.actor_id(actor),
            "publicKeyPem": actor.public_key_pem,
        },
    }
    # The avatar: an image URL chosen in the settings (Mastodon shows PNG
    # or JPEG, not the site's SVG icon).
    if icon := getattr(settings, "FEDIVERSE_AVATAR_URL", ""):
        document["icon"] = {"type": "Image", "url": actors.absolute_if_relative(icon)}
    return document


def iso(when):
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def article(post, actor):
    """The post as an Article (`post`: a specific BlogPage, live)."""
    url = post.get_full_url()
    published = post.first_published_at or timezone.now()
    summary = escape(post.excerpt or "")
    content = f'<p>{summary}</p><p><a href="{escape(url)}">{escape(url)}</a></p>'
    document = {
        "id": actors.post_object_id(post.pk),
        "type": "Article",
        "attributedTo": actors.actor_id(actor),
        "name": post.title,
        "summary": summary,
        "content": content,
        "url": url,
        "mediaType": "text/html",
        "published": iso(published),
        "to": [AS_PUBLIC],
        "cc": [actors.followers_url(actor)],
        "tag": [
            {
                "type": "Hashtag",
                "name": "#" + "".join(tag.name.split()),
                "href": url,
            }
            for tag in post.tags.all()
        ],
        "attachment": [],
    }
    if post.last_published_at and post.last_published_at > published:
        document["updated"] = iso(post.last_published_at)
    image = getattr(post, "featured_image", None)
    if image is not None:
        rendition = image.get_rendition("width-1200")
        document["attachment"].append(
            {
                "type": "Image",
                "mediaType": "image/jpeg"
                if rendition.url.lower().endswith((".jpg", ".jpeg"))
                else "image/png",
                "url": actors.absolute_if_relative(rendition.url),
                "name": post.featured_image_alt or image.title,
            }
        )
    return document


def activity(kind, actor, obj, *, suffix):
    """A Create/Update/Delete of `obj` by `actor`; `suffix` makes its id
    unique (an Update per edit)."""
    object_id = obj["id"] if isinstance(obj, dict) else obj
    return {
        "@context": CONTEXT,
        "id": activity_id(object_id, suffix),
        "type": kind,
        "actor": actors.actor_id(actor),
        "published": iso(timezone.now()),
        "to": [AS_PUBLIC],
        "cc": [actors.followers_url(actor)],
        "object": obj,
    }


def activity_id(object_id, suffix):
    return f"{object_id}#{suffix}"


def tombstone(page_id):
    return {"id": actors.post_object_id(page_id), "type": "Tombstone"}


def accept(actor, follow):
    return {
        "@context": CONTEXT,
        "id": f"{actors.actor_id(actor)}#accepts/{_short_hash(follow.get('id'))}",
        "type": "Accept",
        "actor": actors.actor_id(actor),
        "object": follow,
    }


def _short_hash(text):
    return hashlib.sha256(str(text).encode()).hexdigest()[:16]
