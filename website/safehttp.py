"""The one door through which this site fetches other people's pages.

Linkbacks make us fetch URLs that strangers give us (the source of a pingback or a
webmention) and URLs found in our own posts (to discover and notify endpoints). A
stranger's URL can point at our own network, so every outbound fetch goes through
:func:`fetch`, which applies these rules:

Only ``http`` and ``https``, on ports 80 and 443.
    Other schemes (``file:``, ``ftp:``, ``gopher:``…) reach things that are not web
    pages, and other ports reach mail, SSH, Redis, admin consoles that only expect
    friends. The scheme and port are checked before each request; the port is checked
    again on the exact address the connection goes to.

Only public addresses, checked after DNS resolution.
    Names resolve to whatever their owner wants, including ``127.0.0.1``, ``10.x``
    or the cloud metadata service at ``169.254.169.254``, so checking the URL's text
    is not enough. requests-hardened resolves the host once, refuses private,
    loopback and link-local addresses (unwrapping IPv4-mapped IPv6 such as
    ``::ffff:127.0.0.1``) and pins the connection to the address it checked, so the
    name cannot be re-pointed between the check and the connection (DNS rebinding).
    On that same pinned address we add what it leaves out: reserved, multicast,
    unspecified (``0.0.0.0``, ``::``), site-local and IPv4-compatible IPv6 addresses.
    A literal address in the URL is refused before any resolver is involved.

Redirects are followed by hand, at most 3, each hop checked like the first.
    A public page may redirect to an internal one; requests never follows redirects
    here, we do, and every hop goes through the same scheme, port and address rules.
    303, and 301/302 after a POST, continue with a GET without a body (as browsers
    do); 307/308 repeat the request.

5 seconds for the whole fetch, 1 MiB for the body.
    A hostile server can answer slowly or endlessly to tie up our workers. Both limits
    cover the whole fetch, redirects included:

    - The body is streamed with ``read1``, which returns after each network read, so
      the deadline is checked between the bytes of a server that trickles them; each
      read is also given a socket timeout of the time left. The body stops and fails
      as soon as it passes the cap, and a ``Content-Length`` over the cap is refused
      before reading anything. The cap counts decompressed bytes.
    - Some waits cannot be cut from inside: a DNS lookup, or a server that trickles
      its status line, headers or TLS handshake (each network read succeeds, so a
      per-read timeout never fires). So the fetch runs in a worker thread and the
      caller waits for it only until the deadline: the caller always gets an answer
      (or :class:`TooSlow`) on time. An abandoned worker stops at its next deadline
      check or socket timeout, or, behind headers trickled byte by byte, when the
      server stops sending; meanwhile it holds only its thread and its socket.

Only HTML, unless the caller says otherwise.
    We parse what we fetch as HTML; anything else is refused (XML-RPC responses and
    fire-and-forget POSTs pass their own list). For a response that is not 2xx the
    body is read only if its type is allowed, and is otherwise empty: callers still
    see the status (a 410 means the source is gone).

No proxies, no ``.netrc``: the session ignores the environment, so an
``HTTP_PROXY`` variable cannot move the connection somewhere we did not check.

Loopback is allowed only when ``settings.SAFE_HTTP_ALLOW_LOOPBACK`` is true (the test
settings), and then on any port, since test servers use ephemeral ones; every other
rule still applies. ``SAFE_HTTP_TIMEOUT`` (seconds, default 5),
``SAFE_HTTP_MAX_BYTES`` (default 1 MiB) and ``SAFE_HTTP_USER_AGENT`` can be set too.
Settings are read on each call, never at import.

Errors are all :class:`SafeHTTPError`. Their ``str()`` is a fixed sentence that is
safe to show to whoever sent the URL; ``reason`` has the details (resolved
addresses, the underlying error) and belongs in our logs only.
"""

