"""The HTML of a page of a post's thread, built in Python.

A busy discussion topic has hundreds of entries, and the template engine
spends about 0.4 ms on each one (an `{% include %}` per entry, a dozen
tags, two `date` filters): most of the time of a 200-comment page. Here the
markup of one entry is a handful of `format_html` calls, everything that is
the same for every entry (translated labels, the date format, the CSRF
token) is worked out once per thread, and the only template rendered is
the reply form, once. The result is the same markup the rest of the site
styles (`.comment`, `.comment__meta`, …) and scripts (`comments.js`).
"""

from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.formats import get_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from .text import linkify, safe_url


class ThreadRenderer:
    """Renders the entries of `thread` (the context built by the
    `{% comment_thread %}` tag) for `request`."""

    def __init__(self, thread, request, post):
        self.thread = thread
        self.request = request
        self.post = post
        self.date_format = get_format("DATETIME_FORMAT")
        self.can_reply = bool(thread["form"])
        self.max_level = thread["max_level"]
        self.reply_to = thread["reply_to"]
        page_number = thread["page_obj"].number
        self.reply_query = f"cpage={page_number}&" if page_number > 1 else ""
        self.member = thread["member"]
        self.csrf_token = get_token(request) if self.member else ""
        self.labels = {
            "permalink": gettext("link to this comment"),
            "reply": gettext("Reply"),
            "report": gettext("Report"),
            "reblog": gettext("Reblog"),
            "pingback": gettext("Pingback"),
            # Templates filled in per entry.
            "reply_to": gettext("to %(name)s"),
            "report_who": gettext("the comment by %(name)s"),
        }

    def render(self, nodes):
        """`<li>` elements of `nodes` and their replies, as safe HTML."""
        return mark_safe("".join(self.entry(node) for node in nodes))

    def entry(self, node):
        comment = node.comment
        replies = ""
        if node.children:
            replies = format_html(
                '<ol class="comment-list">{}</ol>', self.render(node.children)
            )
        return format_html(
            '<li class="comment comment--{kind}" id="c{pk}">'
            '<article class="comment__body" aria-labelledby="c{pk}-author">'
            '<header class="comment__meta">{author}{permalink}</header>'
            '<div class="comment__text">{text}</div>'
            '<div class="comment__actions">{actions}</div>'
            "</article>{reply_form}{replies}</li>",
            kind=comment.kind,
            pk=comment.pk,
            author=self.author(comment),
            permalink=self.permalink(comment),
            text=self.text(comment),
            actions=self.actions(comment),
            reply_form=self.reply_form(comment),
            replies=replies,
        )

    def author(self, comment):
        if comment.kind == "comment":
            url = safe_url(comment.user_url)
            name = comment.author_name
            if url:
                name = format_html('<a href="{}" rel="nofollow ugc">{}</a>', url, name)
        else:
            label = self.labels["reblog" if comment.kind == "reblog" else "pingback"]
            site = comment.source_site_name or comment.author_name
            name = format_html("{}: {}", label, site)
        return format_html(
            '<span class="comment__author" id="c{}-author">{}</span>',
            comment.pk,
            name,
        )

    def permalink(self, comment):
        # The date in the reader's time zone and language, like the `date`
        # filter, with the format looked up once for the whole thread.
        when = timezone.localtime(comment.submit_date)
        return format_html(
            '<a class="comment__permalink" href="#c{}"><time datetime="{}">{}</time>'
            '<span class="visually-hidden"> ({})</span></a>',
            comment.pk,
            when.isoformat(),
            format_date(when, self.date_format),
            self.labels["permalink"],
        )

    def text(self, comment):
        if comment.kind == "comment":
            return linkify(comment.comment)
        url = safe_url(comment.source_url)
        if comment.kind == "reblog":
            intro = gettext("Reblogged this on %(site)s and commented:") % {
                "site": comment.source_site_name or url
            }
            return format_html("<p>{}</p>{}", intro, linkify(comment.comment))
        site = ""
        if comment.source_site_name:
            site = format_html(" | {}", comment.source_site_name)
        excerpt = ""
        if comment.source_excerpt:
            excerpt = format_html(" — […] {} […]", comment.source_excerpt)
        return format_html(
            '<p><a href="{}" rel="nofollow ugc">{}</a>{}{}</p>',
            url,
            comment.source_title or url,
            site,
            excerpt,
        )

    def actions(self, comment):
        parts = []
        if (
            self.can_reply
            and comment.level < self.max_level
            and self.reply_to != comment.pk
        ):
            parts.append(
                format_html(
                    '<a href="?{}reply_to={}#reply-form">{}'
                    '<span class="visually-hidden"> {}</span></a>',
                    self.reply_query,
                    comment.pk,
                    self.labels["reply"],
                    self.labels["reply_to"] % {"name": comment.author_name},
                )
            )
        if self.member:
            parts.append(
                format_html(
                    '<form class="inline-form" method="post" action="{}">'
                    '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
                    '<button class="link-button" type="submit">{}'
                    '<span class="visually-hidden"> {}</span></button></form>',
                    reverse("comments-flag", args=[comment.pk]),
                    self.csrf_token,
                    self.labels["report"],
                    self.labels["report_who"] % {"name": comment.author_name},
                )
            )
        return format_html_join("\n", "{}", ((part,) for part in parts))

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
        return format_html(
            '<div class="comment-respond" id="reply-form"><h3>{}</h3>{}</div>',
            gettext("Reply to %(name)s") % {"name": comment.author_name},
            form,
        )
