"""Applications, matches and check-ins of an address (website/privacy.py's
contract).

Applications are found by the address (its normalised form, as the
program compares addresses) or by the member account. Erasing anonymises
them rather than deleting them, so that the round's figures stay whole:
the name becomes empty with the "a former member" marker (shown in the
reader's language, `Application.display_name`), the address an invalid
one of its own, the free text and the tokens go. When depends on the
round:

- a round that has ended: at once;
- an application not in a released match (the round has not reached its
  release, or the person is waiting for a partner): withdrawn and
  anonymised at once; a proposed match it was in is dissolved, so that
  the organiser's next run of matching pairs the partner with someone else;
- an application in a released match of a round still running: the
  partner has been sent this person's details and the organisers follow
  the pair, so it is detached from the account and marked
  (`erase_after_round`), keeping the name, address and what matching
  used until the round ends; nothing more is emailed to it (match emails,
  check-in reminders, discussion topics, a ballot for the round's
  participants: `ApplicationQuerySet.reachable`). `complete_erasures()`
  (`manage.py privacy complete`, daily from librarians-daily.timer)
  anonymises the marked applications of the rounds that have ended. A
  match holds no personal data of its own (its members are applications;
  its explanation is in codes and ids), so it is anonymous then too.
"""

from django.db import transaction
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from website.privacy import users_with

from .models import Application, Match
from .models.applications import normalise_email
from .models.pages import RoundStage


def applications_of(email):
    return Application.objects.filter(
        Q(email_key=normalise_email(email)) | Q(user__in=users_with(email))
    ).select_related("round")


def in_released_match(application):
    return Match.objects.filter(
        seats__application=application, status=Match.Status.RELEASED
    ).exists()


def round_ended(application, now):
    return application.round.specific.anchor.stage_at(now) == RoundStage.FINISHED


def fate(application, now):
    """What erasing does to `application` now: "anonymise" (the round has
    ended), "withdraw" (withdrawn and anonymised at once) or "keep until
    the round ends" ("at_round_end"), see the module."""
    if round_ended(application, now):
        return "anonymise"
    if application.erase_after_round or in_released_match(application):
        return "at_round_end"
    return "withdraw"


def ends_on(application):
    return formats.date_format(application.round.specific.anchor.ends_on)


def plan(email, now=None):
    """What erasing `email` will do to its applications, one sentence each,
    in the active language (the "Your data" page, before the person
    deletes their account)."""
    now = now or timezone.now()
    sentences = []
    for application in applications_of(email).order_by("pk"):
        what = fate(application, now)
        values = {"round": application.round.title}
        if what == "anonymise" or (
            what == "withdraw" and application.status == Application.Status.WITHDRAWN
        ):
            text = _("Your application to %(round)s will be anonymised at once.")
        elif what == "withdraw":
            text = _(
                "Your application to %(round)s will be withdrawn and anonymised "
                "at once."
            )
        else:
            values["date"] = ends_on(application)
            text = _(
                "Your match in %(round)s stays until the round ends on %(date)s, "
                "so that your partner and the organisers can still reach you; "
                "then your application is anonymised. You will be sent no more "
                "emails about it."
            )
        sentences.append(text % values)
    return sentences


def export_personal_data(email):
    exported = []
    for application in applications_of(email).order_by("pk"):
        seat = getattr(application, "seat", None)
        exported.append(
            {
                "round": application.round.title,
                "name": application.name,
                "email": application.email,
                "status": application.status,
                "language": application.language,
                "time_zone": application.time_zone,
                "goals": application.goals,
                "applied": application.created_at.isoformat(),
                "match": {
                    "status": seat.match.status,
                    "check_in": seat.check_in,
                    "checked_in_at": seat.checked_in_at.isoformat()
                    if seat.checked_in_at
                    else None,
                }
                if seat is not None
                else None,
                # Set once the person deleted their account while matched
                # in a running round.
                "anonymised_when_the_round_ends": (
                    application.round.specific.anchor.ends_on.isoformat()
                    if application.erase_after_round
                    else None
                ),
            }
        )
    return {"applications": exported}


def erase_personal_data(email, *, keep_comments):
    """Erase (see the module); returns the sentences that say what waits
    for the end of a round."""
    now = timezone.now()
    later = []
    with transaction.atomic():
        for application in applications_of(email).order_by("pk"):
            what = fate(application, now)
            if what == "at_round_end":
                keep_until_round_ends(application)
                later.append(
                    _(
                        "The match in %(round)s is kept until the round ends on "
                        "%(date)s, then anonymised; no more emails are sent to "
                        "the address."
                    )
                    % {"round": application.round.title, "date": ends_on(application)}
                )
                continue
            if what == "withdraw":
                application.status = Application.Status.WITHDRAWN
                # A proposed (not released) match is dissolved: nobody was
                # told, and the partner goes back to the next run.
                Match.objects.filter(
                    seats__application=application, status=Match.Status.PROPOSED
                ).delete()
            anonymise(application)
    return later


def keep_until_round_ends(application):
    """Detach the application from the account and mark it; keep what the
    partner and the organisers need (name, address, country, languages,
    time zone, the match); drop the rest."""
    application.erase_after_round = True
    application.user = None
    application.goals = ""
    application.edit_token_hash = ""
    application.save()


def anonymise(application):
    application.name = ""
    application.email = f"erased-{application.pk}@erased.invalid"
    application.user = None
    application.goals = ""
    application.edit_token_hash = ""
    application.erase_after_round = False
    application.anonymised = True
    application.save()


def complete_erasures(now=None):
    """Anonymise the applications kept until their round ended (see the
    module), now that it has. Returns how many."""
    now = now or timezone.now()
    done = 0
    with transaction.atomic():
        marked = (
            Application.objects.select_for_update(of=("self",))
            .filter(erase_after_round=True)
            .select_related("round")
            .order_by("pk")
        )
        for application in marked:
            if round_ended(application, now):
                anonymise(application)
                done += 1
    return done
