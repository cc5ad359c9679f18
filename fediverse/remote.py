"""Fetching other servers' actors, through the safe HTTP client only.

An actor document is fetched from the `keyId` of a signature (without its
fragment), under every rule of `website.safehttp` (public addresses, ports
80/443, 3 redirects, 5 s, 1 MiB), as ActivityPub JSON. Nothing is stored
here: the caller keeps the actor once its signature has verified.
"""

import json
from dataclasses import dataclass
from urllib.parse import urldefrag, urlsplit

from website import safehttp

ACTIVITY_TYPES = frozenset(
    {"application/activity+json", "application/ld+json", "application/json"}
)
ACCEPT = 'application/activity+json, application/ld+json; profile="https://www.w3.org/ns/activitystreams"'


class RemoteError(Exception):
    """The actor could not be fetched or read (the reason is for logs)."""


@dataclass(frozen=True)
class ActorInfo:
    uri: str
    domain: str
    username: str
    name: str
    profile_url: str
    inbox: str
    shared_inbox: str
    key_id: str
    public_key_pem: str

    def as_fields(self):
        return {
            "domain": self.domain,
            "username": self.username,
            "name": self.name,
            "profile_url": self.profile_url,
            "inbox": self.inbox,
            "shared_inbox": self.shared_inbox,
            "key_id": self.key_id,
            "public_key_pem": self.public_key_pem,
        }


def domain_of(url):
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def _text(value, limit):
    return value[:limit] if isinstance(value, str) else ""


def fetch_actor(key_id):
    """The actor that owns `key_id`, read from its document."""
    url = urldefrag(key_id)[0]
    try:
        response = safehttp.fetch(
            url, headers={"Accept": ACCEPT}, allowed_content_types=ACTIVITY_TYPES
        )
    except safehttp.SafeHTTPError as error:
        raise RemoteError(f"{type(error).__name__}: {error.reason}") from error
    if not response.ok:
        raise RemoteError(f"the actor's server answered {response.status}")
    try:
        document = json.loads(response.content)
    except (ValueError, RecursionError) as error:
        raise RemoteError("the actor document is not JSON") from error
    return parse_actor(document, url)


def parse_actor(document, fetched_from):
    if not isinstance(document, dict):
        raise RemoteError("the actor document is not an object")
    uri = document.get("id")
    key = document.get("publicKey")
    if isinstance(key, list):
        key = key[0] if key else None
    inbox = document.get("inbox")
    if not (isinstance(uri, str) and isinstance(key, dict) and isinstance(inbox, str)):
        raise RemoteError("the actor document lacks an id, inbox or key")
    # The document must be the one it claims to be, on the same server.
    if domain_of(uri) != domain_of(fetched_from) or domain_of(inbox) != domain_of(uri):
        raise RemoteError("the actor's id or inbox is on another server")
    if key.get("owner") not in (None, uri):
        raise RemoteError("the key belongs to another actor")
    endpoints = document.get("endpoints")
    shared = endpoints.get("sharedInbox") if isinstance(endpoints, dict) else ""
    if not isinstance(shared, str) or domain_of(shared) != domain_of(uri):
        shared = ""
    profile = document.get("url")
    if isinstance(profile, list):
        profile = profile[0] if profile else ""
    if isinstance(profile, dict):
        profile = profile.get("href", "")
    return ActorInfo(
        uri=uri[:500],
        domain=domain_of(uri),
        username=_text(document.get("preferredUsername"), 200),
        name=_text(document.get("name"), 200),
        profile_url=_text(profile, 500) or uri[:500],
        inbox=inbox[:500],
        shared_inbox=shared[:500],
        key_id=_text(key.get("id"), 500) or uri[:500],
        public_key_pem=_text(key.get("publicKeyPem"), 10_000),
    )
