"""The inboxes: `/fediverse/inbox/` (shared) and `/fediverse/actors/<name>/inbox/`.

Each POST is checked before anything is stored, cheapest first:

1. size: a body over FEDIVERSE_MAX_BODY_BYTES (256 KiB) is refused (413);
2. a `Signature` header naming a key (401 without);
3. the server named by the key is not blocked (403) and within its rate
   limit, FEDIVERSE_RATE_LIMIT per server (429);
4. `Date` within the window (12 hours back, 1 hour ahead, as Mastodon);
5. `Digest` is the SHA-256 of the body (400);
6. the body is a JSON object at most FEDIVERSE_MAX_JSON_DEPTH deep (400);
7. the key's actor is fetched through the safe HTTP client (all its SSRF
   rules) unless known, and the signature verifies over
   (request-target), host, date and digest (401); a known actor whose
   signature fails is fetched again once, in case its key changed;
8. the activity's `actor` is the key's owner (401), and not blocked (403).

Only then is the remote actor kept and the activity handled
(`handlers.handle`); the answer is 202. A refused request stores nothing.
"""

import json
import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from website import ratelimit

from . import handlers, signatures
from .models import Block, RemoteActor
from .remote import RemoteError, domain_of, fetch_actor

logger = logging.getLogger(__name__)

MAX_BODY_BYTES = 256 * 1024
MAX_JSON_DEPTH = 20
DATE_PAST = timedelta(hours=12)
DATE_FUTURE = timedelta(hours=1)
RATE_LIMIT = (300, 300)  # activities per server, per 5 minutes


class Refused(Exception):
    def __init__(self, status, message):
        super().__init__(message)
        self.status, self.message = status, message


def plain(status, message):
    return HttpResponse(
        message + "\n", status=status, content_type="text/plain; charset=utf-8"
    )


@csrf_exempt
@never_cache
@require_POST
def inbox(request, username=None):
    try:
        activity, remote = verified_activity(request)
    except Refused as refusal:
        logger.info("Inbox refused a request: %s", refusal.message)
        return plain(refusal.status, refusal.message)
    handlers.handle(activity, remote)
    return plain(202, "Accepted")


def json_depth(value, limit):
    """Whether `value` nests no deeper than `limit` (iterative: no recursion
    on hostile input)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > limit:
            return False
        if isinstance(item, dict):
            stack.extend((child, depth + 1) for child in item.values())
        elif isinstance(item, list):
            stack.extend((child, depth + 1) for child in item)
    return True


def verified_activity(request):
    max_bytes = getattr(settings, "FEDIVERSE_MAX_BODY_BYTES", MAX_BODY_BYTES)
    declared = request.META.get("CONTENT_LENGTH") or "0"
    if not declared.isdigit() or int(declared) > max_bytes:
        raise Refused(413, "The body is too large.")
    body = request.body
    if len(body) > max_bytes:
        raise Refused(413, "The body is too large.")

    try:
        parsed = signatures.parse_signature_header(request.headers.get("Signature"))
    except signatures.SignatureError as error:
        raise Refused(401, "A valid HTTP signature is required.") from error
    domain = domain_of(parsed.key_id)
    if not domain:
        raise Refused(401, "A valid HTTP signature is required.")
    if Block.is_blocked(parsed.key_id.split("#")[0], domain):
        raise Refused(403, "This server or account is blocked here.")
    limit, window = getattr(settings, "FEDIVERSE_RATE_LIMIT", RATE_LIMIT)
    if not ratelimit.allow("fediverse-inbox", domain, limit, window):
        raise Refused(429, "Too many requests from this server.")

    date = signatures.parse_http_date(request.headers.get("Date", ""))
    now = timezone.now()
    if date is None or not (now - DATE_PAST <= date <= now + DATE_FUTURE):
        raise Refused(401, "The Date header is missing or outside the window.")
    if not signatures.digest_matches(request.headers.get("Digest", ""), body):
        raise Refused(400, "The Digest header does not match the body.")

    try:
        activity = json.loads(body)
    except (ValueError, RecursionError) as error:
        raise Refused(400, "The body is not JSON.") from error
    depth = getattr(settings, "FEDIVERSE_MAX_JSON_DEPTH", MAX_JSON_DEPTH)
    if not isinstance(activity, dict) or not json_depth(activity, depth):
        raise Refused(400, "The body is not an activity, or is nested too deep.")

    remote = verify_signature(request, parsed)
    if activity.get("actor") != remote.uri:
        raise Refused(401, "The activity's actor did not sign it.")
    if Block.is_blocked(remote.uri, remote.domain):
        raise Refused(403, "This server or account is blocked here.")
    return activity, keep(remote)


def _signed_headers(request):
    headers = {name.lower(): value for name, value in request.headers.items()}
    headers.setdefault("host", request.get_host())
    return headers


def verify_signature(request, parsed):
    """The remote actor (saved or not) whose key verifies the request."""
    path = request.get_full_path()
    headers = _signed_headers(request)
    known = RemoteActor.objects.filter(key_id=parsed.key_id).first()
    if known is not None:
        try:
            signatures.verify_request(
                parsed,
                method="POST",
                path=path,
                headers=headers,
                public_pem=known.public_key_pem,
            )
            return known
        except signatures.SignatureError:
            pass  # its key may have changed: fetch it again
    try:
        info = fetch_actor(parsed.key_id)
    except RemoteError as error:
        raise Refused(401, "The signing key could not be fetched.") from error
    if info.key_id != parsed.key_id:
        raise Refused(401, "The signing key is not the actor's.")
    try:
        signatures.verify_request(
            parsed,
            method="POST",
            path=path,
            headers=headers,
            public_pem=info.public_key_pem,
        )
    except signatures.SignatureError as error:
        raise Refused(401, "The HTTP signature does not verify.") from error
    # Not saved yet: the caller keeps it once the activity is accepted.
    remote = RemoteActor.objects.filter(uri=info.uri).first() or RemoteActor(
        uri=info.uri
    )
    for name, value in info.as_fields().items():
        setattr(remote, name, value)
    return remote


def keep(remote):
    """Save the (verified) remote actor; one made at the same time by
    another request is updated instead."""
    if remote.pk is not None:
        remote.save()
        return remote
    fields = {
        name: getattr(remote, name)
        for name in (
            "domain",
            "username",
            "name",
            "profile_url",
            "inbox",
            "shared_inbox",
            "key_id",
            "public_key_pem",
        )
    }
    with transaction.atomic():
        kept, _created = RemoteActor.objects.update_or_create(
            uri=remote.uri, defaults=fields
        )
    return kept