import codecs
import ipaddress
import re
import threading
import time
from collections.abc import Collection, Mapping
from concurrent import futures
from dataclasses import dataclass, replace
from functools import cached_property
from http.client import HTTPException
from typing import Any
from urllib.parse import urljoin, urlsplit

import requests
import urllib3
from django.conf import settings
from requests.structures import CaseInsensitiveDict
from requests_hardened import Config, HTTPSession
from requests_hardened.ip_filter import EXTRA_BLOCKED_NET_RANGES, InvalidIPAddress
from requests_hardened.ip_filter_adapter import IPFilterAdapter

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
XML_TYPES = frozenset({"text/xml", "application/xml"})
ANY_TYPE = None  # pass as allowed_content_types to accept any response type

DEFAULT_TIMEOUT = 5.0  # seconds, for the whole fetch
MAX_BODY_BYTES = 1024 * 1024  # 1 MiB
MAX_REDIRECTS = 3

DEFAULT_PORTS = {"http": 80, "https": 443}
ALLOWED_PORTS = frozenset(DEFAULT_PORTS.values())
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})

_READ_SIZE = 64 * 1024
# How long the caller waits past the deadline, so that the worker's own error
# (which says where the time went) usually wins over the generic one.
_GRACE_SECONDS = 0.1
# An HTML page declares its charset in its first 1024 bytes (HTML's prescan).
_META_CHARSET = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([a-z0-9_.:-]+)""", re.IGNORECASE
)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([a-z0-9_.:-]+)""", re.I)


class SafeHTTPError(Exception):
    """Any refusal or failure of :func:`fetch`.

    ``str(error)`` is a fixed sentence, safe to repeat to whoever gave us the URL;
    ``reason`` (for logs) says what exactly happened; ``url`` is the hop that failed.
    """

    message = "The URL could not be fetched."

    def __init__(self, reason: str, *, url: str = "") -> None:
        super().__init__(self.message)
        self.reason = reason
        self.url = url

    def __repr__(self) -> str:
        return f"{type(self).__name__}(reason={self.reason!r}, url={self.url!r})"


class UnsafeURL(SafeHTTPError):
    message = "Only public http and https addresses on ports 80 and 443 are allowed."


class TooManyRedirects(SafeHTTPError):
    message = f"The URL redirects more than {MAX_REDIRECTS} times."


class TooLarge(SafeHTTPError):
    message = "The response is too large."


class TooSlow(SafeHTTPError):
    message = "The server took too long to answer."


class WrongContentType(SafeHTTPError):
    message = "The response is not of an accepted content type."


class FetchFailed(SafeHTTPError):
    message = "The URL could not be fetched."


@dataclass(frozen=True)
class Response:
    """What a fetch returns, whatever its status (only redirects are followed).

    ``history`` holds the URLs that redirected, in order; ``url`` is the final one.
    Parse XML from ``content`` (its own declaration names the encoding), HTML from
    ``text``.
    """

    url: str
    status: int
    headers: Mapping[str, str]  # case-insensitive
    content: bytes
    history: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    @property
    def content_type(self) -> str:
        """The media type without parameters, lower case ("" when missing)."""
        return _media_type(self.headers.get("Content-Type", ""))

    @cached_property
    def encoding(self) -> str:
        """Byte order mark, then the header's charset, then ``<meta>``, then UTF-8."""
        for bom, name in (
            (codecs.BOM_UTF8, "utf-8-sig"),
            (codecs.BOM_UTF16_LE, "utf-16"),
            (codecs.BOM_UTF16_BE, "utf-16"),
        ):
            if self.content.startswith(bom):
                return name
        declared = _HEADER_CHARSET.search(self.headers.get("Content-Type", ""))
        if declared and _is_known_encoding(declared[1]):
            return declared[1]
        meta = _META_CHARSET.search(self.content[:1024])
        if meta and _is_known_encoding(name := meta[1].decode("ascii")):
            # A page read as bytes cannot really be UTF-16 if its <meta> is ASCII.
            return "utf-8" if name.lower().startswith("utf-16") else name
        return "utf-8"

    @cached_property
    def text(self) -> str:
        try:
            return self.content.decode(self.encoding, errors="replace")
        except LookupError:  # a codec that is not a text encoding, such as "hex"
            return self.content.decode("utf-8", errors="replace")


