"""The linkback records in the admin (Linkbacks → Received, Sent): what
other sites told us and what verification found, and what we told the
pages our posts link to. They are written by the tasks, so they can be
read and deleted but not added or edited. The entries themselves are
moderated with the comments."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import ReceivedLinkback, SentLinkback


class RecordPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        return action in ("view", "delete") and super().user_has_permission(
            user, action
        )


register_permission_policy(ReceivedLinkback, RecordPermissionPolicy(ReceivedLinkback))
register_permission_policy(SentLinkback, RecordPermissionPolicy(SentLinkback))


class ReceivedLinkbackViewSet(ModelViewSet):
    model = ReceivedLinkback
    icon = "download"
    menu_label = _("Received")
    list_display = ["source", "page", "protocol", "status", "notified_at"]
    list_filter = ["status", "protocol"]
    search_fields = ["source", "target"]
    inspect_view_enabled = True
    copy_view_enabled = False
    exclude_form_fields = []


class SentLinkbackViewSet(ModelViewSet):
    model = SentLinkback
    icon = "upload"
    menu_label = _("Sent")
    list_display = [
        "target",
        "page",
        "protocol",
        "status",
        "response_status",
        "sent_at",
    ]
    list_filter = ["status", "protocol"]
    search_fields = ["target", "endpoint"]
    inspect_view_enabled = True
    copy_view_enabled = False
    exclude_form_fields = []


class LinkbacksViewSetGroup(ViewSetGroup):
    items = (ReceivedLinkbackViewSet, SentLinkbackViewSet)
    menu_icon = "link"
    menu_label = _("Linkbacks")
    menu_name = "linkbacks"
    menu_order = 215


@hooks.register("register_admin_viewset")
def register_linkbacks_viewsets():
    return LinkbacksViewSetGroup()
