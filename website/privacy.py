"""What the site holds about one person, and erasing it: the registry of
every app's `privacy` module.

`website` imports no domain app (HOUSE_STYLE): each app that stores
personal data has a module `<app>/privacy.py`, found with Django's
`autodiscover_modules("privacy")`, with

    def export_personal_data(email: str) -> dict
        # JSON-serialisable: everything the app holds about that address
        # (and about the member account with that email, if any)
    def erase_personal_data(email: str, *, keep_comments: bool) -> None
        # remove or anonymise it; keep_comments only matters for comments

and optionally `activity_section(user) -> dict | None` for the member's
page ({"title", "template", "context"}). Some data cannot go at once
(a mentoring partner still relies on it until the round ends); an app
that defers part of an erasure says so, in the active language:

    erase_personal_data(...) may return a list of sentences
        # what it keeps, until when
    def plan(email) -> list[str]
        # before the erase: what erasing will do, where it is not simply
        # "removed" (the "Your data" page shows it)
    def complete_erasures(now) -> int
        # finish what was deferred, now that its time has come
        # (`manage.py privacy complete`, a daily job)

`export(email)` gathers every app's export with the account's own rows
(user, profile, allauth's addresses and social accounts, the emails we sent
to the address); `erase(email, keep_comments=...)` runs every app's erase,
then removes those: allauth's address and social rows, the emails sent to
the address (the address is blanked in any other email that names it), and
the member account itself, in one transaction. Used by `manage.py privacy
export|erase EMAIL`, the member's "My data" page and the link a reader
without an account asks for.
"""

import sys

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils.module_loading import autodiscover_modules

ERASED = "[erased]"


def modules():
    """Every app's privacy module (those that define the contract), in the
    order of INSTALLED_APPS; website's own data is handled here."""
    autodiscover_modules("privacy")
    found = []
    for app_config in apps.get_app_configs():
        module = sys.modules.get(f"{app_config.name}.privacy")
        if (
            module is not None
            and module is not sys.modules[__name__]
            and hasattr(module, "export_personal_data")
            and hasattr(module, "erase_personal_data")
        ):
            found.append((app_config.label, module))
    return found


def users_with(email):
    """The accounts that use `email` (as their address, or as one of
    allauth's addresses of theirs)."""
    from allauth.account.models import EmailAddress

    user_ids = EmailAddress.objects.filter(email__iexact=email).values("user_id")
    return get_user_model().objects.filter(Q(email__iexact=email) | Q(pk__in=user_ids))


def export(email):
    """Everything the site holds about `email`, as a JSON-ready dict."""
    data = {"email": email, "account": export_account(email)}
    for label, module in modules():
        data[label] = module.export_personal_data(email)
    return data


def export_account(email):
    from allauth.account.models import EmailAddress
    from allauth.socialaccount.models import SocialAccount

    from .models import OutboxMessage

    accounts = []
    for user in users_with(email):
        profile = getattr(user, "profile", None)
        accounts.append(
            {
                "username": user.username,
                "name": user.get_full_name(),
                "email": user.email,
                "date_joined": user.date_joined.isoformat(),
                "last_login": user.last_login.isoformat() if user.last_login else None,
                "profile": {
                    "display_name": profile.display_name,
                    "country": str(profile.country),
                    "library": profile.library,
                    "bio": profile.bio,
                }
                if profile is not None
                else None,
                "email_addresses": [
                    {"email": a.email, "verified": a.verified, "primary": a.primary}
                    for a in EmailAddress.objects.filter(user=user)
                ],
                "social_accounts": [
                    {"provider": s.provider, "uid": s.uid}
                    for s in SocialAccount.objects.filter(user=user)
                ],
            }
        )
    emails = [
        {
            "subject": message.subject,
            "status": message.status,
            "created": message.created_at.isoformat(),
            "sent": message.sent_at.isoformat() if message.sent_at else None,
        }
        for message in OutboxMessage.objects.filter(to__iexact=email).order_by("pk")
    ]
    return {"accounts": accounts, "emails_sent": emails}


def plan(email):
    """What erasing `email` will do that is not simply "removed", one
    sentence each (the apps' optional `plan`)."""
    sentences = []
    for _label, module in modules():
        if hasattr(module, "plan"):
            sentences += module.plan(email)
    return sentences


def complete_erasures(now=None):
    """Finish the erasures the apps deferred (see the module); returns
    {app label: how many}."""
    done = {}
    for label, module in modules():
        if hasattr(module, "complete_erasures"):
            done[label] = module.complete_erasures(now)
    return done


def erase(email, *, keep_comments):
    """Remove or anonymise everything the site holds about `email`, and the
    member account that uses it (see the module). Returns the sentences
    the apps gave about what they keep for now, and until when."""
    from allauth.account.models import EmailAddress
    from allauth.socialaccount.models import SocialAccount

    from .models import OutboxMessage, OutboxSecret

    with transaction.atomic():
        users = list(users_with(email))
        # Every address of the account goes: the apps erase by address.
        addresses = {email.lower()} | {
            a.lower()
            for a in EmailAddress.objects.filter(user__in=users).values_list(
                "email", flat=True
            )
        }
        addresses |= {u.email.lower() for u in users if u.email}
        kept = []
        for address in sorted(addresses):
            for _label, module in modules():
                kept += (
                    module.erase_personal_data(address, keep_comments=keep_comments)
                    or []
                )
        for address in sorted(addresses):
            sent = OutboxMessage.objects.filter(to__iexact=address)
            OutboxSecret.objects.filter(message__in=sent).delete()
            sent.delete()
            blank_address_in_outbox(address)
        SocialAccount.objects.filter(user__in=users).delete()  # tokens cascade
        EmailAddress.objects.filter(user__in=users).delete()
        for user in users:
            user.delete()  # the profile and what apps keep per user cascade
    return kept


# In an attachment (a partner's calendar invitation names the attendees by
# address), the address is replaced by one that stays valid syntax.
ERASED_ADDRESS = "erased@erased.invalid"


def blank_address_in_outbox(address):
    """Emails to others that quote the address (a moderator's notice of a
    comment, a partner's match email and its calendar file) keep their text
    with the address blanked."""
    from .models import OutboxMessage

    quoting = OutboxMessage.objects.filter(
        Q(subject__icontains=address)
        | Q(body_text__icontains=address)
        | Q(body_html__icontains=address)
        | Q(reply_to__icontains=address)
        | Q(headers__icontains=address)
        | Q(attachments__icontains=address)
    )
    fields = ["subject", "body_text", "body_html", "reply_to", "headers", "attachments"]
    for message in quoting:
        for field in ("subject", "body_text", "body_html", "reply_to"):
            setattr(message, field, _blank(getattr(message, field), address))
        message.headers = {
            name: _blank(str(value), address)
            for name, value in (message.headers or {}).items()
        }
        message.attachments = [
            {**part, "content": _blank(part["content"], address, ERASED_ADDRESS)}
            for part in message.attachments or []
        ]
        message.save(update_fields=fields)


def _blank(text, address, replacement=ERASED):
    import re

    return re.sub(re.escape(address), replacement, text, flags=re.IGNORECASE)


def activity_sections(user):
    """The optional sections the apps' privacy modules add to the member's
    page (those that return something)."""
    sections = []
    for _label, module in modules():
        section = getattr(module, "activity_section", None)
        if section is not None and (found := section(user)):
            sections.append(found)
    return sections
