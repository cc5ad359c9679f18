"""The header of an admin view we wrote about one page (an election's
dashboard, an event's registrations): Wagtail's slim header, as its own
views have it, with breadcrumbs from Home through the page and a button
that edits the page."""

from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin.widgets import HeaderButton


def page_view_header(page, *, title, label, edit_label, icon=None):
    """Context for `wagtailadmin/generic/base.html`'s slim header: `title`
    in the header, `label` as the last breadcrumb after the page's title."""
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    header = {
        "header_title": title,
        "breadcrumbs_items": [
            {"url": reverse("wagtailadmin_home"), "label": _("Home")},
            {"url": edit_url, "label": page.title},
            {"url": "", "label": label},
        ],
        "header_buttons": [HeaderButton(edit_label, edit_url, icon_name="edit")],
    }
    if icon:
        header["header_icon"] = icon
    return header
