from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
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
