"""Per-language translator groups.

A translator belongs to "Translators: <language>" and may add, edit and
publish pages in that language's tree only: each locale has its own tree in
Wagtail, so page permissions on that locale's home page are exactly "this
language and nothing else".
"""

from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission

from .i18n import language_name

TRANSLATOR_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")


def translator_group_name(language_code):
    return f"Translators: {language_name(language_code)}"


def ensure_translator_group(locale, root_page):
    """Create (or repair) the translator group of `locale`, whose pages live
    under `root_page` (that locale's home page). Returns the group."""
    group, _created = Group.objects.get_or_create(
        name=translator_group_name(locale.language_code)
    )
    group.permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
    )
    for codename in TRANSLATOR_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=root_page,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    return group


def ensure_translator_groups(home_page):
    """A group for every language the site's home page is translated into,
    apart from the source language."""
    groups = []
    for translation in home_page.get_translations().select_related("locale"):
        if translation.locale_id != home_page.locale_id:
            groups.append(ensure_translator_group(translation.locale, translation))
    return groups
