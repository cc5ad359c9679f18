from allauth.socialaccount.models import SocialApp
from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.templatetags.static import static
from django.urls import path
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Locale

from . import explorer
from .models import OutboxMessage, OutboxSecret
from .permissions import (
    TranslatorLanguageForm,
    check_instance_permission,
    translator_policy,
)
from .request_memo import active_locale
from .translating import (
    SubmitPageTranslationView,
    SubmitSnippetTranslationView,
    translations_panel,
)


class OutboxMessageForm(forms.ModelForm):
    """The recipient of a queued email, to correct an address; but never
    of one that carries a one-time link (a ballot, a confirmation), which
    would hand the link to someone else."""

    class Meta:
        model = OutboxMessage
        fields = ["to"]

    def clean_to(self):
        to = self.cleaned_data["to"]
        carries_token = OutboxSecret.objects.filter(message=self.instance.pk).exists()
        if carries_token and to != self.instance.to:
            raise forms.ValidationError(
                _(
                    "This email carries a one-time link meant for its recipient "
                    "alone, so it cannot be sent to another address. Correct the "
                    "address where the email came from (the election's voters, "
                    "the matching desk, the member's account) and send a new one."
                )
            )
        return to


class OutboxIndexView(IndexView):
    """The listing reads the columns it shows: not the bodies, headers and
    attachments of 20 emails (a few KB each in a real outbox)."""

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .defer("body_text", "body_html", "headers", "attachments", "last_error")
        )


class OutboxMessageViewSet(ModelViewSet):
    """Every email the site has sent or will send, with its delivery state.

    Only the recipient can be changed (to correct an address, unless the
    email carries a one-time link); the body is what was rendered when the
    message was queued, with its one-time tokens hidden (website/outbox.py).
    """

    model = OutboxMessage
    index_view_class = OutboxIndexView
    icon = "mail"
    menu_label = _("Outgoing email")
    add_to_settings_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["subject", "to", "status", "attempts", "next_attempt_at", "sent_at"]
    list_filter = ["status", "language"]
    search_fields = ["to", "subject", "key"]
    form_fields = ["to"]

    def get_form_class(self, for_update=False):
        return OutboxMessageForm


class SocialAppForm(forms.ModelForm):
    """Credentials of one social login provider; saving it switches the
    provider on for this site (allauth only offers apps linked to a site)."""

    class Meta:
        model = SocialApp
        fields = ["provider", "name", "client_id", "secret", "key", "settings"]

    def save(self, commit=True):
        app = super().save(commit=commit)
        if commit:
            app.sites.add(settings.SITE_ID)
        return app


class SocialAppViewSet(ModelViewSet):
    model = SocialApp
    icon = "key"
    menu_label = _("Social login")
    add_to_settings_menu = True
    copy_view_enabled = False
    list_display = ["name", "provider", "client_id"]

    def get_form_class(self, for_update=False):
        return SocialAppForm


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [
        OutboxMessageViewSet("outbox"),
        SocialAppViewSet("social_login"),
    ]


# Translators: the snippet views ask Wagtail's model-level question only;
# these hooks ask the instance's language too (see website.permissions).
# They run before wagtail-localize's own hooks, which would otherwise open
# the translation editor.
@hooks.register("before_edit_snippet", order=-10)
def refuse_editing_another_language(request, instance):
    check_instance_permission(request.user, "change", instance)


@hooks.register("before_delete_snippet", order=-10)
def refuse_deleting_another_language(request, instances):
    for instance in instances:
        check_instance_permission(request.user, "delete", instance)


@hooks.register("before_create_snippet", order=-10)
def refuse_creating_in_another_language(request, model):
    policy = translator_policy(model)
    if policy is None:
        return
    code = request.GET.get("locale")
    locale = (
        Locale.objects.filter(language_code=code).first() if code else None
    ) or Locale.get_default()
    if not policy.user_has_permission_in_locale(request.user, "add", locale):
        raise PermissionDenied


# wagtail-localize's "Translate" forms, at its own URLs (these come first,
# so `reverse("wagtail_localize:submit_page_translation")` leads here),
# offering each user only the languages they may translate into.
@hooks.register("register_admin_urls", order=-10)
def register_submit_translation_urls():
    return [
        path(
            "localize/submit/page/<int:page_id>/",
            SubmitPageTranslationView.as_view(),
            name="website_submit_page_translation",
        ),
        path(
            "localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
            SubmitSnippetTranslationView.as_view(),
            name="website_submit_snippet_translation",
        ),
    ]


hooks.register("construct_homepage_panels", translations_panel)


# Accessibility fixes of Wagtail's and wagtail-localize's own admin markup
# (axe's WCAG rules run on every admin page of the browser journeys).
@hooks.register("insert_global_admin_js")
def admin_field_names():
    """Names the inputs of tag, rich text and PO upload fields."""
    return format_html(
        '<script src="{}" defer></script>', static("website/js/admin_field_names.js")
    )


@hooks.register("insert_global_admin_css")
def admin_css():
    return format_html(
        '<link rel="stylesheet" href="{}">', static("website/css/admin.css")
    )


@hooks.register("register_group_permission_panel")
def translator_language_panel():
    return TranslatorLanguageForm


@hooks.register("before_serve_page")
def share_active_locale(page, request, serve_args, serve_kwargs):
    """Hand the page being served the Locale this request already looked up
    (website/request_memo.py), so that its templates and tags reading
    `page.locale` do not query for it again."""
    locale = active_locale()
    if page.locale_id == locale.pk:
        page.locale = locale


# wagtail-localize's listing buttons, read with the explorer's own query
# instead of two queries per row (website/explorer.py).
explorer.replace_localize_listing_hook(hooks._hooks)


@hooks.register("construct_explorer_page_queryset")
def annotate_translation_buttons(parent_page, pages, request):
    return explorer.annotate_translation_buttons(pages)
