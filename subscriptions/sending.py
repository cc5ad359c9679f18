"""New posts by email: the instant emails and the weekly digest.

When: a post (any BlogPage, discussion topics included) is announced once,
when it is first published (Wagtail's `page_published`, with the page's
first and last publication times equal, and an `AnnouncedPost` row made
with get_or_create, so a re-publish, an edit, or a second publication after
unpublishing announces nothing). A post behind a view restriction is not
announced. The fan-out runs as a background task after the publication
commits.

Who: the active subscriptions (confirmed, not suspended) that asked for the
post's language, instantly, for all categories or one of the post's (any
language's version of the category: they share a translation key). A
translation is its own page in its own language: publishing it announces it
to that language's subscribers only.

How: in batches of BATCH_SIZE subscriptions, one transaction each. A batch
re-reads the post (unpublished since: nothing more is sent), inserts one
`Delivery` per subscription, unique on (subscription, post), and stores the
messages in the outbox in bulk (the message is rendered once per batch, and
only each subscriber's unsubscribe token differs); once it commits, one
`deliver_batch` task sends them over one SMTP connection. Two workers
running the same fan-out collide on the unique constraint: the batch that
loses rolls back whole (its messages with it) and is tried again without
the subscriptions the other sent. Unpublishing a post cancels its messages
still waiting in the outbox.

The weekly digest (`manage.py send_weekly_digest`, a periodic job) lists
the posts announced in the last seven days per language, to the weekly
subscriptions; its outbox key names the ISO week, so running it twice in a
week sends nothing new.

No open or click tracking: the links are the posts' own URLs.
"""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished

from blog.models import BlogPage
from website import outbox
from website.models import OutboxMessage

from . import tokens
from .models import AnnouncedPost, Delivery, Frequency, Subscription

BATCH_SIZE = 500
POST_TEMPLATE = "subscriptions/email/post"
DIGEST_TEMPLATE = "subscriptions/email/digest"
# Stands in for each subscriber's token while a batch's message is rendered
# once; URL-safe, like the tokens.
TOKEN_MARKER = "SUBSCRIBER-TOKEN-MARKER"


def connect():
    page_published.connect(post_published, dispatch_uid="subscriptions-published")
    page_unpublished.connect(post_unpublished, dispatch_uid="subscriptions-unpublished")


def post_published(sender, instance, **kwargs):
    if not isinstance(instance, BlogPage):
        return
    page = instance
    if page.first_published_at is None or page.first_published_at != (
        page.last_published_at
    ):
        return  # published before: an edit or a re-publish
    if PageViewRestriction.objects.filter(
        page__in=page.get_ancestors(inclusive=True)
    ).exists():
        return  # a private post is for the people who may read it
    _announced, created = AnnouncedPost.objects.get_or_create(
        page_id=page.pk, defaults={"language": page.locale.language_code}
    )
    if created:
        transaction.on_commit(lambda: announce_post.enqueue(page.pk))


def post_unpublished(sender, instance, **kwargs):
    """A post unpublished before its emails went: they are not sent."""
    cancelled = OutboxMessage.objects.filter(
        key__startswith=f"{post_key_prefix(instance.pk)}",
        status=OutboxMessage.Status.PENDING,
    )
    ids = list(cancelled.values_list("pk", flat=True))
    if ids:
        OutboxMessage.objects.filter(
            pk__in=ids, status=OutboxMessage.Status.PENDING
        ).update(
            status=OutboxMessage.Status.FAILED,
            last_error="Not sent: the post was unpublished before it went out.",
        )
        from website.models import OutboxSecret

        OutboxSecret.objects.filter(message_id__in=ids).delete()


def post_key_prefix(page_id):
    return f"subscriptions-post:{page_id}:"


@task()
def announce_post(page_id):
    """Email a newly published post to its subscribers (see the module)."""
    send_post(page_id)


def recipients(post, frequency=Frequency.INSTANT):
    """The ids of the active subscriptions that want `post`, in order."""
    language = post.locale.language_code
    wanted = Subscription.objects.active().in_language(language)
    wanted = wanted.filter(frequency=frequency)
    category_keys = [
        category.translation_key
        for category in type(post).objects.get(pk=post.pk).categories.all()
    ]
    ids = set(wanted.filter(categories__isnull=True).values_list("pk", flat=True))
    if category_keys:
        ids |= set(
            wanted.filter(categories__translation_key__in=category_keys).values_list(
                "pk", flat=True
            )
        )
    # The exact language test (in_language narrows by text).
    return sorted(
        pk
        for pk, languages in Subscription.objects.filter(pk__in=ids).values_list(
            "pk", "languages"
        )
        if language in languages
    )


def send_post(page_id, batch_size=BATCH_SIZE):
    """Queue the post for every subscriber not sent it yet; returns how
    many emails this call queued."""
    post = BlogPage.objects.filter(pk=page_id).select_related("locale").first()
    if post is None or not post.live:
        return 0
    ids = recipients(post)
    queued = 0
    for start in range(0, len(ids), batch_size):
        for _attempt in range(3):
            try:
                count = queue_batch(post.pk, ids[start : start + batch_size])
            except IntegrityError:
                continue  # another worker sent some of them: again, without those
            break
        else:
            raise RuntimeError(f"Could not queue post {page_id}'s batch at {start}.")
        if count is None:
            return queued  # unpublished meanwhile
        queued += count
    return queued


