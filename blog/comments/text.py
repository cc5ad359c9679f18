"""Comment text: plain text in, escaped HTML out, with web addresses made
into links that search engines do not follow (`rel="nofollow ugc"`)."""

import functools
import re
from html import escape

from django.utils.safestring import mark_safe
from django.utils.text import Truncator

LINK = re.compile(r"(?:https?://|www\.)\S", re.IGNORECASE)
# A web address in running text: up to the next space or angle bracket or
# quote, without the punctuation that ends a sentence around it.
ADDRESS = re.compile(r"""(?:https?://|www\.)[^\s<>"']+""", re.IGNORECASE)
TRAILING = ".,;:!?)]}"
SHOWN_LENGTH = 60
BLANK_LINES = re.compile(r"\n{2,}")


# A pure function of the text: a thread rendered again (every new comment
# purges its page) reuses the HTML of the entries it already showed. About
# a thousand entries' worth per process, a few megabytes at most.
@functools.lru_cache(maxsize=1024)
def linkify(text):
    """Escape `text`, link its web addresses with rel="nofollow ugc" and turn
    its line breaks into paragraphs.

    A regular expression over the raw text, rather than Django's `urlize`:
    it renders a 200-comment thread several times faster, and only http(s)
    and www. addresses need to become links here. `html.escape` is
    Django's `escape` without its lazy-string wrapper (the same output)."""
    text = text or ""
    parts, position = [], 0
    for match in ADDRESS.finditer(text):
        address = trimmed(match)
        start, end = match.start(), match.start() + len(address)
        href = address if address.lower().startswith("http") else f"http://{address}"
        parts.append(escape(text[position:start]))
        shown = address
        if len(shown) > SHOWN_LENGTH:  # Truncator is slow: only when needed
            shown = Truncator(address).chars(SHOWN_LENGTH)
        parts.append(f'<a href="{escape(href)}" rel="nofollow ugc">{escape(shown)}</a>')
        position = end
    parts.append(escape(text[position:]))
    return mark_safe(paragraphs("".join(parts)))


def trimmed(match):
    """The web address an ADDRESS match stands for, without the sentence's
    punctuation after it."""
    found = match.group(0)
    address = found.rstrip(TRAILING)
    if address.count("(") > address.count(")") and found[len(address) :][:1] == ")":
        address += ")"  # keep a closing bracket that belongs to the address
    return address


def links_in(text):
    """The web addresses in `text`, in order, as `linkify` links them."""
    addresses = (trimmed(match) for match in ADDRESS.finditer(text or ""))
    return [
        address if address.lower().startswith("http") else f"http://{address}"
        for address in addresses
    ]


def paragraphs(html):
    """Django's `linebreaks` for text already escaped: a blank line starts
    a new paragraph, a single line break becomes <br>. (Django's, being
    lazy-string aware, costs more than the rest of `linkify`.)"""
    html = html.replace("\r\n", "\n").replace("\r", "\n")
    return "\n\n".join(
        "<p>" + paragraph.replace("\n", "<br>") + "</p>"
        for paragraph in BLANK_LINES.split(html)
    )


def count_links(text):
    """How many web addresses `text` contains."""
    return len(LINK.findall(text or ""))


def safe_url(url):
    """`url` if it is an http(s) address, else the empty string (never a
    javascript: or data: link)."""
    url = (url or "").strip()
    return url if re.match(r"https?://", url, re.IGNORECASE) else ""
