"""The closed electorate: importing the list of voters (a CSV roll, or a
mentoring round's participants), inviting them with a one-time ballot
link, reminding those who have not voted.

A link's token is HMAC-SHA256(SECRET_KEY, "<election>:<voter>:<salt>"): the
database stores only its SHA-256 (to find the voter) and the salt, so the
database alone cannot produce a working link, while the site can put the
same link in a reminder. Re-sending an invitation draws a new salt, which
makes the old link stop working.

Every email goes through the outbox with a key per voter and purpose, so
running `invite` or `remind` twice sends nothing twice.
"""

import csv
import hashlib
import hmac
import io
import secrets
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from website import outbox
from website.models import OutboxMessage

from .models import AuditEntry, Voter
from .models.records import hash_token, normalise_email

MAX_ROWS = 10_000
MAX_ERRORS_SHOWN = 20
BATCH_SIZE = 200


@dataclass
class RollRow:
    line: int
    email: str
    name: str = ""
    language: str = ""


@dataclass
class ImportReport:
    rows: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    created: int = 0
    existing: int = 0

    @property
    def ok(self):
        return not self.errors


def parse_roll(text, languages=None):
    """Read a CSV roll (email, optional name, optional language) into rows;
    collect every problem with its line number instead of stopping."""
    languages = languages or {code for code, _name in settings.LANGUAGES}
    report = ImportReport()
    seen = {}
    reader = csv.reader(io.StringIO(text))
    try:
        for number, record in enumerate(reader, start=1):
            cells = [cell.strip() for cell in record]
            if not any(cells):
                continue
            if number == 1 and cells[0].lower() in {"email", "e-mail", "correo"}:
                continue
            if len(report.rows) >= MAX_ROWS:
                report.errors.append(
                    _("The list has more than %(max)d voters.") % {"max": MAX_ROWS}
                )
                break
            email = normalise_email(cells[0])
            name = cells[1] if len(cells) > 1 else ""
            language = cells[2].lower() if len(cells) > 2 else ""
            try:
                validate_email(email)
            except ValidationError:
                report.errors.append(
                    _("Line %(line)d: “%(email)s” is not an email address.")
                    % {"line": number, "email": cells[0][:100]}
                )
                continue
            if language and language not in languages:
                report.errors.append(
                    _("Line %(line)d: unknown language “%(language)s”.")
                    % {"line": number, "language": language[:20]}
                )
            if email in seen:
                report.errors.append(
                    _(
                        "Line %(line)d: %(email)s is already on line %(first)d "
                        "(addresses are compared without regard to case)."
                    )
                    % {"line": number, "email": email, "first": seen[email]}
                )
                continue
            seen[email] = number
            report.rows.append(RollRow(number, email, name[:200], language))
    except csv.Error as error:
        report.errors.append(_("The file is not valid CSV: %s") % error)
    if not report.rows and not report.errors:
        report.errors.append(_("The list is empty."))
    return report


def import_roll(election, text, user=None):
    """Add the voters of a CSV roll to a closed election, all or nothing.
    Voters already on the list are kept as they are."""
    report = parse_roll(text)
    if report.ok:
        add_voters(election, report, user)
    return report


def import_round(election, round_page, user=None):
    """Add the participants of a mentoring round (see
    `program.participants`) to a closed election, all or nothing, each
    with the language they chose for emails. Participants already on the
    list are kept as they are, so importing again adds only newcomers."""
    from program.participants import round_participants

    languages = {code for code, _name in settings.LANGUAGES}
    report = ImportReport()
    seen = set()
    for number, person in enumerate(round_participants(round_page), start=1):
        email = normalise_email(person.email)
        try:
            validate_email(email)
        except ValidationError:
            report.errors.append(
                _("Application %(number)d: “%(email)s” is not an email address.")
                % {"number": number, "email": person.email[:100]}
            )
            continue
        if email in seen:
            continue
        seen.add(email)
        language = person.language if person.language in languages else ""
        report.rows.append(RollRow(number, email, person.name[:200], language))
    if not report.rows and not report.errors:
        report.errors.append(_("This round has no participants yet."))
    if report.ok:
        add_voters(
            election,
            report,
            user,
            _("From “%(round)s”: ") % {"round": round_page.title},
        )
    return report


def add_voters(election, report, user=None, source=""):
    """Store the rows of a checked `report` as voters, in one transaction,
    and record it in the audit log."""
    key = election.translation_key
    default_language = election.locale.language_code
    with transaction.atomic():
        existing = set(
            Voter.objects.filter(election_key=key).values_list("email", flat=True)
        )
        new = [
            Voter(
                election_key=key,
                email=row.email,
                name=row.name,
                language=row.language or default_language,
            )
            for row in report.rows
            if row.email not in existing
        ]
        # A concurrent import of the same people must not fail: the
        # database's one-row-per-email constraint keeps them once.
        Voter.objects.bulk_create(new, batch_size=1000, ignore_conflicts=True)
        report.created = len(new)
        report.existing = len(report.rows) - len(new)
        AuditEntry.record(
            election,
            AuditEntry.Action.IMPORT,
            user,
            source
            + _("%(created)d added, %(existing)d already on the list")
            % {"created": report.created, "existing": report.existing},
        )


