"""wagtail-localize's buttons in the page explorer, read with the listing.

wagtail-localize adds *Translate this page* and *Sync translated pages* to
every row's "more" menu; to decide, its hook asks the database twice per
row (is there a language without this page? is this page the source of
enabled translations?): 100 queries for a page of 50 rows, 2,004 children
or 30. Here the explorer's own query carries both answers as annotations
(`construct_explorer_page_queryset`; PostgreSQL works them out for the
rows shown only), and the listing hook reads them. The buttons, their
URLs and their conditions are wagtail-localize's; a page that comes
without the annotations (another listing) gets wagtail-localize's own hook.
The page header keeps wagtail-localize's hook (one page, two queries).
"""

from urllib.parse import urlencode

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Subquery
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import ListingButton
from wagtail.models import Locale, Page
from wagtail_localize import wagtail_hooks as localize_hooks
from wagtail_localize.models import TranslationSource

# The annotations' names (not fields of any model).
CAN_TRANSLATE = "_localize_has_locale_to_translate_to"
SYNC_SOURCE = "_localize_sync_source_id"


def annotate_translation_buttons(pages):
    """`pages` with what wagtail-localize's listing buttons need: whether a
    language lacks a (non-alias) translation, and the id of the page's
    translation source if it has enabled translations."""
    page_type = ContentType.objects.get_for_model(Page)
    return pages.annotate(
        **{
            CAN_TRANSLATE: Exists(
                Locale.objects.exclude(
                    id__in=Page.objects.filter(
                        translation_key=OuterRef(OuterRef("translation_key")),
                        alias_of__isnull=True,
                    ).values("locale_id")
                )
            ),
            SYNC_SOURCE: Subquery(
                TranslationSource.objects.filter(
                    object__translation_key=OuterRef("translation_key"),
                    object__content_type=page_type,
                    locale_id=OuterRef("locale_id"),
                    translations__enabled=True,
                ).values("pk")[:1]
            ),
        }
    )


def page_listing_more_buttons(page, user, next_url=None):
    """wagtail-localize's listing buttons, from the listing's annotations."""
    if not hasattr(page, CAN_TRANSLATE):
        yield from localize_hooks.page_listing_more_buttons(
            page, user, next_url=next_url
        )
        return
    if page.is_root() or not user.has_perm("wagtail_localize.submit_translation"):
        return
    if getattr(page, CAN_TRANSLATE):
        # An alias is translated through the page it is an alias of.
        yield ListingButton(
            _("Translate this page"),
            reverse(
                "wagtail_localize:submit_page_translation",
                args=[page.alias_of_id or page.id],
            ),
            priority=60,
            icon_name="wagtail-localize-language",
        )
    source_id = getattr(page, SYNC_SOURCE)
    if source_id is not None:
        url = reverse("wagtail_localize:update_translations", args=[source_id])
        if next_url is not None:
            url += "?" + urlencode({"next": next_url})
        yield ListingButton(
            _("Sync translated pages"), url, priority=60, icon_name="resubmit"
        )


def replace_localize_listing_hook(hooks_registry):
    """Swap wagtail-localize's listing hook for ours, at its place."""
    registered = hooks_registry.setdefault("register_page_listing_more_buttons", [])
    for index, (function, order) in enumerate(registered):
        if function is localize_hooks.page_listing_more_buttons:
            registered[index] = (page_listing_more_buttons, order)
            return
    registered.append((page_listing_more_buttons, 0))