def fetch(
    url: str,
    *,
    method: str = "GET",
    data: bytes | Mapping[str, str] | None = None,
    headers: Mapping[str, str] | None = None,
    allowed_content_types: Collection[str] | None = HTML_TYPES,
) -> Response:
    """Fetch ``url`` under the rules above; raise a :class:`SafeHTTPError` subclass.

    ``data`` is the POST body (bytes, or a mapping to form-encode).
    ``allowed_content_types`` lists the media types accepted in a 2xx response
    (``XML_TYPES`` for XML-RPC), or is ``ANY_TYPE`` (None) to accept anything.
    Non-2xx responses are returned, not raised.
    """
    if method not in ("GET", "POST"):
        raise ValueError(f"safehttp.fetch supports GET and POST, not {method!r}")
    policy = _Policy.from_settings()
    deadline = time.monotonic() + policy.timeout
    allowed = (
        None
        if allowed_content_types is None
        else frozenset(media_type.lower() for media_type in allowed_content_types)
    )
    request = _Request(
        method=method,
        url=url,
        data=data,
        headers={"Accept": ", ".join(sorted(allowed or ["*/*"])), **(headers or {})},
    )

    # See the module docstring: the worker enforces the limits where it can, and
    # the caller stops waiting at the deadline whatever the worker is blocked on.
    outcome: futures.Future[Response] = futures.Future()

    def work() -> None:
        try:
            outcome.set_result(_fetch(request, allowed, policy, deadline))
        except BaseException as error:  # handed over to the caller, not swallowed
            outcome.set_exception(error)

    threading.Thread(target=work, name="safehttp-fetch", daemon=True).start()
    futures.wait([outcome], timeout=policy.timeout + _GRACE_SECONDS)
    if not outcome.done():
        raise TooSlow(f"no answer within {policy.timeout:g} s", url=url)
    return outcome.result()


@dataclass(frozen=True)
class _Policy:
    allow_loopback: bool
    timeout: float
    max_bytes: int
    user_agent: str

    @classmethod
    def from_settings(cls) -> "_Policy":
        user_agent = "LibrariansNetwork-Linkbacks/1.0"
        if base_url := getattr(settings, "WAGTAILADMIN_BASE_URL", ""):
            user_agent += f" (+{base_url})"
        return cls(
            allow_loopback=bool(getattr(settings, "SAFE_HTTP_ALLOW_LOOPBACK", False)),
            timeout=float(getattr(settings, "SAFE_HTTP_TIMEOUT", DEFAULT_TIMEOUT)),
            max_bytes=int(getattr(settings, "SAFE_HTTP_MAX_BYTES", MAX_BODY_BYTES)),
            user_agent=getattr(settings, "SAFE_HTTP_USER_AGENT", "") or user_agent,
        )


@dataclass(frozen=True)
class _Request:
    method: str
    url: str
    data: Any
    headers: Mapping[str, str]

    def redirected_to(self, url: str, status: int) -> "_Request":
        if status == 303 or (status in (301, 302) and self.method == "POST"):
            headers = {
                name: value
                for name, value in self.headers.items()
                if name.lower() != "content-type"
            }
            return _Request(method="GET", url=url, data=None, headers=headers)
        return replace(self, url=url)


def _fetch(
    request: _Request,
    allowed: frozenset[str] | None,
    policy: _Policy,
    deadline: float,
) -> Response:
    history: list[str] = []
    with _new_session(policy) as session:
        while True:
            _check_url(request.url, policy)
            response = _send(session, request, deadline)
            try:
                location = _redirect_location(response)
                if location is None:
                    return _read_response(response, history, allowed, policy, deadline)
            finally:
                response.close()
            if len(history) == MAX_REDIRECTS:
                raise TooManyRedirects(
                    f"redirect number {MAX_REDIRECTS + 1} to {location!r}",
                    url=response.url,
                )
            history.append(response.url)
            try:
                next_url = urljoin(response.url, location)
            except ValueError as error:
                raise UnsafeURL(f"bad redirect {location!r}: {error}") from error
            request = request.redirected_to(next_url, response.status_code)


