"""The site's URLs, plus its media files, for the browser tests.

The test settings keep uploads in memory (InMemoryStorage) and run without
DEBUG, so nothing would serve images to the browser: pages would be laid
out and photographed around broken images. The live server runs in the
tests' process, so it can read the same in-memory storage.
"""

import io
import mimetypes

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.urls import re_path

from website.urls import handler404  # noqa: F401
from website.urls import urlpatterns as site_urlpatterns


def media(request, path):
    if not default_storage.exists(path):
        raise Http404(path)
    content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
    # A copy of the bytes, not the storage's own file: InMemoryStorage hands
    # every caller the same file object, and Django's WSGI handler rebinds
    # a streamed file's close() to the response's, which fires
    # request_finished. A later photo.close() in another request (approving
    # the photo) would then close that request's database connection.
    with default_storage.open(path) as stored:
        data = stored.read()
    return FileResponse(io.BytesIO(data), content_type=content_type)


urlpatterns = [re_path(r"^media/(?P<path>.+)$", media), *site_urlpatterns]
