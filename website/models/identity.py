"""The network's identity, chosen in the admin (Settings > Network
identity): its name, logo, tagline, colours, social links and footer text.
Several networks can run the same code, each site with its own look.

Colours are refused, with a message naming the pairing, when they fall
short of WCAG AA contrast (4.5:1) against what the stylesheet draws them on
or with (SURFACES). Reading the setting is cached and saving it purges the
page cache: website/identity.py.
"""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField

from website.contrast import AA_TEXT, HEX_COLOUR, contrast_ratio

colour_validator = RegexValidator(
    HEX_COLOUR, _("Give a colour as # and six hexadecimal digits, like #1d4e6b.")
)

# The colours of site.css that a chosen colour meets: (field, what it is
# drawn on or with, that colour). Keep in step with site.css's tokens.
SURFACES = [
    ("brand_colour", _("white text on it (the header, buttons)"), "#ffffff"),
    ("brand_colour", _("the light page background (links)"), "#ffffff"),
    ("brand_colour", _("the tinted boxes (footer, notices)"), "#f3f6f8"),
    ("accent_colour", _("the light page background (errors)"), "#ffffff"),
    ("accent_colour", _("the tinted boxes (footer, notices)"), "#f3f6f8"),
    ("dark_brand_colour", _("the dark page background (links)"), "#121619"),
    ("dark_brand_colour", _("the dark cards and boxes"), "#20282e"),
    ("dark_brand_colour", _("dark text on it (the header, buttons)"), "#0d1418"),
]


class SocialLinkBlock(blocks.StructBlock):
    """A link to the network elsewhere (Mastodon, LinkedIn, a mailing list)."""

    label = blocks.CharBlock(
        max_length=60, help_text=_("The name shown, for example Mastodon.")
    )
    url = blocks.URLBlock(help_text=_("The address of the network's page there."))

    class Meta:
        icon = "link"


def colour_field(verbose_name, default, help_text):
    return models.CharField(
        verbose_name,
        max_length=7,
        default=default,
        validators=[colour_validator],
        help_text=help_text,
    )


@register_setting(icon="image")
class SiteIdentity(BaseSiteSetting):
    name = models.CharField(
        _("network name"),
        max_length=80,
        blank=True,
        help_text=_(
            "Shown at the top of every page and in the browser's tab. Empty: "
            "“Librarians Network” in the reader's language."
        ),
    )
    tagline = models.CharField(
        _("tagline"),
        max_length=160,
        blank=True,
        help_text=_("A short line under the name. Empty: no tagline."),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Shown beside the name, 40 pixels high; give it a transparent "
            "background that reads on the header colour."
        ),
    )
    brand_colour = colour_field(
        _("main colour"),
        "#1d4e6b",
        _(
            "The header, buttons and links in the light scheme: white text "
            "must read on it, and it on white."
        ),
    )
    accent_colour = colour_field(
        _("accent colour"),
        "#9c3d00",
        _("Errors and highlights in the light scheme, on white."),
    )
    dark_brand_colour = colour_field(
        _("main colour, dark scheme"),
        "#8cc8ea",
        _(
            "The header, buttons and links for readers whose device is in "
            "dark mode: a light colour that reads on a near-black page."
        ),
    )
    social_links = StreamField(
        [("link", SocialLinkBlock())],
        blank=True,
        verbose_name=_("social links"),
        help_text=_("Shown in the footer of every page, in this order."),
    )
    footer_text = models.TextField(
        _("footer text"),
        blank=True,
        max_length=500,
        help_text=_(
            "A line or two at the bottom of every page. Empty: “A community of "
            "librarians who learn from each other across countries.”"
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("tagline"),
        FieldPanel("logo"),
        MultiFieldPanel(
            [
                FieldPanel("brand_colour"),
                FieldPanel("accent_colour"),
                FieldPanel("dark_brand_colour"),
            ],
            heading=_("Colours"),
            help_text=_(
                "Each colour must have a contrast of at least 4.5:1 (WCAG AA) "
                "with what it is shown on or with."
            ),
        ),
        FieldPanel("social_links"),
        FieldPanel("footer_text"),
    ]

    class Meta:
        verbose_name = _("network identity")
        verbose_name_plural = _("network identity")

    def __str__(self):
        return self.name or str(_("Network identity"))

    def clean(self):
        super().clean()
        errors = {}
        for name, surface, other in SURFACES:
            colour = getattr(self, name)
            if name in errors or not HEX_COLOUR.match(colour or ""):
                continue
            ratio = contrast_ratio(colour, other)
            if ratio < AA_TEXT:
                errors[name] = _(
                    "%(colour)s has a contrast of %(ratio).1f:1 with "
                    "%(surface)s; WCAG AA needs at least 4.5:1. Choose a "
                    "%(direction)s colour."
                ) % {
                    "colour": colour,
                    "ratio": ratio,
                    "surface": surface,
                    # Every surface of the dark scheme is darker than its
                    # colour, and every one of the light scheme lighter.
                    "direction": _("lighter")
                    if name == "dark_brand_colour"
                    else _("darker"),
                }
        if errors:
            raise ValidationError(errors)
