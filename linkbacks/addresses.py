"""URL comparison without the database (see `targets` for the rules)."""

from urllib.parse import urlsplit, urlunsplit

MAX_URL_LENGTH = 500  # the length of the URL fields that store them


def normalize(url):
    """`url` without fragment, default port and trailing slash, scheme and host
    in lower case; "" for what is not an http(s) URL with a host."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except (ValueError, AttributeError):
        return ""
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        return ""
    host = parts.hostname.lower()
    if ":" in host:  # IPv6
        host = f"[{host}]"
    if port and port != {"http": 80, "https": 443}[scheme]:
        host = f"{host}:{port}"
    path = parts.path.rstrip("/")
    return urlunsplit((scheme, host, path, parts.query, ""))


def is_web_url(url):
    """Whether `url` is an absolute http(s) URL we can store."""
    return bool(url) and len(url) <= MAX_URL_LENGTH and bool(normalize(url))
