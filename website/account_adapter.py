"""django-allauth adapter: allauth's rate limits (login, sign-up, password
reset) count the same client address as the site's own limits; in
development its emails name the address the site is served on."""

from types import SimpleNamespace

from allauth.account.adapter import DefaultAccountAdapter
from django.contrib.sites.shortcuts import get_current_site
from django.core.exceptions import PermissionDenied

from website import devsite, ratelimit


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request):
        # allauth's own reading of X-Forwarded-For fails with a server error
        # when the header has fewer hops than the trusted proxies;
        # website.ratelimit falls back to the connection's address instead.
        ip = ratelimit.client_ip(request)
        if not ip:
            raise PermissionDenied("The client's address is unknown.")
        return ip

    def send_mail(self, template_prefix, email, context):
        # allauth's emails name django.contrib.sites' domain ("… an account
        # on 127.0.0.1:8000"); in development, the address being served.
        domain = devsite.served_domain() if devsite.enabled() else None
        if domain and "current_site" not in context:
            site = get_current_site(getattr(self, "request", None))
            current = SimpleNamespace(name=site.name, domain=domain)
            context = {**context, "current_site": current}
        super().send_mail(template_prefix, email, context)
