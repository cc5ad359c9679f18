from allauth.socialaccount.models import SocialApp
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from .models import OutboxMessage


class OutboxMessageViewSet(ModelViewSet):
    """Every email the site has sent or will send, with its delivery state.

    Only the recipient can be changed (to correct an address); the body is
    what was rendered when the message was queued."""

    model = OutboxMessage
    icon = "mail"
    menu_label = _("Outgoing email")
    add_to_settings_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["subject", "to", "status", "attempts", "next_attempt_at", "sent_at"]
    list_filter = ["status", "language"]
    search_fields = ["to", "subject", "key"]
    form_fields = ["to"]


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
