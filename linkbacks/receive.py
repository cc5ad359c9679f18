"""The two receivers: Pingback 1.0 at /xmlrpc/ and Webmention at
/webmention/, outside the language prefix and exempt from CSRF (other
sites' servers post to them).

Both only check what needs no network (the target is a live post of ours
that accepts linkbacks, the source is a different http(s) URL), record the
notification and answer at once; the `verify` task fetches the source
later. So neither answer can tell the sender anything about what our
server can reach: the XML-RPC faults are 33 (not a target of ours), 48
(already registered) and 0 (anything else), never the "source not found"
or "upstream error" of the Pingback specification.

XML-RPC bodies over 64 KB are refused before parsing; parsing goes through
defusedxml (see `apps.py`): no entities, no external references. Only
`pingback.ping` exists: `system.multicall`, introspection and every other
method get the "method not found" fault. Both receivers are rate-limited
per client address (LINKBACKS_RATE_LIMIT).
"""

import logging
import xmlrpc.client

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from website import ratelimit

from .addresses import is_web_url, normalize
from .models import ReceivedLinkback
from .targets import post_for_url
from .verify import verify_linkback

logger = logging.getLogger(__name__)

MAX_XMLRPC_BYTES = 64 * 1024
MAX_WEBMENTION_BYTES = 64 * 1024

FAULT_GENERIC = 0
FAULT_TARGET_UNUSABLE = 33
FAULT_ALREADY_REGISTERED = 48
FAULT_METHOD_NOT_FOUND = -32601  # the XML-RPC "specification for fault codes"
FAULT_INVALID_PARAMS = -32602

# Notifications of a source that is already shown or waiting.
REGISTERED = {
    ReceivedLinkback.Status.PENDING,
    ReceivedLinkback.Status.PUBLISHED,
    ReceivedLinkback.Status.HELD,
}


class NotAccepted(Exception):
    """A notification we refuse, with a message for the sender."""

    def __init__(self, message, fault=FAULT_GENERIC):
        super().__init__(message)
        self.message, self.fault = message, fault


def plain(status, message, **headers):
    response = HttpResponse(
        message + "\n", status=status, content_type="text/plain; charset=utf-8"
    )
    for name, value in headers.items():
        response[name] = value
    return response


def rate_limited(request):
    limit, window = settings.LINKBACKS_RATE_LIMIT
    return not ratelimit.allow("linkback", ratelimit.client_ip(request), limit, window)


def accept(source, target):
    """The post `target` names, after checking the pair; or NotAccepted."""
    if not is_web_url(target):
        raise NotAccepted(
            _("The target must be the http or https address of a post on this site."),
            FAULT_TARGET_UNUSABLE,
        )
    if not is_web_url(source):
        raise NotAccepted(_("The source must be an http or https address."))
    if normalize(source) == normalize(target):
        raise NotAccepted(_("The source and the target must be different pages."))
    post = post_for_url(target)
    if post is None:
        raise NotAccepted(
            _("The target is not a published post of this site."),
            FAULT_TARGET_UNUSABLE,
        )
    if not post.allow_linkbacks:
        raise NotAccepted(
            _("This post does not accept linkbacks."), FAULT_TARGET_UNUSABLE
        )
    return post


