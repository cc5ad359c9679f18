"""The site as gunicorn serves it, plus the media folder, which a deployment
serves from nginx or object storage (deploy/nginx/librarians.conf): the
Lighthouse benchmark has no nginx in front of gunicorn."""

from django.conf import settings
from whitenoise import WhiteNoise

from website.wsgi import application as site

# autorefresh: image renditions are written while pages render.
application = WhiteNoise(
    site, root=settings.MEDIA_ROOT, prefix=settings.MEDIA_URL, autorefresh=True
)
