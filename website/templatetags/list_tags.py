from django import template

from website.lists import and_list as join_and

register = template.Library()


@register.filter
def and_list(items):
    """`{{ names|and_list }}`: "A, B and C" in the active language (plain
    text: escape with the template's autoescaping, as any other value)."""
    return join_and(items)
