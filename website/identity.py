"""The network's identity (website.models.SiteIdentity) as every page
reads it: from the cache, without a query, and purged with every page when
an administrator changes it.

`identity_for(request)` gives a plain dict: the name, tagline, logo (a
rendition's URL and size), colours and the custom properties that carry
them into the stylesheet, social links and footer text. Saving the setting
or its logo image, or deleting either, drops the cached dicts and the
whole page cache once the change is committed (website/signals.py
connects `identity_changed`).
"""

from django.core.cache import cache
from django.db import transaction
from wagtail.models import Site

from . import pagecache
from .contrast import mix

CACHE_SECONDS = 3600
# The logo is shown 40 CSS pixels high: renditions for screens of one and
# two device pixels per CSS pixel, in WebP and in the image's own format
# (PNG keeps a transparent background, which JPEG would not).
LOGO_HEIGHTS = (40, 80)


def cache_key(site_id):
    return f"website:identity:{site_id}"


def style_of(identity):
    """The custom properties that put the chosen colours in the stylesheet's
    place (site.css's tokens), or '' for the defaults. The hover shade is a
    quarter darker (light scheme) or lighter (dark scheme), which only
    raises the contrast the setting was checked for."""
    from .models import SiteIdentity

    defaults = {
        name: SiteIdentity._meta.get_field(name).default
        for name in ("brand_colour", "accent_colour", "dark_brand_colour")
    }
    if all(identity[name] == value for name, value in defaults.items()):
        return ""
    brand, accent, dark = (
        identity["brand_colour"],
        identity["accent_colour"],
        identity["dark_brand_colour"],
    )
    return (
        f":root{{--brand:{brand};--brand-strong:{mix(brand, '#000000', 0.25)};"
        f"--accent:{accent};--brand-dark-scheme:{dark}}}"
        "@media (prefers-color-scheme: dark){:root{"
        f"--brand:{dark};--brand-strong:{mix(dark, '#ffffff', 0.25)}}}}}"
    )


def logo_renditions(image):
    """The logo's fallback <img> (1x, with a 2x srcset) and its WebP
    srcset, as plain values the cache can keep."""
    own = [f"height-{height}" for height in LOGO_HEIGHTS]
    webp = [f"height-{height}|format-webp" for height in LOGO_HEIGHTS]
    renditions = image.get_renditions(*own, *webp)

    def srcset(specs):
        return ", ".join(
            f"{renditions[spec].url} {density}x"
            for density, spec in enumerate(specs, start=1)
        )

    base = renditions[own[0]]
    return {
        "url": base.url,
        "width": base.width,
        "height": base.height,
        "srcset": srcset(own),
        "webp_srcset": srcset(webp),
    }


def load(site):
    from .models import SiteIdentity

    setting = SiteIdentity.objects.filter(site=site).select_related("logo").first()
    if setting is None:
        setting = SiteIdentity(site=site)
    identity = {
        "name": setting.name,
        "tagline": setting.tagline,
        "brand_colour": setting.brand_colour,
        "accent_colour": setting.accent_colour,
        "dark_brand_colour": setting.dark_brand_colour,
        "footer_text": setting.footer_text,
        "social_links": [
            {"label": link.value["label"], "url": link.value["url"]}
            for link in setting.social_links
        ],
        "logo": None,
    }
    if setting.logo is not None:
        identity["logo"] = logo_renditions(setting.logo)
    identity["style"] = style_of(identity)
    return identity


def identity_for(request):
    """The identity of the request's site (the defaults without one)."""
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return load(None)
    key = cache_key(site.pk)
    identity = cache.get(key)
    if identity is None:
        identity = load(site)
        cache.set(key, identity, CACHE_SECONDS)
    return identity


def forget():
    """Drop every site's cached identity and every cached page: now, and
    again once the change is committed (a request in between may have read
    the old one)."""

    def drop():
        cache.delete_many(
            [cache_key(pk) for pk in Site.objects.values_list("pk", flat=True)]
        )
        pagecache.purge_all()

    drop()
    transaction.on_commit(drop)


def identity_changed(sender, instance=None, raw=False, **kwargs):
    if raw:
        return
    forget()
