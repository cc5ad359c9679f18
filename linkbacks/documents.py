"""Reading other people's HTML: links, title, site name, excerpt, h-entry.

Everything here is plain Python over a string, with no network or database:
`read(html, url)` scans the page once with the standard library's
tolerant HTML parser (comments are skipped, `&lt;a&gt;` stays text, script
and style are not text), then `summarize()` says whether it links to one
of the accepted target URLs and what to show about it.

- Links count only as `<a href>`, resolved against the page's final URL.
- Title: the first h-entry's name, else `<title>`. Site name:
  `og:site_name`, else the host. Author: the h-entry's author.
- Excerpt: about `EXCERPT_CONTEXT` characters of visible text either side
  of the first link to the target, cut at word boundaries.
- Kind: a repost when the h-entry's `u-repost-of` names the target, or when
  the text says "Reblogged this on <Site> and commented:" (WordPress); the
  reblogger's commentary is then what follows. A reply (`u-in-reply-to`)
  or a like (`u-like-of`) keeps its content as the entry's text.

mf2py (html5lib underneath) is slow on large pages, so it runs only on
pages that mention "h-entry" at all. Scanning is linear in the page size.
"""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import mf2py

from .addresses import normalize

EXCERPT_CONTEXT = 100
MAX_COMMENT = 3000

# Elements whose text readers do not see.
HIDDEN = frozenset({"script", "style", "template", "noscript", "head", "svg"})
# Inline elements do not separate words; every other tag does.
INLINE = frozenset(
    [
        "a",
        "abbr",
        "b",
        "bdi",
        "bdo",
        "cite",
        "code",
        "data",
        "dfn",
        "em",
        "i",
        "kbd",
        "mark",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "time",
        "u",
        "var",
    ]
)
REBLOGGED = re.compile(
    r"Reblogged this on (?P<site>.{1,200}?) and commented:\s*(?P<commentary>.*)",
    re.IGNORECASE | re.DOTALL,
)


@dataclass
class Link:
    href: str  # absolute
    start: int  # offsets of its text in Document.text
    end: int


@dataclass
class Document:
    url: str
    text: str = ""
    title: str = ""
    site_name: str = ""
    links: list[Link] = field(default_factory=list)
    # (tag, rel values in lower case, href as written) of <link> and <a>
    # elements that have both, in document order: for endpoint discovery.
    rel_links: list[tuple[str, frozenset[str], str]] = field(default_factory=list)


@dataclass
class Summary:
    links_to_target: bool
    title: str = ""
    site_name: str = ""
    author: str = ""
    excerpt: str = ""
    is_repost: bool = False
    text: str = ""  # commentary of a reblog, content of a reply


class _Scanner(HTMLParser):
    def __init__(self, document):
        super().__init__(convert_charrefs=True)
        self.document = document
        self.parts = []
        self.length = 0
        self.ends_in_space = True
        self.hidden = []  # stack of hidden elements we are inside
        self.in_title = False
        self.title_parts = []
        self.open_link = None

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        if tag in ("link", "a") and "rel" in attributes and "href" in attributes:
            rels = frozenset(attributes["rel"].lower().split())
            self.document.rel_links.append((tag, rels, attributes["href"]))
        if tag == "meta" and attributes.get("property", "").lower() == "og:site_name":
            self.document.site_name = self.document.site_name or clean(
                attributes.get("content", "")
            )
        if tag == "title" and not self.document.title:
            self.in_title = True
        if tag in HIDDEN:
            self.hidden.append(tag)
        if tag == "a":
            self.close_link()
            href = attributes.get("href", "").strip()
            if href:
                try:
                    absolute = urljoin(self.document.url, href)
                except ValueError:
                    absolute = ""
                if absolute:
                    self.open_link = Link(absolute, self.length, self.length)
        elif tag not in INLINE:
            self.add_text(" ")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in HIDDEN:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag == "title" and self.in_title:
            self.in_title = False
            self.document.title = clean("".join(self.title_parts))
        if tag in HIDDEN and tag in self.hidden:
            while self.hidden and self.hidden.pop() != tag:
                pass
        if tag == "a":
            self.close_link()
        elif tag not in INLINE:
            self.add_text(" ")

    def handle_data(self, data):
        if self.in_title:
            self.title_parts.append(data)
        if not self.hidden:
            self.add_text(data)

    def add_text(self, data):
        collapsed = re.sub(r"\s+", " ", data)
        if self.ends_in_space:
            collapsed = collapsed.lstrip(" ")
        if collapsed:
            self.parts.append(collapsed)
            self.length += len(collapsed)
            self.ends_in_space = collapsed.endswith(" ")

    def close_link(self):
        if self.open_link is not None:
            self.open_link.end = self.length
            self.document.links.append(self.open_link)
            self.open_link = None

    def finish(self):
        self.close()
        self.close_link()
        self.document.text = "".join(self.parts)
        if self.in_title:
            self.document.title = clean("".join(self.title_parts))
        return self.document


