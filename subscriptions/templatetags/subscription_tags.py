from django import template

register = template.Library()


@register.inclusion_tag("subscriptions/includes/follow_form.html")
def follow_by_email(place, notify=False):
    """The "Follow by email" form: an address, sent to the page where the
    reader chooses languages, categories and how often. A GET form with no
    CSRF token, so the pages that show it stay in the page cache."""
    return {"place": place, "notify": notify}
