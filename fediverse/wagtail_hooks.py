"""The fediverse in the admin (Fediverse → Followers, Deliveries, Incoming
activities, Blocks): who follows each blog language, every delivery and
its state (waiting, delivered, failed and retrying, given up), every
accepted activity and what became of it, and the block list. The records
are written by the inbox and the delivery tasks, so they can be read and
deleted only; blocks are added, changed and deleted here, and adding one
removes what that server or account sent (`moderation.apply_block`).
The replies and boosts themselves are moderated with the comments."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import Block, Delivery, Follower, IncomingActivity


class RecordPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        return action in ("view", "delete") and super().user_has_permission(
            user, action
        )


for model in (Follower, Delivery, IncomingActivity):
    register_permission_policy(model, RecordPermissionPolicy(model))


class FollowerViewSet(ModelViewSet):
    url_prefix = "fediverse/followers"
    name = "fediverse_followers"
    model = Follower
    icon = "group"
    menu_label = _("Followers")
    list_display = ["remote", "actor", "created_at"]
    list_filter = ["actor"]
    search_fields = ["remote__uri", "remote__username", "remote__domain"]
    inspect_view_enabled = True
    copy_view_enabled = False
    exclude_form_fields = []


class DeliveryViewSet(ModelViewSet):
    url_prefix = "fediverse/deliveries"
    name = "fediverse_deliveries"
    model = Delivery
    icon = "upload"
    menu_label = _("Deliveries")
    list_display = [
        "activity_type",
        "page",
        "inbox",
        "state",
        "attempts",
        "response_status",
        "next_attempt_at",
    ]
    list_filter = ["state", "activity_type"]
    search_fields = ["inbox", "activity_id"]
    inspect_view_enabled = True
    copy_view_enabled = False
    exclude_form_fields = []


class IncomingActivityViewSet(ModelViewSet):
    url_prefix = "fediverse/incoming"
    name = "fediverse_incoming"
    model = IncomingActivity
    icon = "download"
    menu_label = _("Incoming activities")
    list_display = ["activity_type", "remote", "outcome", "received_at"]
    list_filter = ["outcome", "activity_type"]
    search_fields = ["activity_id", "remote__uri"]
    inspect_view_enabled = True
    copy_view_enabled = False
    exclude_form_fields = []


class BlockViewSet(ModelViewSet):
    url_prefix = "fediverse/blocks"
    name = "fediverse_blocks"
    model = Block
    icon = "cross"
    menu_label = _("Blocks")
    list_display = ["domain", "actor_uri", "reason", "created_at"]
    search_fields = ["domain", "actor_uri", "reason"]
    form_fields = ["domain", "actor_uri", "reason"]
    copy_view_enabled = False


class FediverseViewSetGroup(ViewSetGroup):
    items = (FollowerViewSet, DeliveryViewSet, IncomingActivityViewSet, BlockViewSet)
    menu_icon = "globe"
    menu_label = _("Fediverse")
    menu_name = "fediverse"
    menu_order = 216


@hooks.register("register_admin_viewset")
def register_fediverse_viewsets():
    return FediverseViewSetGroup()
