from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Locale, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField


class Author(TranslatableMixin, index.Indexed, models.Model):
    """A person who writes for the blog. Translatable: the bio and the role
    read in the reader's language."""

    name = models.CharField(_("name"), max_length=120)
    bio = models.TextField(_("bio"), blank=True, help_text=_("Two or three lines."))
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("photo"),
    )
    role = models.CharField(
        _("role"),
        max_length=120,
        blank=True,
        help_text=_("For example “coordinator”, shown as “coordinator of …”."),
    )
    organisation = models.CharField(
        _("organisation"),
        max_length=200,
        blank=True,
        help_text=_("The library or network the author belongs to."),
    )
    link = models.URLField(
        _("link"), blank=True, help_text=_("The author's or organisation's website.")
    )
    is_guest = models.BooleanField(
        _("guest author"),
        default=False,
        help_text=_("Posts by guest authors say “Guest post by …”."),
    )
    slug = models.SlugField(
        _("slug"), max_length=120, help_text=_("Used in the author's archive URL.")
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("is_guest"),
        FieldPanel("role"),
        FieldPanel("organisation"),
        FieldPanel("link"),
        FieldPanel("photo"),
        FieldPanel("bio"),
    ]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("locale_id"),
    ]

    override_translatable_fields = [
        SynchronizedField("name"),
        SynchronizedField("slug"),
        SynchronizedField("organisation"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "slug"], name="blog_author_unique_slug_per_locale"
            )
        ]

    def __str__(self):
        return self.name


class Category(TranslatableMixin, models.Model):
    """A broad subject of posts (Mentoring, Webinars, News). Translatable."""

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        help_text=_("Used in the category's archive URL, in this language."),
    )
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "slug"], name="blog_category_unique_slug_per_locale"
            )
        ]

    def __str__(self):
        return self.name


class TagNameQuerySet(models.QuerySet):
    def names_in(self, tags, locale):
        """{tag id: name} of `tags` in `locale`, where a name exists."""
        return dict(
            self.filter(tag__in=tags, locale=locale).values_list("tag_id", "name")
        )


class TagName(TranslatableMixin, models.Model):
    """What a post tag is called in one language.

    Tags (taggit's) are shared by every translation of a post:
    wagtail-localize copies a translation's tags from its source each time
    it is synchronised, so a translation cannot carry tags of its own.
    Instead each tag has a name per language here. The default language's
    name is made with the tag (`blog.signals`); translators translate it
    like any other snippet. Posts, archives and feeds show a tag by its
    name in their language, or the tag's own name where there is none yet.
    Archive URLs keep the tag's slug, the same in every language."""

    tag = models.ForeignKey(
        "taggit.Tag",
        on_delete=models.CASCADE,
        related_name="translated_names",
        verbose_name=_("tag"),
        help_text=_("The tag editors put on posts."),
    )
    name = models.CharField(
        _("name"),
        max_length=100,
        help_text=_("The tag as readers of this language see it."),
    )

    panels = [FieldPanel("tag"), FieldPanel("name")]

    override_translatable_fields = [SynchronizedField("tag", overridable=False)]

    objects = TagNameQuerySet.as_manager()

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("tag name")
        verbose_name_plural = _("tag names")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["tag", "locale"], name="blog_tagname_one_name_per_language"
            )
        ]

    def __str__(self):
        return self.name


def tags_in_language(tags, locale):
    """`tags` (taggit's) with `name` set to their name in `locale` where
    one exists (copies: the tags themselves are not changed)."""
    tags = list(tags)
    names = TagName.objects.names_in([tag.pk for tag in tags], locale)
    shown = []
    for tag in tags:
        copy = type(tag)(pk=tag.pk, name=names.get(tag.pk, tag.name), slug=tag.slug)
        shown.append(copy)
    return shown


def name_new_tag(sender, instance, created, raw=False, **kwargs):
    """A new tag gets its name in the default language: the source that
    translators translate (connected to taggit's Tag in `BlogConfig`)."""
    if created and not raw:
        TagName.objects.get_or_create(
            tag=instance, locale=Locale.get_default(), defaults={"name": instance.name}
        )
