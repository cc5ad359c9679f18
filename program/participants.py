"""Who took part in a round, for the other apps (an election whose voters
are a round's participants): the one door into the program they use, so
they need not know its models.

A round's participants are its submitted applications: the applicant
confirmed their email and has not withdrawn, nor deleted their account
(`ApplicationQuerySet.reachable`: such an application is kept only for
its partner until the round ends). That is the number the
program page shows as "participants"; it includes anyone still waiting for
a partner, who took part in the round all the same.
"""

from dataclasses import dataclass

from .models import Application, RoundPage


@dataclass(frozen=True)
class Participant:
    email: str
    name: str
    language: str  # the language they chose for emails


def rounds():
    """Every round's source page (the page its applications belong to),
    newest first."""
    first_pks = {}
    for pk, key in RoundPage.objects.order_by("pk").values_list(
        "pk", "translation_key"
    ):
        first_pks.setdefault(key, pk)
    return RoundPage.objects.filter(pk__in=first_pks.values()).order_by(
        "-applications_open_at", "-pk"
    )


def round_participants(round_page):
    """The participants of `round_page` (any language version of it), in
    the order they applied."""
    return [
        Participant(email=email, name=name, language=language)
        for email, name, language in Application.objects.active()
        .reachable()
        .for_round(round_page)
        .order_by("created_at", "pk")
        .values_list("email", "name", "language")
    ]


def may_copy_participants(user):
    """Whether `user` may copy a round's participants (their names and
    email addresses) into another app, such as an election's list of
    voters: the program's organisers, who may read them on the Matching
    desk."""
    from .admin_views import PERMISSION

    return user.has_perm(PERMISSION)