def _check_url(url: str, policy: _Policy) -> None:
    """Refuse what can be refused from the URL alone, before any DNS lookup."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise UnsafeURL(f"malformed URL: {error}", url=url) from error
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS:
        raise UnsafeURL(f"scheme {scheme!r} is not allowed", url=url)
    if not parts.hostname:
        raise UnsafeURL("the URL has no host", url=url)
    # With loopback allowed, any port may be fine (test servers): the adapter
    # decides once it knows the address.
    if port is not None and port not in ALLOWED_PORTS and not policy.allow_loopback:
        raise UnsafeURL(f"port {port} is not allowed", url=url)
    try:
        literal = ipaddress.ip_address(parts.hostname)
    except ValueError:
        return  # a name (or an odd spelling like "127.1"): checked once resolved
    # A literal address needs no resolver (which, on a host without IPv6, would
    # fail on an IPv6 literal with a less telling error).
    refusal = _address_refusal(
        literal, port or DEFAULT_PORTS[scheme], allow_loopback=policy.allow_loopback
    )
    if refusal:
        raise UnsafeURL(refusal, url=url)


def _address_refusal(
    address: ipaddress.IPv4Address | ipaddress.IPv6Address,
    port: int,
    *,
    allow_loopback: bool,
) -> str | None:
    """Say why we won't connect to ``address`` on ``port``, or None if we will."""
    if address.version == 6 and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    if allow_loopback and address.is_loopback:
        return None
    if (
        # is_global leaves out private, loopback, link-local, unspecified and
        # documentation ranges but, on Python 3.11, not these:
        not address.is_global
        or address.is_multicast
        or address.is_reserved  # 240.0.0.0/4, and ::/8 with IPv4-compatible ::a.b.c.d
        or (address.version == 6 and address.is_site_local)  # fec0::/10
        or any(address in network for network in EXTRA_BLOCKED_NET_RANGES)
    ):
        return f"address {address} is not public"
    if port not in ALLOWED_PORTS:
        return f"port {port} is not allowed"
    return None


class _GuardedAdapter(IPFilterAdapter):
    """requests-hardened's adapter, plus our port and address rules.

    The parent resolves the host once, refuses private and loopback addresses and
    puts the address it checked in ``host_params``: that is the address urllib3
    connects to, so checking it here has no gap between check and connection.
    """

    def __init__(self, *, is_https_proto: bool, allow_loopback: bool) -> None:
        super().__init__(is_https_proto=is_https_proto, allow_loopback=allow_loopback)
        self.allow_loopback = allow_loopback

    def build_connection_pool_key_attributes(self, request, verify, cert=None):
        host_params, pool_kwargs = super().build_connection_pool_key_attributes(
            request, verify, cert
        )
        address = ipaddress.ip_address(host_params["host"].strip("[]"))
        port = host_params["port"] or DEFAULT_PORTS[host_params["scheme"]]
        refusal = _address_refusal(address, port, allow_loopback=self.allow_loopback)
        if refusal:
            raise UnsafeURL(refusal, url=request.url)
        return host_params, pool_kwargs


def _new_session(policy: _Policy) -> requests.Session:
    session = HTTPSession(
        Config(
            ip_filter_enable=True,
            ip_filter_allow_loopback_ips=policy.allow_loopback,
            never_redirect=True,  # we follow redirects ourselves, checking each hop
            default_timeout=(policy.timeout, policy.timeout),
            user_agent_override=policy.user_agent,
        )
    )
    for prefix, is_https in (("http://", False), ("https://", True)):
        session.mount(
            prefix,
            _GuardedAdapter(
                is_https_proto=is_https, allow_loopback=policy.allow_loopback
            ),
        )
    session.trust_env = False  # no proxies or .netrc credentials from the environment
    return session


