from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from website.home import sections_for


class HomePage(Page):
    """The root of each language's tree: an introduction, then what is new
    (latest posts, the current mentoring round, an open election), each
    section provided by its own app through a template tag."""

    intro = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        verbose_name=_("introduction"),
        help_text=_("One or two sentences that say what the network is."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "blog.BlogIndexPage",
        "program.ProgramPage",
        "voting.ElectionIndexPage",
        "website.StandardPage",
    ]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["home_sections"] = sections_for(request, self.locale)
        return context


class StandardPage(Page):
    """A plain page: about the network, code of conduct, privacy notice."""

    body = RichTextField(
        blank=True,
        verbose_name=_("body"),
        help_text=_("The text of the page."),
    )

    content_panels = [*Page.content_panels, FieldPanel("body")]

    search_fields = [*Page.search_fields, index.SearchField("body")]

    parent_page_types = ["website.HomePage", "website.StandardPage"]
    subpage_types = ["website.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")
