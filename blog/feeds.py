"""RSS 2.0 and Atom feeds of a blog, a category or a tag, in one language."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import format_html
from django.utils.translation import gettext as _

FEED_LENGTH = 20
FEED_IMAGE = "fill-640x360"


class SiteFeed(Feed):
    """A feed whose own links name the site as its pages do (Wagtail's Site,
    or the served address in development: website/devsite.py), not
    django.contrib.sites' domain, which Django's feeds add to relative links."""

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def site_root(self):
        parts = self.page().get_url_parts(self.request)
        return parts[1] if parts and parts[1] else ""

    def link(self):
        return self.page().get_full_url(self.request)

    def feed_url(self):
        return self.site_root() + self.request.path


class PostsFeed(SiteFeed):
    def __init__(self, blog_index, posts, atom=False, subject=None):
        super().__init__()
        self.blog_index = blog_index
        self.posts = posts
        self.subject = subject
        self.feed_type = Atom1Feed if atom else Rss201rev2Feed
        self.language = blog_index.locale.language_code

    def page(self):
        return self.blog_index

    def title(self):
        if self.subject is not None:
            return f"{self.blog_index.title}: {self.subject}"
        return self.blog_index.title

    def description(self):
        return self.blog_index.intro or self.title()

    subtitle = description

    def items(self):
        from .models.pages import attach_listing_data

        return attach_listing_data(
            list(self.posts[:FEED_LENGTH]), self.blog_index.locale
        )

    def item_title(self, post):
        return post.title

    def item_link(self, post):
        return post.get_full_url(self.request)

    def item_guid(self, post):
        return post.get_full_url(self.request)

    def item_pubdate(self, post):
        return post.published_datetime()

    def item_updateddate(self, post):
        return post.last_published_at

    def item_author_name(self, post):
        return ", ".join(author.name for author in post.authors) or None

    def item_categories(self, post):
        return [category.name for category in post.category_list]

    def item_description(self, post):
        """The featured image (with its alternative text) and the excerpt."""
        parts = []
        image = post.featured_image
        if image is not None:
            rendition = image.get_rendition(FEED_IMAGE)
            parts.append(
                format_html(
                    '<p><img src="{}" alt="{}" width="{}" height="{}"></p>',
                    self.request.build_absolute_uri(rendition.url),
                    post.featured_image_alt,
                    rendition.width,
                    rendition.height,
                )
            )
        parts.append(format_html("<p>{}</p>", post.excerpt))
        parts.append(
            format_html(
                '<p><a href="{}">{}</a></p>',
                self.item_link(post),
                _("Continue reading"),
            )
        )
        return "".join(parts)


class CommentsFeed(SiteFeed):
    """The newest visible comments and linkbacks of one post (one language),
    as RSS 2.0 or Atom."""

    def __init__(self, post, atom=False):
        super().__init__()
        self.post = post
        self.feed_type = Atom1Feed if atom else Rss201rev2Feed
        self.language = post.locale.language_code

    def page(self):
        return self.post

    def title(self):
        return _("Comments on “%(title)s”") % {"title": self.post.title}

    def description(self):
        return self.title()

    subtitle = description

    def items(self):
        from .models import BlogComment

        return (
            BlogComment.objects.visible()
            .for_page(self.post)
            .select_related("user__profile")
            .order_by("-submit_date", "-pk")[:FEED_LENGTH]
        )

    def item_title(self, comment):
        return _("By %(name)s") % {"name": comment.author_name}

    def item_description(self, comment):
        return format_html("<p>{}</p>", comment.comment)

    def item_link(self, comment):
        return f"{self.post.get_full_url(self.request)}#c{comment.pk}"

    def item_guid(self, comment):
        return self.item_link(comment)

    def item_pubdate(self, comment):
        return comment.submit_date

    def item_author_name(self, comment):
        return comment.author_name
