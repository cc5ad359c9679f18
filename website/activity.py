"""A member's own page: "Your activity" on their profile, made of sections
that the apps contribute.

`website` imports no domain app (HOUSE_STYLE), so each app that holds
something about a member says so in a module of its own, `<app>/activity.py`,
found through the app registry (as `seed_demo` finds each app's `demo.py`).
It defines `SECTIONS`, a list of `Section`:

    # blog/activity.py
    from website.activity import Section

    SECTIONS = [
        Section(
            key="blog-comments",
            title=_("Your comments"),
            template="blog/activity/comments.html",
            get_context=comments,
            order=20,
        ),
    ]

- `get_context(request)` is called for the signed-in member
  (`request.user`) and returns what the template needs (a dict), or None
  when the member has nothing there: the section is then left out.
- The profile shows each section's `title` as a heading, then its
  `template` rendered with the dict (and `section`) as its context.
- `order` places it. The slots so far:
  20 blog: comments, 30 blog: liked posts,
  40 program: applications, 50 program: partners and check-ins,
  60 voting: the elections the member voted in, with their receipt codes
  (`voting/activity.py`, from the voting app: how a receipt is found again
  without tying a ballot to its voter is the voting app's to decide),
  70 and later: subscriptions, event registrations…

What a section shows is the member's own, and only theirs: find it by the
member's account, or by their *verified* email addresses
(`verified_emails()`), never by an address they have not proven is theirs.
The profile is never cached (members never get a page from the page cache,
and the view says no-cache too), so a section may show anything personal.
"""

from dataclasses import dataclass
from functools import cache
from importlib import import_module
from typing import Any

from django.apps import apps
from django.template.loader import render_to_string


@dataclass(frozen=True)
class Section:
    key: str  # unique, "<app>-<what>"
    title: Any  # a lazy translation: the section's heading
    template: str
    get_context: Any  # (request) -> dict | None
    order: int = 50


@cache
def sections():
    """Every app's sections, in order."""
    found = []
    for app_config in apps.get_app_configs():
        try:
            module = import_module(f"{app_config.name}.activity")
        except ModuleNotFoundError as error:
            if error.name != f"{app_config.name}.activity":
                raise
            continue
        found.extend(getattr(module, "SECTIONS", []))
    keys = [section.key for section in found]
    duplicates = {key for key in keys if keys.count(key) > 1}
    if duplicates:
        raise ValueError(f"Activity sections registered twice: {sorted(duplicates)}")
    return sorted(found, key=lambda section: (section.order, section.key))


@dataclass(frozen=True)
class Shown:
    section: Section
    html: str


def sections_for(request):
    """The sections that have something to show the member signed in on
    `request`, each rendered (`Shown`)."""
    shown = []
    for section in sections():
        context = section.get_context(request)
        if context:
            html = render_to_string(
                section.template, {**context, "section": section}, request=request
            )
            shown.append(Shown(section, html))
    # Sections offered by apps' privacy modules (`activity_section(user)`,
    # website/privacy.py), after the registered ones.
    from . import privacy

    for extra in privacy.activity_sections(request.user):
        section = Section(
            key=extra["template"].replace("/", "-").removesuffix(".html"),
            title=extra["title"],
            template=extra["template"],
            get_context=None,
            order=90,
        )
        html = render_to_string(
            section.template,
            {**extra.get("context", {}), "section": section},
            request=request,
        )
        shown.append(Shown(section, html))
    return shown


def verified_emails(user):
    """The addresses `user` has proven are theirs (allauth's verified
    EmailAddress rows), lower case; read once per user object."""
    from allauth.account.models import EmailAddress

    if not hasattr(user, "_verified_emails"):
        user._verified_emails = {
            address.lower()
            for address in EmailAddress.objects.filter(
                user=user, verified=True
            ).values_list("email", flat=True)
        }
    return user._verified_emails
