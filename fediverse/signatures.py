"""HTTP Signatures as Mastodon uses them, written on `cryptography`.

Mastodon signs and checks the draft-cavage-http-signatures-12 scheme, not
RFC 9421 (which the maintained Python libraries implement): a
``Signature`` header with ``keyId``, ``algorithm="rsa-sha256"``,
``headers="(request-target) host date digest"`` and ``signature``, the
base64 RSA-SHA256 (PKCS#1 v1.5) signature of the listed headers, one
``name: value`` line each. The body is bound by a ``Digest:
SHA-256=<base64>`` header that is itself signed. See the README
("The fediverse") for why no library is used.

Pure functions, no database: keys are PEM text.
"""

import base64
import hashlib
import re
from dataclasses import dataclass
from email.utils import format_datetime, parsedate_to_datetime
from urllib.parse import urlsplit

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

SIGNED_HEADERS = ("(request-target)", "host", "date", "digest")
# What an incoming POST must have signed at least (GETs have no digest).
REQUIRED_POST_HEADERS = frozenset({"(request-target)", "host", "date", "digest"})
_PARAM = re.compile(r'(\w+)="([^"]*)"')


class SignatureError(Exception):
    """A signature that is missing, malformed or does not verify."""


@dataclass(frozen=True)
class KeyPair:
    private_pem: str
    public_pem: str


def generate_key_pair(bits=2048):
    key = rsa.generate_private_key(public_exponent=65537, key_size=bits)
    private_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    public_pem = (
        key.public_key()
        .public_bytes(
            serialization.Encoding.PEM,
            serialization.PublicFormat.SubjectPublicKeyInfo,
        )
        .decode()
    )
    return KeyPair(private_pem, public_pem)


def digest_header(body: bytes) -> str:
    return "SHA-256=" + base64.b64encode(hashlib.sha256(body).digest()).decode()


def digest_matches(header: str, body: bytes) -> bool:
    """Whether a ``Digest`` header holds the SHA-256 of ``body`` (other
    algorithms in the list are ignored; SHA-256 must be one of them)."""
    expected = digest_header(body)
    for part in (header or "").split(","):
        name, _, value = part.strip().partition("=")
        if name.lower() == "sha-256":
            return f"SHA-256={value}" == expected
    return False


def http_date(when) -> str:
    return format_datetime(when, usegmt=True)


def parse_http_date(value: str):
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return parsed if parsed and parsed.tzinfo else None


def host_of(url: str) -> str:
    """The ``Host`` header that requests sends for ``url`` (port included
    when it is not the scheme's default)."""
    parts = urlsplit(url)
    default = {"http": 80, "https": 443}.get(parts.scheme)
    host = parts.hostname or ""
    if parts.port and parts.port != default:
        host = f"{host}:{parts.port}"
    return host


def _signing_string(headers: dict, names, method: str, path: str) -> str:
    lines = []
    for name in names:
        if name == "(request-target)":
            lines.append(f"(request-target): {method.lower()} {path}")
        else:
            if name not in headers:
                raise SignatureError(f"signed header {name!r} is missing")
            lines.append(f"{name}: {headers[name]}")
    return "\n".join(lines)


def sign_request(
    *, method, url, body: bytes, key_id, private_pem, date
) -> dict[str, str]:
    """The headers to send with a signed request: Host, Date, Digest,
    Signature (and Content-Type for a body)."""
    parts = urlsplit(url)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    headers = {"host": host_of(url), "date": http_date(date)}
    names = ["(request-target)", "host", "date"]
    if method.upper() == "POST":
        headers["digest"] = digest_header(body)
        names.append("digest")
    string = _signing_string(headers, names, method, path)
    key = serialization.load_pem_private_key(private_pem.encode(), password=None)
    signature = key.sign(string.encode(), padding.PKCS1v15(), hashes.SHA256())
    headers["signature"] = ",".join(
        [
            f'keyId="{key_id}"',
            'algorithm="rsa-sha256"',
            f'headers="{" ".join(names)}"',
            f'signature="{base64.b64encode(signature).decode()}"',
        ]
    )
    result = {
        "Host": headers["host"],
        "Date": headers["date"],
        "Signature": headers["signature"],
    }
    if "digest" in headers:
        result["Digest"] = headers["digest"]
        result["Content-Type"] = "application/activity+json"
    return result


@dataclass(frozen=True)
class ParsedSignature:
    key_id: str
    algorithm: str
    headers: tuple[str, ...]
    signature: bytes


def parse_signature_header(value: str) -> ParsedSignature:
    params = dict(_PARAM.findall(value or ""))
    if "keyId" not in params or "signature" not in params:
        raise SignatureError("the Signature header has no keyId or signature")
    try:
        signature = base64.b64decode(params["signature"], validate=True)
    except ValueError as error:
        raise SignatureError("the signature is not base64") from error
    names = tuple(params.get("headers", "date").lower().split())
    return ParsedSignature(
        key_id=params["keyId"],
        algorithm=params.get("algorithm", "rsa-sha256").lower(),
        headers=names,
        signature=signature,
    )


def verify_request(
    parsed: ParsedSignature, *, method, path, headers: dict, public_pem
) -> None:
    """Raise SignatureError unless ``parsed`` verifies over ``headers``
    (lower-case names) with ``public_pem``. "hs2019" is accepted as the
    RSA-SHA256 it means for RSA keys."""
    if parsed.algorithm not in ("rsa-sha256", "hs2019"):
        raise SignatureError(f"algorithm {parsed.algorithm!r} is not supported")
    if method.upper() == "POST" and not set(parsed.headers) >= REQUIRED_POST_HEADERS:
        raise SignatureError("the signature does not cover the required headers")
    string = _signing_string(headers, parsed.headers, method, path)
    try:
        key = serialization.load_pem_public_key(public_pem.encode())
    except ValueError as error:
        raise SignatureError("the actor's public key cannot be read") from error
    if not isinstance(key, rsa.RSAPublicKey):
        raise SignatureError("only RSA keys are supported")
    try:
        key.verify(
            parsed.signature, string.encode(), padding.PKCS1v15(), hashes.SHA256()
        )
    except InvalidSignature as error:
        raise SignatureError("the signature does not verify") from error
