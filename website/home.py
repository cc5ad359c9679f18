"""The home page's sections, plugged in by the apps that own them.

Each domain app registers a section in its AppConfig.ready():

    home.register_section("blog/includes/home_latest_posts.html",
                          latest_posts_context, order=10, area="lead")

The home page renders every section whose context function returns
something (None means "nothing to show yet"), so the shell never imports
the blog, the program or the elections. Where a section goes is its area:

- "lead": the top of the page. Its template is included twice, with
  `part="lead"` (what leads the page: the newest post) and, below the
  "now" row, with `part="more"` (the rest: the next posts).
- "now": what is open now, side by side in one row (the open rounds, the
  open elections and the next event), each section a column.
- "main": one after the other below them.
"""

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Section:
    template: str
    get_context: Any  # (request, locale) -> dict | None
    order: int
    area: str = "main"


AREAS = ("lead", "now", "main")


_sections: list[Section] = []


def register_section(template, get_context, order=50, area="main"):
    if area not in AREAS:
        raise ValueError(f"A home section's area is one of {AREAS}, not {area!r}")
    if not any(section.template == template for section in _sections):
        _sections.append(Section(template, get_context, order, area))
        _sections.sort(key=lambda section: section.order)


def sections_for(request, locale):
    rendered = []
    for section in _sections:
        context = section.get_context(request, locale)
        if context:
            rendered.append(
                {"template": section.template, "area": section.area, **context}
            )
    return rendered
