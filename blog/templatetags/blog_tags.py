from django import template
from wagtail.images.models import SourceImageIOError

from website import i18n
from website.structured_data import json_ld

register = template.Library()

SHARE_IMAGE = "fill-1200x630"


@register.inclusion_tag("blog/includes/meta_tags.html", takes_context=True)
def post_meta_tags(context):
    """Canonical URL, description, Open Graph, Twitter card and JSON-LD
    BlogPosting of the post being shown."""
    request = context["request"]
    page = context["page"]
    url = page.get_full_url(request)
    canonical = page.canonical_url or url
    image_url = None
    if page.featured_image:
        try:
            rendition = page.featured_image.get_rendition(SHARE_IMAGE)
            image_url = request.build_absolute_uri(rendition.url)
        except SourceImageIOError:
            image_url = None
    authors = context.get("authors") or []
    description = page.search_description or page.excerpt
    data = {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": page.title,
        "description": description,
        "datePublished": page.date.isoformat(),
        "inLanguage": page.locale.language_code,
        "mainEntityOfPage": canonical,
        "url": url,
        "author": [
            {
                "@type": "Person",
                "name": author.name,
                **({"url": author.link} if author.link else {}),
            }
            for author in authors
        ],
    }
    if page.last_published_at:
        data["dateModified"] = page.last_published_at.isoformat()
    if image_url:
        data["image"] = image_url
    return {
        "page": page,
        "canonical": canonical,
        "url": url,
        "description": description,
        "image_url": image_url,
        "json_ld": json_ld(data),
        "locale": page.locale.language_code,
        "request": request,
    }


@register.inclusion_tag("blog/includes/other_languages.html", takes_context=True)
def other_languages(context):
    """Links to this post in its other languages."""
    alternates = i18n.page_alternates(context["page"], context["request"])
    return {"alternates": [a for a in alternates if not a.is_current]}
