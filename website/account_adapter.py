"""django-allauth adapter: allauth's rate limits (login, sign-up, password
reset) count the same client address as the site's own limits."""

from allauth.account.adapter import DefaultAccountAdapter
from django.core.exceptions import PermissionDenied

from website import ratelimit


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request):
        # allauth's own reading of X-Forwarded-For fails with a server error
        # when the header has fewer hops than the trusted proxies;
        # website.ratelimit falls back to the connection's address instead.
        ip = ratelimit.client_ip(request)
        if not ip:
            raise PermissionDenied("The client's address is unknown.")
        return ip
