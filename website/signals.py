"""Keep the shared records in step: every user has a profile, and
django.contrib.sites' Site follows Wagtail's default Site (allauth and the
comments app build their email links from it)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sites.models import Site as DjangoSite
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Locale
from wagtail.models import Site as WagtailSite

from . import sites
from .models import Profile


@receiver(post_save, sender=get_user_model())
def create_profile(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        Profile.objects.get_or_create(user=instance)


@receiver(post_save, sender=WagtailSite)
def sync_django_site(sender, instance, raw=False, **kwargs):
    if raw or not instance.is_default_site:
        return
    domain = instance.hostname
    if instance.port not in (80, 443):
        domain = f"{domain}:{instance.port}"
    DjangoSite.objects.update_or_create(
        pk=settings.SITE_ID,
        defaults={"domain": domain, "name": instance.site_name or domain},
    )


@receiver(post_save, sender=WagtailSite)
@receiver(post_delete, sender=WagtailSite)
def forget_cached_sites(sender, **kwargs):
    sites.SITES.forget()


@receiver(post_save, sender=Locale)
@receiver(post_delete, sender=Locale)
def forget_cached_locales(sender, **kwargs):
    sites.LOCALES.forget()


def connect_page_cache():
    """Purge the page cache when Wagtail publishes, unpublishes, moves or
    deletes a page (any page type), and when a page's privacy changes."""
    from django.db.models.signals import pre_delete
    from wagtail.models import Page, PageViewRestriction
    from wagtail.signals import (
        page_published,
        page_unpublished,
        post_page_move,
        pre_page_move,
    )

    from . import pagecache

    page_published.connect(pagecache.page_changed, dispatch_uid="pagecache-pub")
    page_unpublished.connect(pagecache.page_changed, dispatch_uid="pagecache-unpub")
    pre_page_move.connect(pagecache.page_moving, dispatch_uid="pagecache-moving")
    post_page_move.connect(pagecache.page_moved, dispatch_uid="pagecache-moved")
    pre_delete.connect(
        pagecache.page_deleting, sender=Page, dispatch_uid="pagecache-delete"
    )
    post_save.connect(
        pagecache.restriction_changed,
        sender=PageViewRestriction,
        dispatch_uid="pagecache-restriction-saved",
    )
    post_delete.connect(
        pagecache.restriction_changed,
        sender=PageViewRestriction,
        dispatch_uid="pagecache-restriction-deleted",
    )


connect_page_cache()


def connect_identity():
    """The network's identity is on every page: changing it, or the image
    used as its logo, drops its cache and every cached page."""
    from django.db.models.signals import pre_delete
    from wagtail.images import get_image_model

    from . import identity
    from .models import SiteIdentity

    def logo_changed(sender, instance, raw=False, **kwargs):
        # Only an image that is a logo: editors upload images all the time.
        if not raw and SiteIdentity.objects.filter(logo=instance).exists():
            identity.forget()

    post_save.connect(
        identity.identity_changed, sender=SiteIdentity, dispatch_uid="identity-saved"
    )
    post_delete.connect(
        identity.identity_changed, sender=SiteIdentity, dispatch_uid="identity-deleted"
    )
    image = get_image_model()
    post_save.connect(
        logo_changed, sender=image, dispatch_uid="identity-logo-saved", weak=False
    )
    # Before the delete: afterwards the setting no longer points at it.
    pre_delete.connect(
        logo_changed, sender=image, dispatch_uid="identity-logo-deleted", weak=False
    )


connect_identity()
