import datetime

from django.core.paginator import Paginator
from django.db import models
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from website.models import KnownViewRestrictionsMixin
from website.request_memo import localized, public
from website.views import page_number

from ..admin_forms import BlogPageForm
from ..blocks import PostBodyBlock, PromptsBlock
from ..feeds import CommentsFeed, PostsFeed
from .comments import CannotReply, reply_target, visible_comment_counts
from .snippets import Author, Category, tags_in_language

POSTS_PER_PAGE = 10
LISTING_IMAGE = "fill-640x360"


class BlogIndexPage(KnownViewRestrictionsMixin, RoutablePageMixin, Page):
    """The blog of one language: newest posts first, ten a page, with
    archives by tag, category, author, year and month, and feeds."""

    intro = models.TextField(
        _("introduction"), blank=True, help_text=_("Shown above the list of posts.")
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["website.HomePage"]
    subpage_types = ["blog.BlogPage", "blog.DiscussionTopicPage"]

    class Meta:
        verbose_name = _("blog index")
        verbose_name_plural = _("blog indexes")

    # Routes: the listing and its archives. ---------------------------------

    @path("")
    def all_posts(self, request):
        return self.render_listing(request, self.posts())

    @path("tag/<slug:tag>/")
    def tag_archive(self, request, tag):
        tag = self.tag_or_404(tag)
        posts = self.posts().filter(tags=tag)
        return self.render_listing(
            request,
            posts,
            archive=_("Tag: %s") % tag.name,
            feeds=self.feed_links(request, "tag", tag.slug),
        )

    @path("category/<slug:category>/")
    def category_archive(self, request, category):
        category = self.category_or_404(category)
        posts = self.posts().in_category(category)
        return self.render_listing(
            request,
            posts,
            archive=_("Category: %s") % category.name,
            feeds=self.feed_links(request, "category", category.slug),
        )

    @path("author/<slug:author>/")
    def author_archive(self, request, author):
        author = self.author_or_404(author)
        with_photos([author])
        posts = self.posts().by_author(author)
        return self.render_listing(
            request, posts, archive=_("Posts by %s") % author.name, author=author
        )

    @path("<int:year>/")
    def year_archive(self, request, year):
        if not 1900 <= year <= 9999:
            raise Http404
        posts = self.posts().filter(date__year=year)
        return self.render_listing(request, posts, archive=str(year))

    @path("<int:year>/<int:month>/")
    def month_archive(self, request, year, month):
        if not (1900 <= year <= 9999 and 1 <= month <= 12):
            raise Http404
        posts = self.posts().filter(date__year=year, date__month=month)
        label = datetime.date(year, month, 1)
        return self.render_listing(request, posts, archive=label, archive_is_month=True)

    # Feeds, announced in <head> of every blog page. -------------------------

    @path("feed/", name="feed_rss")
    def feed_rss(self, request):
        return self.feed(request, self.posts(), atom=False)

    @path("feed/atom/", name="feed_atom")
    def feed_atom(self, request):
        return self.feed(request, self.posts(), atom=True)

    @path("category/<slug:category>/feed/", name="category_feed_rss")
    def category_feed_rss(self, request, category):
        category = self.category_or_404(category)
        return self.feed(request, self.posts().in_category(category), False, category)

    @path("category/<slug:category>/feed/atom/", name="category_feed_atom")
    def category_feed_atom(self, request, category):
        category = self.category_or_404(category)
        return self.feed(request, self.posts().in_category(category), True, category)

    @path("tag/<slug:tag>/feed/", name="tag_feed_rss")
    def tag_feed_rss(self, request, tag):
        tag = self.tag_or_404(tag)
        return self.feed(request, self.posts().filter(tags=tag), False, tag)

    @path("tag/<slug:tag>/feed/atom/", name="tag_feed_atom")
    def tag_feed_atom(self, request, tag):
        tag = self.tag_or_404(tag)
        return self.feed(request, self.posts().filter(tags=tag), True, tag)

    # Helpers. ---------------------------------------------------------------

    def get_cached_paths(self):
        return ["/", "feed/", "feed/atom/"]

    def posts(self):
        """The live posts of this blog (this language), newest first."""
        return (
            public(BlogPage.objects.live())
            .descendant_of(self)
            .newest_first()
            .with_listing_relations()
        )

    def snippet_or_404(self, model, slug):
        """The `model` snippet (category, author) with `slug` in this blog's
        language; one not translated yet is found in its own language, as
        the posts filed under it link to it."""
        snippet = (
            model.objects.filter(slug=slug, locale=self.locale).first()
            or model.objects.filter(slug=slug).order_by("pk").first()
        )
        if snippet is None:
            raise Http404
        return snippet

    def category_or_404(self, slug):
        return self.snippet_or_404(Category, slug)

    def author_or_404(self, slug):
        return self.snippet_or_404(Author, slug)

    def tag_or_404(self, slug):
        """The tag, named in this blog's language where it has a name in it
        (`TagName`)."""
        [tag] = tags_in_language([get_object_or_404(Tag, slug=slug)], self.locale)
        return tag

    def feed_links(self, request, kind=None, slug=None):
        """{"rss": url, "atom": url} of the blog's feeds, or of the feeds of
        one category or tag (`kind`, `slug`): the visible links of a
        listing."""
        base = self.get_url(request) or ""
        if kind is None:
            return {
                "rss": base + self.reverse_subpage("feed_rss"),
                "atom": base + self.reverse_subpage("feed_atom"),
            }
        return {
            "rss": base + self.reverse_subpage(f"{kind}_feed_rss", args=[slug]),
            "atom": base + self.reverse_subpage(f"{kind}_feed_atom", args=[slug]),
        }

    def render_listing(self, request, posts, archive=None, **extra):
        paginator_page = page_number(request, Paginator(posts, POSTS_PER_PAGE))
        posts_on_page = attach_listing_data(list(paginator_page), self.locale)
        extra.setdefault("feeds", self.feed_links(request))
        from ..sidebar import sidebar_for

        return self.render(
            request,
            context_overrides={
                "posts": posts_on_page,
                "page_obj": paginator_page,
                "archive": archive,
                "sidebar": sidebar_for(self),
                "blog_feeds": self.feed_links(request),
                **extra,
            },
        )

    def feed(self, request, posts, atom, subject=None):
        return PostsFeed(self, posts, atom=atom, subject=subject)(request)


class BlogPageQuerySet(PageQuerySet):
    def newest_first(self):
        return self.order_by("-date", "-first_published_at", "-pk")

    def in_category(self, category):
        """Posts filed under `category` in any of its languages: a
        translated post keeps pointing at the source language's category."""
        return self.filter(categories__translation_key=category.translation_key)

    def by_author(self, author):
        return self.filter(post_authors__author__translation_key=author.translation_key)

    def with_listing_relations(self):
        """What a listing shows of each post, fetched in a fixed number of
        queries whatever the number of posts (the comment counts of the rows
        shown are added by `attach_listing_data`)."""
        posts = self.select_related("locale").prefetch_related(
            Prefetch(
                "featured_image",
                queryset=get_image_model().objects.prefetch_renditions(LISTING_IMAGE),
            ),
            Prefetch(
                "post_authors",
                queryset=BlogPageAuthor.objects.select_related("author"),
            ),
            "categories",
        )
        return posts


BlogPageManager = PageManager.from_queryset(BlogPageQuerySet)


def localized_map(objects, locale):
    """{translation_key: the object in `locale`, else the object itself},
    for showing snippets in the reader's language: one query, or none when
    every object is in that language already."""
    objects = list(objects)
    elsewhere = {obj.translation_key for obj in objects if obj.locale_id != locale.pk}
    found = {}
    if elsewhere:
        found = {
            obj.translation_key: obj
            for obj in type(objects[0]).objects.filter(
                translation_key__in=elsewhere, locale=locale
            )
        }
    return {obj.translation_key: found.get(obj.translation_key, obj) for obj in objects}


def with_photos(authors):
    """Give each author of `authors` its photo with the photo's renditions
    loaded, in two queries for all of them (none when none has a photo), so
    that `{% picture %}` queries nothing more."""
    ids = {author.photo_id for author in authors if author.photo_id}
    if ids:
        images = (
            get_image_model().objects.filter(pk__in=ids).prefetch_renditions().in_bulk()
        )
        for author in authors:
            if author.photo_id in images:
                author.photo = images[author.photo_id]
    return authors


def attach_listing_data(posts, locale):
    """Give each post `.authors` and `.category_list` in the reader's
    language and its `.comment_count`, with three queries for the whole page
    of posts."""
    authors = [link.author for post in posts for link in post.post_authors.all()]
    categories = [category for post in posts for category in post.categories.all()]
    author_map = localized_map(authors, locale)
    category_map = localized_map(categories, locale)
    comment_counts = visible_comment_counts(posts)
    for post in posts:
        post.comment_count = comment_counts[post.pk]
        post.authors = [
            author_map[link.author.translation_key] for link in post.post_authors.all()
        ]
        post.category_list = [
            category_map[category.translation_key] for category in post.categories.all()
        ]
    return posts


class BlogPageAuthor(Orderable):
    """One author of a post, in order. The author snippet is shown in the
    reader's language (see `Author.localized`)."""

    page = ParentalKey("blog.BlogPage", related_name="post_authors")
    author = models.ForeignKey(
        Author, on_delete=models.CASCADE, related_name="+", verbose_name=_("author")
    )

    panels = [FieldPanel("author")]

    class Meta(Orderable.Meta):
        verbose_name = _("author")
        verbose_name_plural = _("authors")


class BlogPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "blog.BlogPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class BlogPageRelatedPost(Orderable):
    """A related post chosen by the editor; shown before automatic ones."""

    page = ParentalKey("blog.BlogPage", related_name="related_posts")
    post = models.ForeignKey(
        "blog.BlogPage",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("post"),
    )

    panels = [FieldPanel("post")]


class CommentsPolicy(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
    AUTO_CLOSE = "auto_close", _("Close automatically after a number of days")


class BlogPage(KnownViewRestrictionsMixin, RoutablePageMixin, Page):
    """A post: an explicit date (the same in every language), authors,
    an excerpt for listings, a body of blocks, a credited featured image,
    categories, tags and related posts."""

    date = models.DateField(
        _("publication date"),
        default=timezone.localdate,
        help_text=_("The date shown on the post, the same in every language."),
    )
    excerpt = models.TextField(
        _("excerpt"),
        max_length=600,
        help_text=_("One or two sentences shown in listings and feeds."),
    )
    body = StreamField(PostBodyBlock(), verbose_name=_("body"), blank=True)
    featured_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("featured image"),
        help_text=_("Shown at the top of the post, in listings and when shared."),
    )
    featured_image_alt = models.CharField(
        _("featured image alternative text"),
        max_length=250,
        blank=True,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    featured_image_caption = models.CharField(
        _("featured image caption"), max_length=250, blank=True
    )
    credit_title = models.CharField(
        _("credit: title of the work"), max_length=200, blank=True
    )
    credit_title_url = models.URLField(_("credit: link to the work"), blank=True)
    credit_creator = models.CharField(_("credit: creator"), max_length=200, blank=True)
    credit_creator_url = models.URLField(_("credit: link to the creator"), blank=True)
    credit_licence = models.CharField(
        _("credit: licence"),
        max_length=100,
        blank=True,
        help_text=_("For example CC BY 2.0."),
    )
    credit_licence_url = models.URLField(_("credit: link to the licence"), blank=True)
    categories = ParentalManyToManyField(
        "blog.Category", blank=True, related_name="+", verbose_name=_("categories")
    )
    tags = ClusterTaggableManager(
        through=BlogPageTag, blank=True, verbose_name=_("tags")
    )
    canonical_url = models.URLField(
        _("canonical URL"),
        blank=True,
        help_text=_("Only if this post first appeared elsewhere: its original URL."),
    )
    comments_policy = models.CharField(
        _("comments"),
        max_length=12,
        choices=CommentsPolicy.choices,
        default=CommentsPolicy.OPEN,
        help_text=_("Whether readers can comment on this post."),
    )
    comments_close_after_days = models.PositiveSmallIntegerField(
        _("close comments after (days)"),
        default=30,
        help_text=_(
            "With “close automatically”: the number of days after the "
            "publication date when comments close."
        ),
    )
    allow_linkbacks = models.BooleanField(
        _("allow linkbacks"),
        default=True,
        help_text=_(
            "Show pingbacks, webmentions and reblogs from other sites that link "
            "to this post (they follow the comment moderation rules)."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        InlinePanel("post_authors", label=_("Authors"), min_num=1),
        FieldPanel("excerpt"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("featured_image"),
                FieldPanel("featured_image_alt"),
                FieldPanel("featured_image_caption"),
                FieldPanel("credit_title"),
                FieldPanel("credit_title_url"),
                FieldPanel("credit_creator"),
                FieldPanel("credit_creator_url"),
                FieldPanel("credit_licence"),
                FieldPanel("credit_licence_url"),
            ],
            heading=_("Featured image"),
        ),
        FieldPanel("categories"),
        FieldPanel("tags"),
        InlinePanel("related_posts", label=_("Related posts")),
    ]
    promote_panels = [*Page.promote_panels, FieldPanel("canonical_url")]
    settings_panels = [
        *Page.settings_panels,
        MultiFieldPanel(
            [
                FieldPanel("comments_policy"),
                FieldPanel("comments_close_after_days"),
                FieldPanel("allow_linkbacks"),
            ],
            heading=_("Comments"),
        ),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("excerpt"),
        index.SearchField("body"),
        index.RelatedFields(
            "post_authors",
            [index.RelatedFields("author", [index.SearchField("name")])],
        ),
        index.FilterField("date"),
    ]

    parent_page_types = ["blog.BlogIndexPage"]
    subpage_types = []

    override_translatable_fields = [SynchronizedField("date")]

    objects = BlogPageManager()

    base_form_class = BlogPageForm

    class Meta:
        verbose_name = _("blog post")
        verbose_name_plural = _("blog posts")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["authors"] = with_photos(
            list(
                localized_map(
                    [
                        link.author
                        for link in self.post_authors.select_related("author")
                    ],
                    self.locale,
                ).values()
            )
        )
        categories = list(self.categories.all())
        context["category_list"] = list(localized_map(categories, self.locale).values())
        context["tag_list"] = tags_in_language(self.tags.all(), self.locale)
        context["related"] = self.related_posts_to_show(categories)
        # For its title and archive URLs, which need no field of its own.
        context["blog_index"] = blog_index = self.get_parent().specific_deferred
        if isinstance(blog_index, BlogIndexPage):
            from ..sidebar import sidebar_for

            context["sidebar"] = sidebar_for(blog_index)
            context["blog_feeds"] = blog_index.feed_links(request)
        context["linkback_endpoints"] = self.linkback_endpoints(request)
        # A reply link (`?reply_to=`) opens the reply form under the comment;
        # one that names a comment nobody can answer is refused (see serve).
        try:
            context["reply_parent"] = reply_target(self, request.GET.get("reply_to"))
        except CannotReply as reason:
            context["reply_parent"], context["reply_refusal"] = None, reason
        return context

    @path("comments/feed/", name="comments_feed_rss")
    def comments_feed_rss(self, request):
        return CommentsFeed(self, atom=False)(request)

    @path("comments/feed/atom/", name="comments_feed_atom")
    def comments_feed_atom(self, request):
        return CommentsFeed(self, atom=True)(request)

    def get_cached_paths(self):
        """The post and its comment feeds (purged from the page cache and
        the CDN together)."""
        return ["/", "comments/feed/", "comments/feed/atom/"]

    def related_cache_urls(self):
        """The archives and feeds of the blog that list this post, purged
        with it (website.pagecache)."""
        base = self.get_parent().get_url()
        if base is None:
            return []
        year, month = self.date.year, self.date.month
        paths = [f"{year}/", f"{year}/{month}/", f"{year}/{month:02d}/"]
        for tag in self.tags.all():
            paths += [f"tag/{tag.slug}/", f"tag/{tag.slug}/feed/"]
            paths.append(f"tag/{tag.slug}/feed/atom/")
        for category in localized_map(self.categories.all(), self.locale).values():
            paths += [f"category/{category.slug}/", f"category/{category.slug}/feed/"]
            paths.append(f"category/{category.slug}/feed/atom/")
        for link in self.post_authors.select_related("author"):
            paths.append(f"author/{link.author.slug}/")
        return [base + path for path in paths]

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        context = getattr(response, "context_data", None) or {}
        if context.get("reply_refusal"):
            response.status_code = 400  # the page says why, in the thread
        # Announce where other sites send pingbacks and webmentions (the
        # template says it again in <head>, for clients that read only HTML).
        endpoints = self.linkback_endpoints(request)
        response["X-Pingback"] = endpoints["pingback"]
        webmention = f'<{endpoints["webmention"]}>; rel="webmention"'
        existing = response.get("Link")
        response["Link"] = f"{existing}, {webmention}" if existing else webmention
        return response

    def linkback_endpoints(self, request=None):
        """Absolute URLs of the pingback and webmention receivers, on this
        post's own site (not whatever Host the request named)."""
        # get_url_parts reads the site roots cached on the request: no query.
        parts = self.get_url_parts(request)
        root = parts[1] if parts else ""
        return {
            "pingback": root + reverse("pingback"),
            "webmention": root + reverse("webmention"),
        }

    def get_absolute_url(self):
        """The post's URL (django-comments-xtd links to it; Wagtail's Page
        has no `get_absolute_url`)."""
        return self.get_url()

    def comments_close_on(self):
        """The date from which comments are closed, or None."""
        if self.comments_policy == CommentsPolicy.CLOSED:
            return self.date
        if self.comments_policy == CommentsPolicy.AUTO_CLOSE:
            return self.date + datetime.timedelta(days=self.comments_close_after_days)
        return None

    def comments_open(self, today=None):
        close_on = self.comments_close_on()
        if close_on is None:
            return True
        if self.comments_policy == CommentsPolicy.CLOSED:
            return False
        return (today or timezone.localdate()) < close_on

    @property
    def has_credit(self):
        return bool(self.credit_title or self.credit_creator or self.credit_licence)

    @property
    def is_guest_post(self):
        return any(link.author.is_guest for link in self.post_authors.all())

    def related_posts_to_show(self, categories, limit=3):
        """The editor's choices first (in this language where translated),
        then the newest posts sharing one of `categories` (the post's)."""
        # A link to a post needs its title and URL; `localized` its
        # language and translations.
        fields = ["title", "url_path", "live", "locale", "translation_key"]
        chosen = []
        related = self.related_posts.select_related("post").only(
            "sort_order", *[f"post__{field}" for field in fields]
        )
        for link in related:
            post = localized(link.post)
            if post.live and post.pk != self.pk and post not in chosen:
                chosen.append(post)
        category_keys = {category.translation_key for category in categories}
        if len(chosen) < limit and category_keys:
            more = (
                public(BlogPage.objects.live())
                .filter(
                    locale=self.locale,
                    categories__translation_key__in=list(category_keys),
                )
                .exclude(pk__in=[self.pk, *[post.pk for post in chosen]])
                .distinct()
                .newest_first()
                .only(*fields, "date")[: limit - len(chosen)]
            )
            chosen.extend(more)
        return chosen[:limit]

    def published_datetime(self):
        return datetime.datetime.combine(
            self.date, datetime.time(12, 0), tzinfo=datetime.UTC
        )


class DiscussionTopicPage(BlogPage):
    """A post that belongs to a mentoring round and carries its
    conversation prompts ("Discussion topic: Getting to know you")."""

    round = models.ForeignKey(
        "program.RoundPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="discussion_topics",
        verbose_name=_("mentoring round"),
        help_text=_("The round whose participants this topic is for."),
    )
    topic_number = models.PositiveSmallIntegerField(
        _("topic number"),
        default=1,
        help_text=_("Order of this topic within its round: 1 for the first."),
    )
    prompts = StreamField(
        PromptsBlock(),
        verbose_name=_("conversation prompts"),
        blank=True,
        help_text=_("Questions for partners to talk about, each with guidance."),
    )

    content_panels = [
        *BlogPage.content_panels,
        MultiFieldPanel(
            [FieldPanel("round"), FieldPanel("topic_number")],
            heading=_("Mentoring round"),
        ),
        FieldPanel("prompts"),
    ]

    search_fields = [*BlogPage.search_fields, index.SearchField("prompts")]

    parent_page_types = ["blog.BlogIndexPage"]
    subpage_types = []

    override_translatable_fields = [
        SynchronizedField("date"),
        SynchronizedField("topic_number"),
    ]

    class Meta:
        verbose_name = _("discussion topic")
        verbose_name_plural = _("discussion topics")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["round_page"] = self.round.localized if self.round else None
        return context
