"""The HTML of a page of a post's thread, built in Python.

A busy discussion topic has hundreds of entries, and the template engine
spends about 0.4 ms on each one (an `{% include %}` per entry, a dozen
tags, two `date` filters): most of the time of a 200-comment page. Here an
entry is a few f-strings, and everything that is the same for every entry
(translated labels, the parsed date format) is worked out
once per thread; the only template rendered is the reply form, once. The
markup is the one the rest of the site styles (`.comment`,
`.comment__meta`, …) and scripts (`comments.js`).

Every value that comes from a commenter or a linking site goes through
`esc`; `linkify` returns HTML it has escaped itself.
"""

# What django.utils.html.escape does, minus its lazy-string wrapper, which
# costs more than the escaping itself (about 15 calls an entry).
from html import escape as esc

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import DateFormat, re_escaped, re_formatchars
from django.utils.formats import get_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from .text import linkify, safe_url


class DateFormatter:
    """A `date` filter for many datetimes in one format: the format string
    is split once, and the pieces that depend only on the day (month and
    weekday names, translated) are worked out once per day, those that
    depend only on the time of day ("p.m.", "noon", translated) once per
    minute."""

    # Format characters whose output depends on the date alone.
    DAY_CODES = frozenset("bdDEFjlLmMnNoStwWyYz")
    # Format characters whose output depends on the hour and minute alone.
    CLOCK_CODES = frozenset("aAfgGhHiP")

    def __init__(self, format_string):
        # Split as Django's Formatter does: odd parts are format characters.
        parts = re_formatchars.split(format_string)
        self.pieces = [
            (part, None) if index % 2 else (None, re_escaped.sub(r"\1", part))
            for index, part in enumerate(parts)
            if part
        ]
        self.known = {}  # (code, day) or (code, hour, minute): output

    def __call__(self, value):
        """`value` in local time, as the template engine hands it to the
        `date` filter."""
        formatter = None
        out = []
        for code, literal in self.pieces:
            if code is None:
                out.append(literal)
                continue
            if code in self.DAY_CODES:
                key = (code, value.year, value.month, value.day)
            elif code in self.CLOCK_CODES:
                key = (code, value.hour, value.minute)
            else:
                key = None
            if key is None or key not in self.known:
                formatter = formatter or DateFormat(value)
                output = str(getattr(formatter, code)())
                if key is None:
                    out.append(output)
                    continue
                self.known[key] = output
            out.append(self.known[key])
        return "".join(out)


