"""Comment text: plain text in, escaped HTML out, with web addresses made
into links that search engines do not follow (`rel="nofollow ugc"`)."""

import re

from django.utils.html import linebreaks, urlize
from django.utils.safestring import mark_safe

LINK = re.compile(r"(?:https?://|www\.)\S", re.IGNORECASE)


def linkify(text):
    """Escape `text`, link its http(s) addresses with rel="nofollow ugc" and
    turn its line breaks into paragraphs."""
    html = urlize(text or "", trim_url_limit=60, nofollow=True, autoescape=True)
    # urlize escaped the text, so the only rel="nofollow" left is its own.
    html = html.replace(' rel="nofollow"', ' rel="nofollow ugc"')
    return mark_safe(linebreaks(html, autoescape=False))


def count_links(text):
    """How many web addresses `text` contains."""
    return len(LINK.findall(text or ""))


def safe_url(url):
    """`url` if it is an http(s) address, else the empty string (never a
    javascript: or data: link)."""
    url = (url or "").strip()
    return url if re.match(r"https?://", url, re.IGNORECASE) else ""
