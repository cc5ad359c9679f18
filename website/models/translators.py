from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _


class TranslatorGroup(models.Model):
    """The language a group of translators works in.

    Page permissions need no such record (each language has its own page
    tree); translatable snippets live in one table for every language, so
    this is what limits a translator to the snippets of their language.
    """

    group = models.OneToOneField(
        Group,
        on_delete=models.CASCADE,
        related_name="translator_language",
        verbose_name=_("group"),
    )
    locale = models.ForeignKey(
        "wagtailcore.Locale",
        on_delete=models.CASCADE,
        related_name="translator_groups",
        verbose_name=_("language"),
    )

    class Meta:
        verbose_name = _("translator group")
        verbose_name_plural = _("translator groups")

    def __str__(self):
        return f"{self.group} ({self.locale})"
