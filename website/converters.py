"""Path converters shared by every app's URLs.

`<id:…>` is a database id in a URL: up to 18 digits, so that it always
fits the 64-bit integer columns. Django's `<int:…>` takes any number of
digits, and a longer one makes the database query fail (SQLite raises
OverflowError, PostgreSQL "bigint out of range"): a 500 for what is just
a page that does not exist. With `<id:…>` such a URL does not match: 404.
"""

from django.urls.converters import IntConverter


class IdConverter(IntConverter):
    regex = "[0-9]{1,18}"
