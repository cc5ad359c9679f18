"""A fediverse server on loopback for the tests: Mastodon-shaped accounts
(actor documents with their public keys, personal and shared inboxes) on a
real HTTP server (`tests.httpservers.LocalHTTPServer`), and the signing of
activities as Mastodon signs them, to post to our inboxes through Django's
test client.

    with FediverseServer() as server:
        alice = server.account("alice")
        response = server.post(client, {"type": "Follow", ...}, "alice")
        server.delivered()  # the activities our site POSTed to its inboxes

The signature is made here from the cavage draft directly with
`cryptography` (not with `fediverse.signatures`), so a mistake in our code
is not repeated in the test's.
"""

import base64
import hashlib
import json
from datetime import UTC, datetime
from email.utils import format_datetime

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from tests.httpservers import LocalHTTPServer

ACTIVITY_JSON = "application/activity+json"
_KEYS = {}  # key size → generated keys, reused across tests (keygen is slow)


def new_key(slot):
    if slot not in _KEYS:
        _KEYS[slot] = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return _KEYS[slot]


def public_pem(key):
    return (
        key.public_key()
        .public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        .decode()
    )


def sha256_digest(body):
    return "SHA-256=" + base64.b64encode(hashlib.sha256(body).digest()).decode()


class FediverseServer:
    def __init__(self, *, host=None):
        self.http = LocalHTTPServer()
        self.keys = {}
        self._host = host

    def __enter__(self):
        self.http.__enter__()
        self.http.route("/inbox", status=202, headers={"Content-Type": "text/plain"})
        return self

    def __exit__(self, *exc_info):
        self.http.__exit__(*exc_info)

    @property
    def base(self):
        return self.http.url("").rstrip("/")

    @property
    def domain(self):
        return "127.0.0.1"

    def actor(self, name):
        return f"{self.base}/users/{name}"

    def note(self, name, number):
        return f"{self.base}/users/{name}/statuses/{number}"

    def account(self, name, *, display_name=None, shared_inbox=True, key_slot=None):
        """Serve the actor document of `name`; returns its id."""
        key = new_key(key_slot or name)
        self.keys[name] = key
        uri = self.actor(name)
        document = {
            "@context": [
                "https://www.w3.org/ns/activitystreams",
                "https://w3id.org/security/v1",
            ],
            "id": uri,
            "type": "Person",
            "preferredUsername": name,
            "name": display_name or name.title(),
            "url": f"{self.base}/@{name}",
            "inbox": f"{uri}/inbox",
            "outbox": f"{uri}/outbox",
            "icon": {"type": "Image", "url": f"{self.base}/avatars/{name}.png"},
            "publicKey": {
                "id": f"{uri}#main-key",
                "owner": uri,
                "publicKeyPem": public_pem(key),
            },
        }
        if shared_inbox:
            document["endpoints"] = {"sharedInbox": f"{self.base}/inbox"}
        self.http.route(
            f"/users/{name}",
            headers={"Content-Type": ACTIVITY_JSON},
            body=json.dumps(document).encode(),
        )
        self.http.route(
            f"/users/{name}/inbox", status=202, headers={"Content-Type": "text/plain"}
        )
        return uri

    # Signing what we send to the site

    def signed_headers(
        self,
        name,
        body,
        *,
        path="/fediverse/inbox/",
        host="testserver",
        date=None,
        digest=None,
        key=None,
        key_id=None,
    ):
        """Django test-client keyword arguments (HTTP_…) for a POST of
        `body` signed by `name`'s key (or `key`)."""
        date = format_datetime(date or datetime.now(UTC), usegmt=True)
        digest = digest or sha256_digest(body)
        string = "\n".join(
            [
                f"(request-target): post {path}",
                f"host: {host}",
                f"date: {date}",
                f"digest: {digest}",
            ]
        )
        signer = key or self.keys[name]
        signature = base64.b64encode(
            signer.sign(string.encode(), padding.PKCS1v15(), hashes.SHA256())
        ).decode()
        key_id = key_id or f"{self.actor(name)}#main-key"
        return {
            "HTTP_HOST": host,
            "HTTP_DATE": date,
            "HTTP_DIGEST": digest,
            "HTTP_SIGNATURE": (
                f'keyId="{key_id}",algorithm="rsa-sha256",'
                f'headers="(request-target) host date digest",'
                f'signature="{signature}"'
            ),
        }

    def post(
        self, client, activity, name, *, path="/fediverse/inbox/", body=None, **signing
    ):
        body = body if body is not None else json.dumps(activity).encode()
        return client.post(
            path,
            data=body,
            content_type=ACTIVITY_JSON,
            **self.signed_headers(name, body, path=path, **signing),
        )

    # What the site sent us

    def inbox_requests(self):
        return [
            request
            for request in self.http.requests
            if request.method == "POST" and request.path.endswith("inbox")
        ]

    def delivered(self):
        return [json.loads(request.body) for request in self.inbox_requests()]


def verify_our_signature(request, public_key_pem):
    """Check a request our site sent as Mastodon would: the Digest of the
    body, and the signature over (request-target) host date digest."""
    headers = {name.lower(): value for name, value in request.headers.items()}
    assert headers["digest"] == sha256_digest(request.body)
    params = dict(part.split("=", 1) for part in headers["signature"].split(","))
    params = {name: value.strip('"') for name, value in params.items()}
    assert params["algorithm"] == "rsa-sha256"
    assert params["headers"] == "(request-target) host date digest"
    string = "\n".join(
        [
            f"(request-target): post {request.path}",
            f"host: {headers['host']}",
            f"date: {headers['date']}",
            f"digest: {headers['digest']}",
        ]
    )
    key = serialization.load_pem_public_key(public_key_pem.encode())
    key.verify(  # raises InvalidSignature
        base64.b64decode(params["signature"]),
        string.encode(),
        padding.PKCS1v15(),
        hashes.SHA256(),
    )
    return params["keyId"]