class ThreadRenderer:
    """Renders the entries of `thread` (the context built by the
    `{% comment_thread %}` tag) for `request`."""

    def __init__(self, thread, request, post):
        self.thread = thread
        self.request = request
        self.post = post
        self.format_date = DateFormatter(get_format("DATETIME_FORMAT"))
        self.timezone = timezone.get_current_timezone()
        self.can_reply = thread["comments_open"]
        self.max_level = thread["max_level"]
        self.reply_to = thread["reply_to"]
        page_number = thread["page_obj"].number
        self.reply_query = f"cpage={page_number}&amp;" if page_number > 1 else ""
        if thread.get("comments_only"):
            self.reply_query += "show=comments&amp;"
        self.member = thread["member"]
        self.labels = {
            "permalink": esc(gettext("link to this comment")),
            "reply": esc(gettext("Reply")),
            "report": esc(gettext("Report")),
            "reblog": esc(gettext("Reblog")),
            "pingback": esc(gettext("Pingback")),
        }
        # Filled in with each entry's author.
        self.reply_to_whom = gettext("to %(name)s")
        self.report_whose = gettext("the comment by %(name)s")

    def render(self, entries):
        """`<li>` elements of `entries` and their replies, as safe HTML."""
        return mark_safe("".join(self.entry(entry) for entry in entries))

    def entry(self, comment):
        pk = comment.pk
        replies = ""
        if comment.children:
            replies = f'<ol class="comment-list">{self.render(comment.children)}</ol>'
        return (
            f'<li class="comment comment--{esc(comment.kind)}" id="c{pk}">'
            f'<article class="comment__body" aria-labelledby="c{pk}-author">'
            f'<header class="comment__meta">{self.author(comment)}'
            f"{self.permalink(comment)}</header>"
            f'<div class="comment__text">{self.text(comment)}</div>'
            f'<div class="comment__actions">{self.actions(comment)}</div>'
            f"</article>{self.reply_form(comment)}{replies}</li>"
        )

    def author(self, comment):
        if comment.kind in ("comment", "fediverse"):
            name = esc(comment.author_name)
            url = safe_url(comment.user_url)
            if url:
                name = f'<a href="{esc(url)}" rel="nofollow ugc">{name}</a>'
            if comment.kind == "fediverse":  # the server, never their avatar
                on = gettext("on %(server)s") % {"server": comment.source_site_name}
                name += f' <span class="comment__server">{esc(on)}</span>'
        elif comment.kind == "boost":
            name = esc(comment.author_name)
        else:
            label = self.labels["reblog" if comment.kind == "reblog" else "pingback"]
            site = esc(comment.source_site_name or comment.author_name)
            name = f"{label}: {site}"
        return f'<span class="comment__author" id="c{comment.pk}-author">{name}</span>'

    def permalink(self, comment):
        # The date in the reader's time zone and language, as the `date`
        # filter would write it.
        when = timezone.localtime(comment.submit_date, self.timezone)
        return (
            f'<a class="comment__permalink" href="#c{comment.pk}">'
            f'<time datetime="{when.isoformat()}">{esc(self.format_date(when))}</time>'
            f'<span class="visually-hidden"> ({self.labels["permalink"]})</span></a>'
        )

    def text(self, comment):
        if comment.kind in ("comment", "fediverse"):
            return linkify(comment.comment)
        if comment.kind == "boost":
            line = gettext("Boosted by %(name)s on %(server)s") % {
                "name": comment.author_name,
                "server": comment.source_site_name,
            }
            url = safe_url(comment.user_url)
            if url:
                return f'<p><a href="{esc(url)}" rel="nofollow ugc">{esc(line)}</a></p>'
            return f"<p>{esc(line)}</p>"
        url = safe_url(comment.source_url)
        if comment.kind == "reblog":
            intro = gettext("Reblogged this on %(site)s and commented:") % {
                "site": comment.source_site_name or url
            }
            return f"<p>{esc(intro)}</p>{linkify(comment.comment)}"
        site = ""
        if comment.source_site_name:
            site = f" | {esc(comment.source_site_name)}"
        excerpt = ""
        if comment.source_excerpt:
            excerpt = f" — […] {esc(comment.source_excerpt)} […]"
        title = esc(comment.source_title or url)
        return (
            f'<p><a href="{esc(url)}" rel="nofollow ugc">{title}</a>{site}{excerpt}</p>'
        )

    def actions(self, comment):
        parts = []
        name = comment.author_name
        if (
            self.can_reply
            and comment.level < self.max_level
            and self.reply_to != comment.pk
        ):
            who = esc(self.reply_to_whom % {"name": name})
            parts.append(
                f'<a href="?{self.reply_query}reply_to={comment.pk}#reply-form">'
                f'{self.labels["reply"]}<span class="visually-hidden"> {who}</span></a>'
            )
        if self.member:
            # A link to a page that asks first: no CSRF token in the thread.
            who = esc(self.report_whose % {"name": name})
            url = esc(reverse("comments-flag", args=[comment.pk]))
            parts.append(
                f'<a href="{url}">{self.labels["report"]}'
                f'<span class="visually-hidden"> {who}</span></a>'
            )
        return "\n".join(parts)

    def reply_form(self, comment):
        """The reply form under the comment being answered (the only entry
        that renders a template)."""
        if self.reply_to != comment.pk:
            return ""
        form = render_to_string(
            "blog/comments/form.html",
            {
                "form": self.thread["form"],
                "post": self.post,
                "parent": comment,
                "member": self.member,
            },
            request=self.request,
        )
        heading = esc(gettext("Reply to %(name)s") % {"name": comment.author_name})
        return (
            f'<div class="comment-respond" id="reply-form"><h3>{heading}</h3>'
            f"{form}</div>"
        )