def queue_batch(page_id, subscription_ids):
    """One batch, one transaction: None if the post is no longer live,
    else how many messages were queued."""
    with transaction.atomic():
        post = BlogPage.objects.filter(pk=page_id, live=True).first()
        if post is None:
            return None
        batch = list(
            Subscription.objects.active()
            .filter(pk__in=subscription_ids)
            .exclude(deliveries__page_id=page_id)
            .order_by("pk")
        )
        if not batch:
            return 0
        Delivery.objects.bulk_create(
            Delivery(subscription=subscription, page_id=page_id)
            for subscription in batch
        )
        rendered = render_post_email(post)
        messages = outbox.store_many(
            personalise(
                rendered,
                subscription,
                key=f"{post_key_prefix(page_id)}{subscription.pk}",
                template=POST_TEMPLATE,
            )
            for subscription in batch
        )
        ids = [message.pk for message in messages]
        transaction.on_commit(lambda: outbox.deliver_batch.enqueue(ids))
        return len(ids)


def site_root(page):
    root = page.get_site().root_url if page.get_site() else ""
    return root.rstrip("/")


def unsubscribe_url(root, token):
    return root + reverse("subscriptions_unsubscribe", args=[token])


def manage_url(root, token, language):
    with translation.override(language):
        return root + reverse("subscriptions:manage", args=[token])


def render_post_email(post):
    """Subject, bodies and headers of the post's email in its language,
    with TOKEN_MARKER where each subscriber's token goes."""
    language = post.locale.language_code
    root = site_root(post)
    context = {
        "post": post,
        "post_url": post.get_full_url(),
        "unsubscribe_url": unsubscribe_url(root, TOKEN_MARKER),
        "manage_url": manage_url(root, TOKEN_MARKER, language),
    }
    return render_email(POST_TEMPLATE, context, language, root)


def render_email(template, context, language, root):
    with translation.override(language):
        subject = render_to_string(f"{template}/subject.txt", context)
        body_text = render_to_string(f"{template}/body.txt", context)
        body_html = render_to_string(f"{template}/body.html", context)
    return {
        "subject": " ".join(subject.split()),
        "body_text": body_text.strip() + "\n",
        "body_html": body_html.strip(),
        "language": language,
        "headers": {
            # RFC 8058: one POST to this URL unsubscribes, no session needed.
            "List-Unsubscribe": f"<{unsubscribe_url(root, TOKEN_MARKER)}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    }


def personalise(rendered, subscription, *, key, template):
    """The message for one subscriber: their token in place of the marker
    (the outbox hides it again in the stored row)."""
    token = tokens.manage_token(subscription)

    def fill(text):
        return text.replace(TOKEN_MARKER, token)

    return {
        "key": key,
        "to": subscription.email,
        "template": template,
        "language": rendered["language"],
        "subject": rendered["subject"],
        "body_text": fill(rendered["body_text"]),
        "body_html": fill(rendered["body_html"]),
        "headers": {name: fill(value) for name, value in rendered["headers"].items()},
        "secrets": [token],
    }


# -- The weekly digest -------------------------------------------------------


def week_label(now):
    year, week, _day = now.isocalendar()
    return f"{year}-W{week:02d}"


def send_weekly_digest(now=None):
    """Queue this week's digest for every weekly subscription that has
    posts in it; returns how many emails were queued."""
    now = now or timezone.now()
    since = now - timedelta(days=7)
    announced = AnnouncedPost.objects.filter(announced_at__gte=since)
    posts_by_language = {}
    for language, page_id in announced.values_list("language", "page_id"):
        posts_by_language.setdefault(language, []).append(page_id)
    queued = 0
    week = week_label(now)
    for language, page_ids in sorted(posts_by_language.items()):
        posts = list(
            BlogPage.objects.live()
            .public()
            .filter(pk__in=page_ids)
            .prefetch_related("categories")
            .order_by("-first_published_at")
        )
        if not posts:
            continue
        subscriptions = (
            Subscription.objects.active()
            .in_language(language)
            .filter(frequency=Frequency.WEEKLY)
            .prefetch_related("categories")
            .order_by("pk")
        )
        for subscription in subscriptions:
            if not subscription.wants_language(language):
                continue
            chosen = {c.translation_key for c in subscription.categories.all()}
            wanted = [
                post
                for post in posts
                if not chosen
                or chosen & {c.translation_key for c in post.categories.all()}
            ]
            if wanted and queue_digest(subscription, wanted, language, week):
                queued += 1
    return queued


def queue_digest(subscription, posts, language, week):
    key = f"subscriptions-digest:{week}:{language}:{subscription.pk}"
    if OutboxMessage.objects.filter(key=key).exists():
        return False
    root = site_root(posts[0])
    token = tokens.manage_token(subscription)
    context = {
        "posts": [(post, post.get_full_url()) for post in posts],
        "unsubscribe_url": unsubscribe_url(root, token),
        "manage_url": manage_url(root, token, language),
    }
    outbox.send(
        DIGEST_TEMPLATE,
        to=subscription.email,
        context=context,
        key=key,
        language=language,
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url(root, token)}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
        secrets=[token],
    )
    return True
