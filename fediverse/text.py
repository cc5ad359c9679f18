"""Remote HTML (a Mastodon Note's `content`) made into our comments' plain
text: paragraphs and line breaks kept as line breaks, every tag and
attribute dropped by nh3 (the sanitiser the site uses), entities decoded.
Links survive as their text (Mastodon writes a link's full URL as its
text, split into spans), and the thread makes URLs clickable again with
rel="nofollow ugc". Nothing from the remote markup reaches our pages."""

import html
import re

import nh3

MAX_CHARS = 5000
_BREAKS = re.compile(r"<\s*br\s*/?\s*>|</\s*p\s*>\s*(<\s*p[^>]*>)?", re.IGNORECASE)


def plain_text(remote_html):
    if not isinstance(remote_html, str):
        return ""
    with_breaks = _BREAKS.sub("\n", remote_html)
    stripped = nh3.clean(with_breaks, tags=set(), attributes={})
    text = html.unescape(stripped)
    lines = [line.strip() for line in text.replace("\r", "").split("\n")]
    return "\n".join(line for line in lines if line).strip()[:MAX_CHARS]


def first_of(value):
    """A JSON-LD value that may be a list, an object with an id, or a
    string: its first id as a string."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("id") or value.get("href")
    return value if isinstance(value, str) else ""
