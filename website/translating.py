"""Starting translations, and telling translators what waits for them.

- `SubmitPageTranslationView`, `SubmitSnippetTranslationView`:
  wagtail-localize's "Translate" forms (served at wagtail-localize's own
  URLs: `website.wagtail_hooks` registers them first), offering and
  accepting only the languages the user may translate into
  (`website.permissions.translation_target_locales`): every language for
  editors, their own for a translator. A translator starts translations of
  published pages, and of the snippets they may add, only. Submitting a page
  or snippet for translation emails that language's translators (not the
  person who submitted it) a link to the translation.
- `TranslationsPanel`: a translator's dashboard panel. For each of their
  languages: what waits for them (translations with strings left, drafts
  never published, changes not published) and the published pages not yet
  in their language, each with a button that starts its translation.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.ui.components import Component
from wagtail.models import Page
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
)
from wagtail_localize.views import submit_translations

from . import outbox
from .permissions import (
    submits_in_every_language,
    translation_target_locales,
    translator_locales,
    translator_policy,
)

# How many entries each list of the dashboard panel shows.
PANEL_SIZE = 8


class TargetLanguagesMixin:
    """Narrow wagtail-localize's submit form to the user's languages."""

    def dispatch(self, request, *args, **kwargs):
        self.target_locales = translation_target_locales(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_object(self):
        instance = super().get_object()
        user = self.request.user
        if submits_in_every_language(user):
            return instance
        if isinstance(instance, Page):
            # A translator starts translations of what readers can already
            # read; drafts are for the editors to send.
            if not instance.live:
                raise PermissionDenied
        else:
            # ...and of the snippets they may add in their language.
            policy = translator_policy(type(instance))
            if policy is None or not policy.user_has_permission(user, "add"):
                raise PermissionDenied
        return instance

    def get_form(self):
        form = super().get_form()
        field = form.fields["locales"]
        field.queryset = field.queryset.filter(pk__in=self.target_locales.values("pk"))
        if len(field.queryset) < 2:
            form.fields["select_all"].widget = forms.HiddenInput()
        return form

    def get(self, request, *args, **kwargs):
        if not self.get_form().fields["locales"].queryset:
            messages.error(
                request,
                _("“%(title)s” already exists in every language you translate into.")
                % {"title": self.object},
            )
            return redirect(self.get_success_url() or reverse("wagtailadmin_home"))
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if form.is_valid() and self.components.is_valid():
            return self.form_valid(form)
        # A language the user may not translate into, or none: say so, and
        # change nothing.
        return self.render_to_response(self.get_context_data(**kwargs), status=400)

    @transaction.atomic
    def form_valid(self, form):
        response = super().form_valid(form)
        for locale in form.cleaned_data["locales"]:
            notify_translators(self.object, locale, self.request)
        return response


class SubmitPageTranslationView(
    TargetLanguagesMixin, submit_translations.SubmitPageTranslationView
):
    pass


class SubmitSnippetTranslationView(
    TargetLanguagesMixin, submit_translations.SubmitSnippetTranslationView
):
    pass


def translators_of(locale):
    """Active translators of `locale` (members of its translator groups)
    who have an email address."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__translator_language__locale=locale)
        .exclude(email="")
        .select_related("profile")
        .distinct()
    )


def notify_translators(source, locale, request):
    """Email the translators of `locale` that `source` waits for its
    translation into their language (in the same transaction as the
    submission: the outbox sends it once it commits)."""
    target = source.get_translation_or_none(locale)
    if target is None:  # wagtail-localize could not create it
        return
    if isinstance(target, Page):
        target = target.specific
    for user in translators_of(locale).exclude(pk=request.user.pk):
        # Only where the translator may open it (their own languages).
        edit_url = AdminURLFinder(user).get_edit_url(target)
        if edit_url is None:
            continue
        profile = getattr(user, "profile", None)
        outbox.send(
            "website/email/translation_requested",
            user.email,
            {
                "title": str(source),
                "kind": type(source)._meta.verbose_name,
                "language_code": locale.language_code,
                "submitted_by": display_name(request.user),
                "translation_url": request.build_absolute_uri(edit_url),
                "dashboard_url": request.build_absolute_uri(
                    reverse("wagtailadmin_home")
                ),
            },
            key=(
                f"translation-requested:{target._meta.label_lower}:{target.pk}:"
                f"{user.pk}"
            ),
            language=profile.language if profile else locale.language_code,
        )


