"""The home page's sections, plugged in by the apps that own them.

Each domain app registers a section in its AppConfig.ready():

    home.register_section("blog/includes/home_latest_posts.html",
                          latest_posts_context, order=10)

The home page renders every section whose context function returns
something (None means "nothing to show yet"), so the shell never imports
the blog, the program or the elections.
"""

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Section:
    template: str
    get_context: Any  # (request, locale) -> dict | None
    order: int


_sections: list[Section] = []


def register_section(template, get_context, order=50):
    if not any(section.template == template for section in _sections):
        _sections.append(Section(template, get_context, order))
        _sections.sort(key=lambda section: section.order)


def sections_for(request, locale):
    rendered = []
    for section in _sections:
        context = section.get_context(request, locale)
        if context:
            rendered.append({"template": section.template, **context})
    return rendered
