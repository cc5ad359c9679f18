"""Production: PostgreSQL, Redis, the database task queue, SMTP.

Fails loudly at start-up when a required variable is missing or unsafe.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env, env_bool, env_list, machine_translator


def required(name):
    value = env(name)
    if value is None:
        raise ImproperlyConfigured(f"The environment variable {name} is required.")
    return value


DEBUG = False
SECRET_KEY = required("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must list the site's host names.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

if not env("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
    raise ImproperlyConfigured("DATABASE_URL must point at PostgreSQL.")
DATABASES["default"]["CONN_MAX_AGE"] = int(env("DATABASE_CONN_MAX_AGE", "60"))  # noqa: F405

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": required("REDIS_URL"),
        "KEY_PREFIX": env("CACHE_KEY_PREFIX", "librarians"),
    }
}
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Background work: tasks are rows in PostgreSQL, run by `manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

OUTBOX_DELIVERY_BACKEND = env(
    "EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "587"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = int(env("EMAIL_TIMEOUT", "20"))

# Static files: hashed names, compressed, served by whitenoise.
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
}

# HTTPS: the site sits behind a TLS-terminating proxy or load balancer.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
# Browsers upgrade any http:// reference left in content (an old embed, a
# pasted image address) instead of loading it unencrypted.
CONTENT_SECURITY_POLICY["DIRECTIVES"]["upgrade-insecure-requests"] = True  # noqa: F405

# Loopback fetches exist only for local linkback experiments and tests.
if env_bool("SAFE_HTTP_ALLOW_LOOPBACK"):
    raise ImproperlyConfigured(
        "SAFE_HTTP_ALLOW_LOOPBACK must not be set in production: it would let "
        "linkback verification reach services on this machine."
    )
SAFE_HTTP_ALLOW_LOOPBACK = False

WAGTAILADMIN_BASE_URL = required("SITE_URL")

# No demo content here: `manage.py seed_demo` refuses to run.
DEMO_CONTENT_ALLOWED = False

# Machine translation: none unless MACHINE_TRANSLATOR picks DeepL or Google
# (the dummy translator's reversed text has no place in production).
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = machine_translator(
    env("MACHINE_TRANSLATOR", "none"), production=True
)

# CDN in front of the site (optional): Wagtail's frontend-cache invalidation
# purges it on publish, and website.pagecache.purge() routes every other
# purge (comments, likes, live results) through it too. Off when unset.
WAGTAILFRONTENDCACHE = {}
if env("CLOUDFLARE_ZONE_ID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": required("CLOUDFLARE_API_TOKEN"),
        "ZONEID": env("CLOUDFLARE_ZONE_ID"),
    }
if env("CLOUDFRONT_DISTRIBUTION_ID"):  # needs boto3 and the usual AWS_* variables
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": env("CLOUDFRONT_DISTRIBUTION_ID"),
    }
if env("FRONTEND_CACHE_PURGE_URL"):  # Varnish or another cache taking PURGE
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": env("FRONTEND_CACHE_PURGE_URL"),
    }