def display_name(user):
    profile = getattr(user, "profile", None)
    return profile.name if profile else user.get_username()


class TranslationsPanel(Component):
    """What waits for a translator in their languages (the dashboard)."""

    name = "translations"
    template_name = "website/admin/translations_panel.html"
    order = 50  # first: it is why a translator opens the admin

    def __init__(self, user, locales):
        self.user = user
        self.locales = locales

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["languages"] = [self.language(locale) for locale in self.locales]
        return context

    def language(self, locale):
        waiting = waiting_translations(locale)
        untranslated = untranslated_pages(locale)
        finder = AdminURLFinder(self.user)
        waiting_items = []
        for translation in waiting[:PANEL_SIZE]:
            target = translation.get_target_instance()
            if isinstance(target, Page):
                target = target.specific_deferred
            total, done = translation.get_progress()
            waiting_items.append(
                {
                    "title": translation.source.object_repr,
                    "kind": type(target)._meta.verbose_name,
                    "url": finder.get_edit_url(target),
                    "strings_left": total - done,
                    "status": translation_status(target),
                }
            )
        submit_query = urlencode({"select_locale": locale.language_code})
        untranslated_items = [
            {
                "title": page.get_admin_display_title(),
                "kind": page.specific_class._meta.verbose_name
                if page.specific_class
                else "",
                "source_language": page.locale.get_display_name(),
                "url": reverse(
                    "wagtail_localize:submit_page_translation", args=[page.pk]
                )
                + f"?{submit_query}",
            }
            for page in untranslated[:PANEL_SIZE]
        ]
        report_query = urlencode(
            {"target_locale": locale.language_code, "waiting_for_translation": "true"}
        )
        return {
            "locale": locale,
            "name": locale.get_display_name(),
            "waiting": waiting_items,
            "waiting_count": waiting.count(),
            "untranslated": untranslated_items,
            "untranslated_count": untranslated.count(),
            "report_url": reverse("wagtail_localize:translations_report")
            + f"?{report_query}",
        }


def translation_status(target):
    if isinstance(target, Page):
        if not target.live:
            return _("Draft, never published")
        if target.has_unpublished_changes:
            return _("Changes not published")
    return ""


def waiting_translations(locale):
    """Translations into `locale` that wait for a translator: strings left
    to translate (as wagtail-localize's Translations report counts them), or
    a page whose translation is a draft or has changes not published.
    Newest source first."""
    strings_left = Exists(
        StringSegment.objects.filter(source_id=OuterRef("source_id"))
        .annotate(
            _target_locale_id=OuterRef("target_locale_id"),
            is_translated=Exists(
                StringTranslation.objects.filter(
                    translation_of_id=OuterRef("string_id"),
                    context_id=OuterRef("context_id"),
                    locale_id=OuterRef("_target_locale_id"),
                    has_error=False,
                )
            ),
        )
        .filter(is_translated=False)
    )
    unpublished_page = Exists(
        Page.objects.filter(
            translation_key=OuterRef("source__object_id"),
            locale_id=OuterRef("target_locale_id"),
        ).filter(Q(live=False) | Q(has_unpublished_changes=True))
    )
    return (
        Translation.objects.filter(target_locale=locale, enabled=True)
        .filter(strings_left | unpublished_page)
        .select_related("source", "target_locale")
        .order_by("-source__last_updated_at", "-pk")
    )


def untranslated_pages(locale):
    """Published pages that have no page in `locale` yet (an alias that
    shows another language's page does not count), one per page whatever
    the number of languages it is in, most recently published first."""
    in_locale = Page.objects.filter(locale=locale, alias_of__isnull=True)
    candidates = (
        Page.objects.live()
        .filter(depth__gt=1, alias_of__isnull=True)
        .exclude(locale=locale)
        .exclude(translation_key__in=in_locale.values("translation_key"))
    )
    # The first of each page's languages (its oldest row) stands for it.
    earlier = candidates.filter(
        translation_key=OuterRef("translation_key"), pk__lt=OuterRef("pk")
    )
    return (
        candidates.exclude(Exists(earlier))
        .select_related("locale", "content_type")
        .order_by("-last_published_at", "-pk")
    )


def translations_panel(request, panels):
    """`construct_homepage_panels`: a translator's panel, first."""
    locales = translator_locales(request.user)
    if locales:
        panels.append(TranslationsPanel(request.user, locales))
