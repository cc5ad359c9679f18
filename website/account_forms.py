"""allauth's forms as the site words them (set in ACCOUNT_FORMS). Apart from
`website.forms`, which allauth's own forms module imports (its sign-up
form extends ACCOUNT_SIGNUP_FORM_CLASS) and which so cannot import it."""

from allauth.account.forms import LoginForm as AllauthLoginForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AllauthLoginForm):
    """allauth's log-in form in the site's words ("Remember me"); the link
    to reset a forgotten password is on the page (account/login.html), not
    in the password's help text."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].help_text = ""
        if "remember" in self.fields:
            self.fields["remember"].label = _("Remember me")
