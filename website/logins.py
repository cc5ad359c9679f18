"""Every door that takes a password shares one limit of failed attempts.

The site's log-in page is allauth's, whose adapter counts failed attempts
per client address and per account (ACCOUNT_RATE_LIMITS["login_failed"]).
The Wagtail admin (/admin/login/) and Django's admin (/django-admin/login/)
have log-in forms of their own, which would otherwise allow unlimited
guesses, and answer for accounts that allauth is holding back. Their forms
below check the password through the same adapter call, so the same
counters apply at all three doors: guesses made at one count at the others,
and a lock at one holds at the others. The adapter counts per account, not
per spelling of it (website.account_adapter), since the admins take a
username and the site an email address.
"""

from allauth.account.adapter import get_adapter
from django.contrib.admin.forms import AdminAuthenticationForm
from wagtail.admin.forms.auth import LoginForm


class SharedLimitMixin:
    """AuthenticationForm.clean, with the password checked by allauth's
    adapter (which refuses with "Too many failed login attempts" once a
    limit is reached, and counts a failure otherwise)."""

    def clean(self):
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if username is not None and password:
            self.user_cache = get_adapter(self.request).authenticate(
                self.request, username=username, password=password
            )
            if self.user_cache is None:
                raise self.get_invalid_login_error()
            self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data


class WagtailAdminLoginForm(SharedLimitMixin, LoginForm):
    """The Wagtail admin's log-in form (WAGTAILADMIN_USER_LOGIN_FORM)."""


class DjangoAdminLoginForm(SharedLimitMixin, AdminAuthenticationForm):
    """Django admin's log-in form (admin.site.login_form, in website/urls.py)."""