def token_for(voter):
    message = f"{voter.election_key}:{voter.pk}:{voter.token_salt}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def issue_token(voter):
    """Give `voter` a fresh link (the old one, if any, stops working)."""
    voter.token_salt = secrets.token_hex(16)
    token = token_for(voter)
    voter.token_hash = hash_token(token)
    return token


def ballot_url(election, token):
    page = election.localized
    return page.full_url + page.reverse_subpage(
        "vote_with_token", kwargs={"token": token}
    )


def _send(election, voter, purpose, key, pages):
    """Queue one email to `voter`, about the election's page in their
    language when it is translated. `pages` caches (page, URL) by language
    across a batch."""
    language = voter.language or election.locale.language_code
    if language not in pages:
        translated = election.get_translations(inclusive=True).filter(
            locale__language_code=language
        )
        page = (translated.first() or election).specific
        pages[language] = (page, page.full_url)
    page, page_url = pages[language]
    token = token_for(voter)
    outbox.send(
        f"voting/email/{purpose}",
        to=voter.email,
        context={
            "election": page,
            "voter": voter,
            "url": page_url
            + page.reverse_subpage("vote_with_token", kwargs={"token": token}),
        },
        key=key,
        language=language,
        secrets=[token],
    )


def invite(election, user=None, batch_size=BATCH_SIZE):
    """Invite every voter not invited yet, in batches (one transaction
    each, so a failure keeps the batches already queued). Returns the
    number of invitations queued."""
    key = election.translation_key
    sent = 0
    pages = {}
    while True:
        with transaction.atomic():
            batch = list(
                Voter.objects.select_for_update(skip_locked=True)
                .filter(election_key=key, invited_at__isnull=True)
                .exclude(email="")
                .order_by("pk")[:batch_size]
            )
            if not batch:
                break
            now = timezone.now()
            for voter in batch:
                if not voter.token_salt:
                    issue_token(voter)
                voter.invited_at = now
                voter.invitations_sent += 1
                _send(
                    election,
                    voter,
                    "invitation",
                    f"ballot-invite:{key}:{voter.pk}",
                    pages,
                )
            Voter.objects.bulk_update(
                batch, ["token_salt", "token_hash", "invited_at", "invitations_sent"]
            )
            sent += len(batch)
    if sent:
        AuditEntry.record(
            election,
            AuditEntry.Action.INVITE,
            user,
            _("%(count)d invitations queued") % {"count": sent},
        )
    return sent


def resend(election, voter, user=None):
    """Send `voter` a new link (for a lost email or a corrected address);
    the previous link stops working. Refused once they have voted."""
    with transaction.atomic():
        voter = Voter.objects.select_for_update().get(
            pk=voter.pk, election_key=election.translation_key
        )
        if voter.voted_at is not None:
            return False
        issue_token(voter)
        voter.invited_at = timezone.now()
        voter.invitations_sent += 1
        voter.save(
            update_fields=["token_salt", "token_hash", "invited_at", "invitations_sent"]
        )
        _send(
            election,
            voter,
            "invitation",
            f"ballot-invite:{election.translation_key}:{voter.pk}"
            f":{voter.invitations_sent}",
            {},
        )
        AuditEntry.record(election, AuditEntry.Action.RESEND, user, voter.email)
    return True


def remind(election, user=None, batch_size=BATCH_SIZE):
    """Remind the invited voters who have not voted yet, once per call
    (the reminder is numbered by day, so a second run the same day sends
    nothing). Returns the number of reminders queued."""
    key = election.translation_key
    today = timezone.localdate().isoformat()
    sent = 0
    pages = {}
    last_pk = 0
    while True:
        with transaction.atomic():
            batch = list(
                Voter.objects.select_for_update()
                .filter(
                    election_key=key,
                    invited_at__isnull=False,
                    voted_at__isnull=True,
                    pk__gt=last_pk,
                )
                .exclude(email="")
                .order_by("pk")[:batch_size]
            )
            if not batch:
                break
            now = timezone.now()
            for voter in batch:
                message = OutboxMessage.objects.filter(
                    key=f"ballot-remind:{key}:{voter.pk}:{today}"
                ).exists()
                if not message:
                    _send(
                        election,
                        voter,
                        "reminder",
                        f"ballot-remind:{key}:{voter.pk}:{today}",
                        pages,
                    )
                    voter.reminded_at = now
                    sent += 1
            Voter.objects.bulk_update(batch, ["reminded_at"])
            last_pk = batch[-1].pk
    if sent:
        AuditEntry.record(
            election,
            AuditEntry.Action.REMIND,
            user,
            _("%(count)d reminders queued") % {"count": sent},
        )
    return sent


def turnout(election):
    """(ballots cast, electorate size or None when it is all members)."""
    from .models import Ballot

    cast = Ballot.objects.filter(election_key=election.translation_key).count()
    if election.electorate == "closed":
        size = Voter.objects.filter(election_key=election.translation_key).count()
    else:
        size = get_user_model().objects.filter(is_active=True).count()
    return cast, size