def _send(
    session: requests.Session, request: _Request, deadline: float
) -> requests.Response:
    time_left = _time_left(deadline, request.url)
    try:
        return session.request(
            request.method,
            request.url,
            data=request.data,
            headers=dict(request.headers),
            timeout=(time_left, time_left),
            stream=True,
            allow_redirects=False,
        )
    except InvalidIPAddress as error:  # raised by requests-hardened's own check
        raise UnsafeURL(f"address {error} is not public", url=request.url) from error
    except requests.Timeout as error:
        raise TooSlow(f"timed out: {error}", url=request.url) from error
    except (
        requests.exceptions.InvalidSchema,
        requests.exceptions.InvalidURL,
        requests.exceptions.MissingSchema,
    ) as error:
        raise UnsafeURL(f"invalid URL: {error}", url=request.url) from error
    except requests.RequestException as error:
        raise FetchFailed(str(error), url=request.url) from error


def _redirect_location(response: requests.Response) -> str | None:
    if response.status_code not in REDIRECT_STATUSES:
        return None
    location = response.headers.get("Location")
    if location is None:
        return None
    # http.client decodes headers as Latin-1, but servers mostly send UTF-8.
    try:
        return location.encode("latin-1").decode("utf-8")
    except UnicodeError:
        return location


def _read_response(
    response: requests.Response,
    history: list[str],
    allowed: frozenset[str] | None,
    policy: _Policy,
    deadline: float,
) -> Response:
    media_type = _media_type(response.headers.get("Content-Type", ""))
    type_allowed = allowed is None or media_type in allowed
    if not type_allowed and 200 <= response.status_code < 300:
        raise WrongContentType(
            f"content type {media_type or '(none)'} is not accepted", url=response.url
        )
    return Response(
        url=response.url,
        status=response.status_code,
        headers=CaseInsensitiveDict(response.headers),
        content=_read_body(response, policy.max_bytes, deadline)
        if type_allowed
        else b"",
        history=tuple(history),
    )


def _read_body(response: requests.Response, max_bytes: int, deadline: float) -> bytes:
    declared = response.headers.get("Content-Length", "").strip()
    if declared.isdigit() and int(declared) > max_bytes:
        raise TooLarge(f"Content-Length is {declared}", url=response.url)
    body = bytearray()
    try:
        while True:
            _set_read_timeout(response, _time_left(deadline, response.url))
            # read1 returns after one network read, whatever its size, so a server
            # that trickles bytes meets the deadline check above.
            chunk = response.raw.read1(_READ_SIZE, decode_content=True)
            if not chunk:
                return bytes(body)
            body += chunk
            if len(body) > max_bytes:
                raise TooLarge(f"body over {max_bytes} bytes", url=response.url)
    except (urllib3.exceptions.ReadTimeoutError, TimeoutError) as error:
        raise TooSlow(f"body read timed out: {error}", url=response.url) from error
    except (urllib3.exceptions.HTTPError, HTTPException, OSError) as error:
        raise FetchFailed(f"body read failed: {error!r}", url=response.url) from error


def _set_read_timeout(response: requests.Response, seconds: float) -> None:
    """Make the next socket read wait no longer than the time left."""
    connection = response.raw.connection
    sock = getattr(connection, "sock", None)
    if sock is not None:
        sock.settimeout(seconds)


def _time_left(deadline: float, url: str) -> float:
    time_left = deadline - time.monotonic()
    if time_left <= 0:
        raise TooSlow("the deadline passed", url=url)
    return time_left


def _media_type(content_type: str) -> str:
    return content_type.split(";", 1)[0].strip().lower()


def _is_known_encoding(name: str) -> bool:
    try:
        codecs.lookup(name)
    except LookupError:
        return False
    return True
