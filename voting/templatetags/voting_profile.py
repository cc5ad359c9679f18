from django import template
from django.template.loader import render_to_string

from voting.profile import sections

register = template.Library()


@register.simple_tag(takes_context=True)
def voting_profile_section(context):
    """The elections' section of the member's own page (voting.profile),
    or nothing."""
    request = context["request"]
    return "".join(
        render_to_string(section["template"], {"section": section}, request=request)
        for section in sections(request)
    )
