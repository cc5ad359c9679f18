"""django-allauth adapter: allauth's rate limits (login, sign-up, password
reset) count the same client address as the site's own limits, failed
log-ins count per account, whichever door and spelling named it, the
keys and codes of its emails are one-time tokens the outbox hides, and in
development its emails name the address the site is served on."""

from types import SimpleNamespace

from allauth.account.adapter import DefaultAccountAdapter
from django.contrib.auth import get_user_model
from django.contrib.sites.shortcuts import get_current_site
from django.core.exceptions import PermissionDenied
from django.db.models import Q

from website import devsite, ratelimit


def account_for(login):
    """The one account that `login` (an email address or a username) names,
    or None."""
    login = (login or "").strip()
    if not login:
        return None
    users = list(
        get_user_model()
        .objects.filter(
            Q(username__iexact=login)
            | Q(email__iexact=login)
            | Q(emailaddress__email__iexact=login)
        )
        .values_list("pk", flat=True)
        .distinct()[:2]
    )
    return users[0] if len(users) == 1 else None


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request):
        # allauth's own reading of X-Forwarded-For fails with a server error
        # when the header has fewer hops than the trusted proxies;
        # website.ratelimit falls back to the connection's address instead.
        ip = ratelimit.client_ip(request)
        if not ip:
            raise PermissionDenied("The client's address is unknown.")
        return ip

    def render_mail(self, template_prefix, email, context, headers=None):
        message = super().render_mail(template_prefix, email, context, headers)
        # The confirmation and password-reset keys and the codes reach the
        # recipient only: the outbox stores the message with them hidden
        # (website/outbox.py).
        message.outbox_secrets = [
            value
            for name in ("key", "code")
            if isinstance(value := context.get(name), str) and value
        ]
        return message

    def _get_login_attempts_cache_key(self, request, **credentials):
        # allauth keys its "login_failed" limit on the text typed. The
        # site's log-in takes an email address, the admins a username
        # (website/logins.py): key on the account they name, so that a lock
        # at one door holds at the others. This method is also what clears
        # the count after a password reset.
        login = credentials.get("email", credentials.get("username", ""))
        account = account_for(login)
        who = f"account-{account}" if account else login.lower()
        return f"{get_current_site(request).domain}:{who}"

    def send_mail(self, template_prefix, email, context):
        # allauth's emails name django.contrib.sites' domain ("… an account
        # on 127.0.0.1:8000"); in development, the address being served.
        domain = devsite.served_domain() if devsite.enabled() else None
        if domain and "current_site" not in context:
            site = get_current_site(getattr(self, "request", None))
            current = SimpleNamespace(name=site.name, domain=domain)
            context = {**context, "current_site": current}
        super().send_mail(template_prefix, email, context)
