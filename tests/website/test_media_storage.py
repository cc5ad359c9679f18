"""Media on S3-compatible storage: one environment variable switches the
uploads of every app server to a bucket, and the policy lets pages show them."""

import json

from .test_deploy_check import SAMPLE_ENVIRONMENT, manage

SHOW_STORAGE = """
import json
from django.conf import settings
from django.core.files.storage import storages
default_storage = storages["default"]
print(json.dumps({
    "backend": type(default_storage).__module__ + "." + type(default_storage).__name__,
    "url": default_storage.url("images/cover.jpg"),
    "img_src": settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"],
}))
"""


def storage_with(**environment):
    result = manage("shell", "-c", SHOW_STORAGE, **SAMPLE_ENVIRONMENT, **environment)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_media_stay_on_local_disk_by_default():
    storage = storage_with()
    assert (
        storage["backend"] == "django.core.files.storage.filesystem.FileSystemStorage"
    )
    assert storage["url"] == "/media/images/cover.jpg"


def test_a_bucket_moves_media_to_s3_compatible_storage():
    storage = storage_with(
        MEDIA_S3_BUCKET="librarians-media",
        MEDIA_S3_ENDPOINT_URL="https://objects.example.org",
        MEDIA_S3_REGION="eu-west-1",
        MEDIA_S3_CUSTOM_DOMAIN="media.example.org",
        AWS_ACCESS_KEY_ID="sample",
        AWS_SECRET_ACCESS_KEY="sample",
    )
    assert storage["backend"] == "storages.backends.s3.S3Storage"
    # Plain public URLs on the media domain (no expiring signature), and the
    # Content-Security-Policy allows images from there.
    assert storage["url"] == "https://media.example.org/media/images/cover.jpg"
    assert "https://media.example.org" in storage["img_src"]
