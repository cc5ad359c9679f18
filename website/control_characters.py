"""No control character in what a client sends: one place, before anything
else reads the request.

A NUL, an escape or another control character has no business in an
address, a query string, a form field or a cookie, and PostgreSQL refuses
any string with a NUL in it, so one reaching a query would be a 500. The
middleware answers such a request with a 400 and a plain message before
the page cache, the session (a cookie is looked up in the database) or any
view sees it. Form fields and query values may hold line breaks and tabs
(a textarea's text); nothing else may hold any control character (Unicode
category Cc: U+0000–U+001F, U+007F–U+009F).

What arrives percent-encoded inside a value (a linkback's target URL, for
instance) is decoded by the code that reads it, which checks the decoded
text with `has_control()` (linkbacks.targets).
"""

import re

from django.http import HttpResponseBadRequest
from django.utils.translation import gettext as _

CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# Text typed in a form or a query may hold tabs and line breaks.
CONTROL_IN_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def has_control(text, *, text_field=False):
    """Whether `text` holds a control character (other than a tab or a
    line break if it is the text of a form field)."""
    return bool((CONTROL_IN_TEXT if text_field else CONTROL).search(text))


def _data_has_control(data):
    for key, values in data.lists():
        if has_control(key):
            return True
        for value in values:
            if isinstance(value, str) and has_control(value, text_field=True):
                return True
    return False


def has_control_characters(request):
    if has_control(request.path) or has_control(request.path_info):
        return True
    if _data_has_control(request.GET):
        return True
    if any(
        has_control(name) or has_control(value)
        for name, value in request.COOKIES.items()
    ):
        return True
    if request.method == "POST":
        try:
            data = request.POST
        except Exception:  # an unreadable body: the view answers it as before
            return False
        if _data_has_control(data):
            return True
        return any(has_control(name) for name in request.FILES)
    return False


def refusal():
    return HttpResponseBadRequest(
        _(
            "Bad request: the address, a form field or a cookie contains a "
            "control character (such as NUL), which this site does not accept."
        ),
        content_type="text/plain; charset=utf-8",
    )


class ControlCharacterMiddleware:
    """Refuse requests carrying control characters (see the module)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if has_control_characters(request):
            return refusal()
        return self.get_response(request)
