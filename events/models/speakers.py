from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import TranslatableMixin
from wagtail.search import index


class Speaker(TranslatableMixin, index.Indexed, models.Model):
    """Someone who speaks at events: translated like any snippet (the
    affiliation and bio in each language)."""

    name = models.CharField(_("name"), max_length=120, help_text=_("Full name."))
    affiliation = models.CharField(
        _("affiliation"),
        max_length=200,
        blank=True,
        help_text=_("Library, university or organisation."),
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A portrait; its title is used as the alt text."),
    )
    bio = RichTextField(
        _("bio"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("A few sentences about the speaker."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("affiliation"),
        FieldPanel("photo"),
        FieldPanel("bio"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        ordering = ["name"]

    def __str__(self):
        return self.name