def read(html, url):
    """Scan `html`, the page found at `url` (its final URL)."""
    scanner = _Scanner(Document(url=url))
    scanner.feed(html)
    return scanner.finish()


def summarize(html, url, accepted):
    """What the page at `url` says about the target, whose accepted URLs
    (normalized, see `targets.normalize`) are `accepted`."""
    document = read(html, url)
    link = next(
        (link for link in document.links if normalize(link.href) in accepted), None
    )
    if link is None:
        return Summary(links_to_target=False)
    summary = Summary(
        links_to_target=True,
        title=document.title,
        site_name=document.site_name or urlsplit(url).hostname or "",
        excerpt=excerpt(document.text, link.start, link.end),
    )
    if "h-entry" in html:
        apply_entry(summary, first_entry(html, url), accepted)
    if not summary.is_repost and (reblog := REBLOGGED.search(document.text)):
        summary.is_repost = True
        summary.site_name = clean(reblog["site"])
        summary.text = commentary(reblog["commentary"], link, document)
    summary.title = summary.title[:300]
    summary.site_name = summary.site_name[:200]
    summary.text = summary.text[:MAX_COMMENT]
    return summary


def excerpt(text, start, end, context=EXCERPT_CONTEXT):
    """About `context` characters either side of text[start:end], cut at
    word boundaries."""
    begin, finish = max(0, start - context), min(len(text), end + context)
    before, after = text[begin:start], text[end:finish]
    if begin > 0 and " " in before:
        before = before[before.index(" ") + 1 :]
    if finish < len(text) and " " in after:
        after = after[: after.rindex(" ")]
    return (before + text[start:end] + after).strip()


def commentary(following, link, document):
    """The reblogger's words: the text after "…and commented:", up to the
    link to the reblogged post when it comes first (WordPress puts the
    commentary before the quoted post)."""
    text = following
    offset = len(document.text) - len(following)
    if link.start > offset:
        text = document.text[offset : link.start]
    return clean(text)[:MAX_COMMENT]


def first_entry(html, url):
    try:
        parsed = mf2py.parse(doc=html, url=url)
    except Exception:  # a broken page is a page without microformats
        return None
    stack = list(parsed.get("items", []))
    while stack:
        item = stack.pop(0)
        if not isinstance(item, dict):
            continue
        if "h-entry" in item.get("type", []):
            return item
        stack[:0] = item.get("children", [])
    return None


def apply_entry(summary, entry, accepted):
    if entry is None:
        return
    properties = entry.get("properties", {})
    if name := first_text(properties.get("name")):
        summary.title = name
    if author := first_text(properties.get("author")):
        summary.author = author[:50]
    content = first_text(properties.get("content"))
    reposted = {normalize(url) for url in urls(properties.get("repost-of"))}
    if reposted & accepted:
        summary.is_repost = True
        summary.text = content
    else:
        responses = [
            *urls(properties.get("in-reply-to")),
            *urls(properties.get("like-of")),
        ]
        if {normalize(url) for url in responses} & accepted:
            summary.text = content


def first_text(values):
    for value in values or []:
        if isinstance(value, str):
            text = value
        elif isinstance(value, dict):
            names = value.get("properties", {}).get("name") or []
            # An embedded h-card's name, not its value (a u-author's value
            # is its URL); e-content has no properties, only a value.
            text = (names[0] if names else "") or value.get("value") or ""
            if not isinstance(text, str):
                text = ""
        else:
            continue
        if text := clean(text):
            return text
    return ""


def urls(values):
    for value in values or []:
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for url in value.get("properties", {}).get("url", []):
                if isinstance(url, str):
                    yield url
            if isinstance(value.get("value"), str):
                yield value["value"]


def clean(text):
    return re.sub(r"\s+", " ", text).strip()
