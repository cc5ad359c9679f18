from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from website.home import sections_for


class KnownViewRestrictionsMixin:
    """For every page type of the site: its view restrictions, when the
    router already knows them (website/routing.py), not looked up again.

    Wagtail checks a page's restrictions before serving it with two queries
    (its ancestors, then their restrictions). The router has the ancestors
    in hand, and every restriction of the site is read once per request
    anyway for the menus and lists (website/request_memo.py). The answer is
    Wagtail's own, a QuerySet of the same rows
    (tests/website/test_contract_view_restrictions.py)."""

    #: Set by the router on the page it serves (a QuerySet already read:
    #: `website.request_memo.restrictions_on`); None: ask Wagtail.
    known_view_restrictions = None

    def get_view_restrictions(self):
        if self.known_view_restrictions is None:
            return super().get_view_restrictions()
        return self.known_view_restrictions


class HomePage(KnownViewRestrictionsMixin, Page):
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
        "events.EventIndexPage",
        "website.StandardPage",
        "contributions.ContributePage",
    ]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["home_sections"] = sections_for(request, self.locale)
        return context


class StandardPage(KnownViewRestrictionsMixin, Page):
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
