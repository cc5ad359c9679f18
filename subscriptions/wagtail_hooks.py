"""The admin: the subscriptions list for those who may see who subscribes
(the Organisers: `subscriptions.view_subscription`), with the suspended
ones and the mail server's reply; and the counts per language and
category for every admin user (editors see how many, not who)."""

import django_filters
from django.db.models import Count, Q
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet

from blog.models import Category

from .forms import language_choices
from .models import Frequency, Subscription


class SubscriptionFilterSet(WagtailFilterSet):
    suspended = django_filters.ChoiceFilter(
        label=_("Suspended"),
        choices=[("yes", _("Suspended")), ("no", _("Not suspended"))],
        method="filter_suspended",
    )
    confirmed = django_filters.ChoiceFilter(
        label=_("Confirmed"),
        choices=[("yes", _("Confirmed")), ("no", _("Waiting for confirmation"))],
        method="filter_confirmed",
    )

    class Meta:
        model = Subscription
        fields = ["frequency"]

    def filter_suspended(self, queryset, name, value):
        return queryset.filter(suspended_at__isnull=value != "yes")

    def filter_confirmed(self, queryset, name, value):
        return queryset.filter(confirmed_at__isnull=value != "yes")


class SubscriptionViewSet(ModelViewSet):
    """Who subscribes: organisers only. An administrator clears a
    suspension (empty "suspended") once the address works again."""

    model = Subscription
    icon = "mail"
    menu_label = _("Email subscribers")
    add_to_settings_menu = False
    menu_order = 900
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = [
        "email",
        "languages",
        "frequency",
        "confirmed_at",
        "suspended_at",
        "suspended_reason",
    ]
    filterset_class = SubscriptionFilterSet
    search_fields = ["email"]
    form_fields = ["languages", "frequency", "suspended_at", "suspended_reason"]


class SubscriberCountsView(WagtailAdminTemplateMixin, TemplateView):
    """How many active subscriptions each language and category has."""

    template_name = "subscriptions/admin/counts.html"
    page_title = _("Email subscribers")
    header_icon = "mail"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        active = Subscription.objects.active()
        languages = []
        for code, name in language_choices():
            in_language = [
                languages
                for languages in active.in_language(code).values_list(
                    "languages", flat=True
                )
                if code in languages
            ]
            languages.append((name, len(in_language)))
        names = {}
        for category in Category.objects.order_by("locale_id"):
            names.setdefault(category.translation_key, category.name)
        per_key = {}
        for key, subscription_id in active.filter(categories__isnull=False).values_list(
            "categories__translation_key", "pk"
        ):
            per_key.setdefault(key, set()).add(subscription_id)
        context.update(
            languages=languages,
            categories=sorted(
                (names.get(key, "?"), len(ids)) for key, ids in per_key.items()
            ),
            all_categories=active.filter(categories__isnull=True).count(),
            totals=active.aggregate(
                instant=Count("pk", filter=Q(frequency=Frequency.INSTANT)),
                weekly=Count("pk", filter=Q(frequency=Frequency.WEEKLY)),
            ),
            suspended=Subscription.objects.filter(suspended_at__isnull=False).count(),
            waiting=Subscription.objects.filter(confirmed_at__isnull=True).count(),
            may_see_list=self.request.user.has_perm("subscriptions.view_subscription"),
            list_url=reverse(viewset.get_url_name("index")),
        )
        return context


viewset = SubscriptionViewSet("email_subscribers")


@hooks.register("register_admin_viewset")
def register_viewset():
    return viewset


@hooks.register("register_admin_urls")
def register_counts_url():
    return [
        path(
            "subscriber-counts/",
            SubscriberCountsView.as_view(),
            name="subscriptions_counts",
        )
    ]


@hooks.register("register_reports_menu_item")
def register_counts_menu_item():
    return MenuItem(
        _("Email subscribers (counts)"),
        reverse("subscriptions_counts"),
        icon_name="mail",
        order=900,
    )
