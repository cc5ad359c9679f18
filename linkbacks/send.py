"""Telling the pages a post links to, in a background task.

When a post or discussion topic is published (the first time, or again
with new links), `send_linkbacks` reads the links of its body and prompts
and, for each one not notified before (once per post and link; a failed
attempt is tried again on the next publication):

- a link to one of our own posts becomes an internal linkback at once,
  without HTTP (published, still subject to the block and hold lists);
- any other http(s) link is fetched through the safe client; its
  Webmention endpoint is discovered (`discover.webmention_endpoint`) and
  sent `source` and `target`; without one, its Pingback server
  (`discover.pingback_endpoint`) is called with `pingback.ping`.

Each result is stored as a `SentLinkback` (admin: Linkbacks → Sent). At
most MAX_LINKS links of a post are looked at. LINKBACKS_SEND = False turns
sending off (the receivers still work).
"""

import logging
import xmlrpc.client
from dataclasses import dataclass
from urllib.parse import urldefrag

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.dispatch import receiver
from django_tasks import task
from wagtail.signals import page_published

from blog.models import BlogPage
from website import safehttp

from . import discover, documents
from .addresses import is_web_url, normalize
from .models import ReceivedLinkback, SentLinkback
from .targets import accepted_targets, post_for_url
from .verify import record

logger = logging.getLogger(__name__)

MAX_LINKS = 50
Status = SentLinkback.Status
Protocol = SentLinkback.Protocol


@dataclass(frozen=True)
class Result:
    status: str
    protocol: str = Protocol.NONE
    endpoint: str = ""
    response_status: int | None = None
    detail: str = ""


@receiver(page_published)
def queue_linkbacks(sender, instance, **kwargs):
    if not isinstance(instance, BlogPage) or not settings.LINKBACKS_SEND:
        return
    page_id = instance.pk
    transaction.on_commit(lambda: send_linkbacks.enqueue(page_id))


@task()
def send_linkbacks(page_id):
    post = BlogPage.objects.live().public().filter(pk=page_id).specific().first()
    if post is not None:
        send_for(post)


def send_for(post):
    """Notify every link of `post` not notified before; returns the
    {link: Result} of those tried now."""
    source = post.get_full_url()
    html = content_html(post)
    done = set(
        SentLinkback.objects.filter(page=post)
        .exclude(status=Status.FAILED)
        .values_list("target", flat=True)
    )
    results = {}
    for target in outbound_links(html, source)[:MAX_LINKS]:
        if target in done:
            continue
        ours = post_for_url(target)
        if ours is not None:
            result = link_internally(post, source, ours, target, html)
        else:
            result = notify(source, target)
        SentLinkback.objects.update_or_create(
            page=post,
            target=target,
            defaults={
                "source": source,
                "protocol": result.protocol,
                "endpoint": result.endpoint[:500],
                "status": result.status,
                "response_status": result.response_status,
                "detail": result.detail[:300],
                "attempts": F("attempts") + 1,
            },
            create_defaults={
                "source": source,
                "protocol": result.protocol,
                "endpoint": result.endpoint[:500],
                "status": result.status,
                "response_status": result.response_status,
                "detail": result.detail[:300],
                "attempts": 1,
            },
        )
        results[target] = result
    return results


def content_html(post):
    """The HTML of what the author wrote: the body, and a topic's prompts."""
    html = str(post.body)
    if prompts := getattr(post, "prompts", None):
        html += str(prompts)
    return html


def outbound_links(html, source):
    """The distinct http(s) links of `html` (relative ones resolved against
    `source`), without fragments, in order; never the post itself."""
    links, seen = [], {normalize(source)}
    for link in documents.read(html, source).links:
        url = urldefrag(link.href).url
        if is_web_url(url) and normalize(url) not in seen:
            seen.add(normalize(url))
            links.append(url)
    return links


def link_internally(post, source, ours, target, html):
    """One of our posts links to another: its entry is made directly."""
    if not ours.allow_linkbacks:
        return Result(Status.REFUSED, Protocol.INTERNAL, detail="linkbacks are off")
    summary = documents.summarize(html, source, accepted_targets(ours, target))
    summary.title = post.title
    summary.site_name = post.get_site().site_name or summary.site_name
    linkback, _created = ReceivedLinkback.objects.get_or_create(
        source=source,
        page_id=ours.pk,
        defaults={"target": target, "protocol": ReceivedLinkback.Protocol.INTERNAL},
    )
    status = record(linkback, ours, summary, trusted=True)
    return Result(Status.SENT, Protocol.INTERNAL, detail=str(status))


def notify(source, target):
    """Discover the endpoint of `target` and notify it that `source` links
    to it."""
    try:
        page = safehttp.fetch(target, allowed_content_types=safehttp.ANY_TYPE)
    except safehttp.SafeHTTPError as error:
        return Result(Status.FAILED, detail=f"{type(error).__name__}: {error.reason}")
    if endpoint := discover.webmention_endpoint(page):
        return send_webmention(endpoint, source, target)
    if endpoint := discover.pingback_endpoint(page):
        return send_pingback(endpoint, source, target)
    return Result(Status.NO_ENDPOINT, response_status=page.status)


def send_webmention(endpoint, source, target):
    try:
        response = safehttp.fetch(
            endpoint,
            method="POST",
            data={"source": source, "target": target},
            allowed_content_types=safehttp.ANY_TYPE,
        )
    except safehttp.SafeHTTPError as error:
        return Result(
            Status.FAILED,
            Protocol.WEBMENTION,
            endpoint,
            detail=f"{type(error).__name__}: {error.reason}",
        )
    return Result(
        Status.SENT if response.ok else Status.REFUSED,
        Protocol.WEBMENTION,
        endpoint,
        response.status,
        response.text[:300] if not response.ok else "",
    )


def send_pingback(endpoint, source, target):
    body = xmlrpc.client.dumps((source, target), "pingback.ping", encoding="utf-8")
    try:
        response = safehttp.fetch(
            endpoint,
            method="POST",
            data=body.encode(),
            headers={"Content-Type": "text/xml; charset=utf-8"},
            allowed_content_types=safehttp.ANY_TYPE,
        )
    except safehttp.SafeHTTPError as error:
        return Result(
            Status.FAILED,
            Protocol.PINGBACK,
            endpoint,
            detail=f"{type(error).__name__}: {error.reason}",
        )
    if not response.ok:
        return Result(Status.REFUSED, Protocol.PINGBACK, endpoint, response.status)
    try:
        (answer,), _method = xmlrpc.client.loads(response.content)
    except xmlrpc.client.Fault as fault:
        # 48: "already registered" is a success for us.
        status = Status.SENT if fault.faultCode == 48 else Status.REFUSED
        return Result(
            status,
            Protocol.PINGBACK,
            endpoint,
            response.status,
            f"fault {fault.faultCode}: {fault.faultString}",
        )
    except Exception:  # not an XML-RPC answer (defusedxml refusals included)
        return Result(
            Status.FAILED,
            Protocol.PINGBACK,
            endpoint,
            response.status,
            "the answer is not XML-RPC",
        )
    return Result(
        Status.SENT, Protocol.PINGBACK, endpoint, response.status, str(answer)
    )
