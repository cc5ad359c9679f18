"""Which of our posts a URL names, and the URLs that count as a link to it.

A post is reached at its published URL, language prefix included
(`https://site/en/blog/post/`). A link written without the trailing slash,
with the host in capitals, with the default port or with a fragment is the
same link; a link with another language prefix is a link to another page
(that language's translation), not this one.
"""

from urllib.parse import unquote, urlsplit

from blog.models import BlogPage
from website.control_characters import has_control

from .addresses import normalize


def post_for_url(url):
    """The live, public post (specific) published at `url`, or None."""
    wanted = normalize(url)
    if not wanted or urlsplit(wanted).query:
        return None
    segments = [segment for segment in urlsplit(wanted).path.split("/") if segment]
    if not segments:
        return None
    slug = unquote(segments[-1])
    if has_control(slug):  # a percent-encoded NUL never reaches the database
        return None
    candidates = BlogPage.objects.live().public().filter(slug=slug)
    for post in candidates.specific():
        if normalize(post.get_full_url() or "") == wanted:
            return post
    return None


def accepted_targets(post, given_target=""):
    """The normalized URLs that count as a link to `post`: its published URL
    (with or without trailing slash, see `normalize`) and the exact target
    URL a sender gave us."""
    return {normalize(post.get_full_url() or ""), normalize(given_target)} - {""}