def register(*, source, target, post, protocol, sender_ip):
    """Record a notification and queue its verification (after commit).
    Returns whether the pair was already registered."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                linkback, created = ReceivedLinkback.objects.get_or_create(
                    source=source,
                    page_id=post.pk,
                    defaults={
                        "target": target,
                        "protocol": protocol,
                        "sender_ip": sender_ip,
                    },
                )
        except IntegrityError:  # the same pair, notified twice at once
            linkback, created = (
                ReceivedLinkback.objects.get(source=source, page_id=post.pk),
                False,
            )
        already = not created and linkback.status in REGISTERED
        if not created:
            linkback.target, linkback.sender_ip = target, sender_ip
            linkback.save(update_fields=["target", "sender_ip", "notified_at"])
        linkback_id = linkback.pk
        transaction.on_commit(lambda: verify_linkback.enqueue(linkback_id))
    return already


# Pingback


@csrf_exempt
@never_cache
def pingback(request):
    if request.method != "POST":
        return plain(
            405,
            _("This is an XML-RPC server: send pingback.ping by POST."),
            Allow="POST",
        )
    if rate_limited(request):
        return plain(429, _("Too many requests: try again later."))
    body = read_capped(request, MAX_XMLRPC_BYTES)
    if body is None:
        return plain(413, _("The request is larger than 64 KB."))
    try:
        params, method = xmlrpc.client.loads(body)
    except Exception:  # any parse failure (or forbidden entity) is bad input
        return plain(400, _("The request is not a well-formed XML-RPC call."))
    if method is None:
        return plain(400, _("The request is not a well-formed XML-RPC call."))
    if method != "pingback.ping":
        return fault(
            FAULT_METHOD_NOT_FOUND, _("Method not found: only pingback.ping exists.")
        )
    if len(params) != 2 or not all(isinstance(value, str) for value in params):
        return fault(
            FAULT_INVALID_PARAMS,
            _("pingback.ping takes two strings: the source and target URLs."),
        )
    source, target = (value.strip() for value in params)
    try:
        post = accept(source, target)
    except NotAccepted as refusal:
        return fault(refusal.fault, refusal.message)
    already = register(
        source=source,
        target=target,
        post=post,
        protocol=ReceivedLinkback.Protocol.PINGBACK,
        sender_ip=ratelimit.client_ip(request),
    )
    if already:
        # Registered before: the source is checked again (it may have
        # changed), and the sender told, as the specification says.
        return fault(
            FAULT_ALREADY_REGISTERED, _("The pingback has already been registered.")
        )
    return xmlrpc_response(
        (
            _(
                "Thank you: the pingback will be checked and, if the source "
                "links to the target, shown after moderation."
            ),
        )
    )


def fault(code, message):
    return xmlrpc_response(xmlrpc.client.Fault(code, message))


def xmlrpc_response(result):
    body = xmlrpc.client.dumps(
        result,
        methodresponse=not isinstance(result, xmlrpc.client.Fault),
        encoding="utf-8",
    )
    return HttpResponse(body, content_type="text/xml; charset=utf-8")


def read_capped(request, limit):
    """The request body, or None when it is larger than `limit` bytes
    (refused from Content-Length when declared, else after limit + 1)."""
    declared = request.META.get("CONTENT_LENGTH", "") or "0"
    if declared.isdigit() and int(declared) > limit:
        return None
    body = request.read(limit + 1)
    return None if len(body) > limit else body


# Webmention


@csrf_exempt
@never_cache
def webmention(request):
    if request.method != "POST":
        return plain(
            405,
            _("This is a Webmention endpoint: send source and target by POST."),
            Allow="POST",
        )
    if rate_limited(request):
        return plain(429, _("Too many requests: try again later."))
    declared = request.META.get("CONTENT_LENGTH", "") or "0"
    if not declared.isdigit() or int(declared) > MAX_WEBMENTION_BYTES:
        return plain(413, _("The request is larger than 64 KB."))
    try:
        source = request.POST.get("source", "").strip()
        target = request.POST.get("target", "").strip()
    except MultiPartParserError:  # a multipart body without a usable boundary
        return plain(400, _("Send both source and target, form-encoded."))
    if not source or not target:
        return plain(400, _("Send both source and target, form-encoded."))
    try:
        post = accept(source, target)
    except NotAccepted as refusal:
        return plain(400, refusal.message)
    register(
        source=source,
        target=target,
        post=post,
        protocol=ReceivedLinkback.Protocol.WEBMENTION,
        sender_ip=ratelimit.client_ip(request),
    )
    return plain(
        202, _("Accepted: the source will be checked for a link to the target.")
    )
