"""Settings shared by every environment.

The environment is read in one place: `env()` below, and only in the settings
modules. Everything here works with no environment at all (the embedded
default: SQLite, the in-process cache, the immediate task backend).
"""

import ipaddress
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env(name, default=None):
    """Read one setting from the environment (empty counts as unset)."""
    value = os.environ.get(name, "")
    return value if value != "" else default


def env_bool(name, default=False):
    value = env(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=()):
    value = env(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


INSTALLED_APPS = [
    "website",
    "blog",
    "linkbacks",
    "fediverse",
    "program",
    "voting",
    "subscriptions",
    "events",
    "contributions",
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales: never list both
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.frontend_cache",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_countries",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    # Social providers: listed here so that an administrator can switch one on
    # by adding its credentials under Settings → Social login, with no code.
    "allauth.socialaccount.providers.google",
    "allauth.socialaccount.providers.facebook",
    "allauth.socialaccount.providers.twitter_oauth2",
    "website.wordpress_login",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sites",
    "django.contrib.sitemaps",
    # Comments (see the "Comments" section below): xtd before django_comments.
    "django_comments_xtd",
    "django_comments",
    "django.contrib.staticfiles",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A control character (NUL…) in the path, query, form or cookies is a
    # 400 before anything reads it (website/control_characters.py).
    "website.control_characters.ControlCharacterMiddleware",
    # Anonymous pages from the cache, before the session, CSRF and auth
    # middleware (website/pagecache.py).
    "website.pagecache.PageCacheMiddleware",
    # Security headers (see "Security headers" below). Keep them after any
    # whole-page cache middleware: a cached page is then stored with the
    # policy whose nonce its HTML carries.
    "csp.middleware.CSPMiddleware",
    "website.security.PermissionsPolicyMiddleware",
    # Locale, home page, translations and private sections looked up once
    # per GET (website/request_memo.py).
    "website.request_memo.RequestMemoMiddleware",
    # The Wagtail Site of the request, from the cache (website/sites.py).
    "website.sites.CachedSiteMiddleware",
    # Development only (SITE_URL_FROM_REQUEST): the address a request came to
    # is the site's own URL (website/devsite.py); removed otherwise.
    "website.devsite.ServedAddressMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Keeps translators to their languages in wagtail-localize's snippet views.
    "website.permissions.TranslatorScopeMiddleware",
]

ROOT_URLCONF = "website.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "website.wsgi.application"

# Database: SQLite by default; DATABASE_URL (PostgreSQL) when set.
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: in-process by default; Redis when REDIS_URL is set.
if env("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env("REDIS_URL"),
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", "librarians"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Whole-page cache of anonymous pages (website/pagecache.py), in the cache
# above; 0 turns it off.
PAGE_CACHE_SECONDS = int(env("PAGE_CACHE_SECONDS", "300"))
# Pages that change with the clock (comments closing, elections and rounds
# opening and closing) are purged by `manage.py purge_date_changes`
# (website/date_changes.py), which catches up on missed runs as far back as
# this: keep it above the longest time a page can stay cached, here and in
# the CDN.
DATE_CHANGES_MAX_CATCH_UP_SECONDS = int(
    env("DATE_CHANGES_MAX_CATCH_UP_SECONDS", str(7 * 24 * 3600))
)

# Background work: the immediate backend runs a task as soon as it is enqueued
# (fine on one machine); production uses the django-tasks-db queue and
# `manage.py db_worker` processes.
TASKS = {
    "default": {
        "BACKEND": env(
            "TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
        )
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

# Languages. English is the source language; every enabled language has a
# complete catalogue in locale/ and a Wagtail locale.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("es", _("Spanish")),
    ("fr", _("French")),
    ("ar", _("Arabic")),  # right to left: the base template sets dir="rtl"
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
# The site's date and time formats where Django's do not suit a sentence
# (website/formats/: English times without "p.m.", which doubled the full
# stop of a sentence ending with a date).
FORMAT_MODULE_PATH = ["website.formats"]
USE_I18N = True
USE_TZ = True

# Translations of live pages stay drafts until a translator publishes them.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

machine_translators_module = "wagtail_localize.machine_translators"


def machine_translator(choice, production=False):
    """wagtail-localize's machine translator for MACHINE_TRANSLATOR: `dummy`
    (offline, reverses the word order; development only), `deepl` (DEEPL_AUTH_KEY),
    `google` (GOOGLE_CLOUD_PROJECT, and a service account key file in
    GOOGLE_APPLICATION_CREDENTIALS) or `none` (no machine translation)."""
    choice = (choice or "none").strip().lower()
    if choice == "none":
        return None
    if choice == "dummy" and not production:
        return {"CLASS": f"{machine_translators_module}.dummy.DummyTranslator"}
    if choice == "deepl":
        key = env("DEEPL_AUTH_KEY")
        if key is None:
            raise ImproperlyConfigured("MACHINE_TRANSLATOR=deepl needs DEEPL_AUTH_KEY.")
        return {
            "CLASS": f"{machine_translators_module}.deepl.DeepLTranslator",
            "OPTIONS": {"AUTH_KEY": key},
        }
    if choice == "google":
        project = env("GOOGLE_CLOUD_PROJECT")
        if project is None:
            raise ImproperlyConfigured(
                "MACHINE_TRANSLATOR=google needs GOOGLE_CLOUD_PROJECT."
            )
        try:
            import google.cloud.translate  # noqa: F401
        except ImportError as error:
            raise ImproperlyConfigured(
                "MACHINE_TRANSLATOR=google needs the google-cloud-translate "
                "package: pip install google-cloud-translate"
            ) from error
        options = {"PROJECT_ID": project}
        if env("GOOGLE_APPLICATION_CREDENTIALS"):
            options["CREDENTIALS_PATH"] = env("GOOGLE_APPLICATION_CREDENTIALS")
        return {
            "CLASS": f"{machine_translators_module}.google.GoogleCloudTranslator",
            "OPTIONS": options,
        }
    allowed = "deepl, google or none" if production else "dummy, deepl, google or none"
    raise ImproperlyConfigured(f"MACHINE_TRANSLATOR must be {allowed}, not {choice!r}.")


# Machine translation in the translation editor: the offline dummy unless
# the environment picks a service (production: see production.py).
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = machine_translator(
    env("MACHINE_TRANSLATOR", "dummy")
)

# Static and media files.
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = BASE_DIR / "static"
STATIC_URL = "/static/"
MEDIA_ROOT = BASE_DIR / "media"
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Media on S3-compatible object storage (django-storages), for several app
# servers: switched on by MEDIA_S3_BUCKET. Credentials come from boto3's own
# variables (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY) or the machine's role.
MEDIA_S3_BUCKET = env("MEDIA_S3_BUCKET")
MEDIA_ORIGINS = []  # where the browser fetches media from, besides this site
if MEDIA_S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_S3_BUCKET,
            "endpoint_url": env("MEDIA_S3_ENDPOINT_URL"),
            "region_name": env("MEDIA_S3_REGION"),
            "custom_domain": env("MEDIA_S3_CUSTOM_DOMAIN"),
            "location": env("MEDIA_S3_PREFIX", "media"),
            # Image renditions are public and cached with the pages: plain
            # URLs, not signed ones that expire.
            "querystring_auth": False,
            "file_overwrite": False,
        },
    }
    # Documents may sit in private collections: stream them through Wagtail's
    # view, which checks permissions, rather than redirecting to the bucket.
    WAGTAILDOCS_SERVE_METHOD = "serve_view"
    if env("MEDIA_S3_CUSTOM_DOMAIN"):
        MEDIA_ORIGINS = [f"https://{env('MEDIA_S3_CUSTOM_DOMAIN')}"]
    elif env("MEDIA_S3_ENDPOINT_URL"):
        MEDIA_ORIGINS = [env("MEDIA_S3_ENDPOINT_URL").rstrip("/")]
    else:
        MEDIA_ORIGINS = [f"https://{MEDIA_S3_BUCKET}.s3.amazonaws.com"]

# Sites: django.contrib.sites is needed by allauth and the comments app. Its
# domain is kept in step with Wagtail's default Site (see website.signals).
SITE_ID = 1

# Wagtail.
WAGTAIL_SITE_NAME = "Librarians Network"
WAGTAILADMIN_BASE_URL = env("SITE_URL", "http://127.0.0.1:8000")
# Development: full URLs follow the address the site is served on rather
# than its Site record and SITE_URL (website/devsite.py). Never in production.
SITE_URL_FROM_REQUEST = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# Pages an editor makes private (Settings > Privacy on a page): readers who
# must log in go to the site's own login page, in their language; pages
# behind a password ask for it in the site's layout.
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_REQUIRED_TEMPLATE = "website/password_required.html"

# Members: django-allauth, email addresses as logins, verification required.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SIGNUP_FORM_CLASS = "website.forms.SignupProfileForm"
ACCOUNT_FORMS = {"login": "website.account_forms.LoginForm"}
ACCOUNT_USER_DISPLAY = "website.models.members.user_display"
ACCOUNT_ADAPTER = "website.account_adapter.AccountAdapter"
# Failed log-ins count per address and per account at every door: the site's
# log-in page, the Wagtail admin's and Django admin's (website/logins.py).
WAGTAILADMIN_USER_LOGIN_FORM = "website.logins.WagtailAdminLoginForm"
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/h/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
}
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "profile"

# Email: every message the site or a library sends (allauth, the comments
# app, Wagtail's notifications) is queued in the outbox by EMAIL_BACKEND;
# the outbox's delivery task then hands it to OUTBOX_DELIVERY_BACKEND.
EMAIL_BACKEND = "website.outbox.OutboxBackend"
OUTBOX_DELIVERY_BACKEND = env(
    "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Librarians Network <noreply@localhost>")
SERVER_EMAIL = env("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
OUTBOX_MAX_ATTEMPTS = 8
OUTBOX_RETRY_BASE_SECONDS = 60
OUTBOX_STUCK_AFTER_SECONDS = 15 * 60

# Background tasks whose worker died mid-task (website/stuck_tasks.py, run by
# `manage.py requeue_stuck_tasks`): a task still RUNNING this long after it
# started is run again, at most TASKS_MAX_ATTEMPTS times in all, then marked
# failed. There is no heartbeat, so keep this well above the longest task
# (matching a large round takes seconds).
TASKS_STUCK_AFTER_SECONDS = 15 * 60
TASKS_MAX_ATTEMPTS = 3

# Comments: django-comments-xtd with the blog's own model, templates, views
# and moderation (blog/comments/). Its mail goes through the outbox like all
# mail, in the request's transaction, never from a thread of its own.
COMMENTS_APP = "django_comments_xtd"
COMMENTS_XTD_MODEL = "blog.models.BlogComment"
COMMENTS_XTD_FORM_CLASS = "blog.comments.forms.CommentForm"
COMMENTS_XTD_MAX_THREAD_LEVEL = 2  # a comment, a reply, a reply to the reply
COMMENTS_XTD_LIST_ORDER = ("thread_id", "order")  # oldest thread first
# Extra key of xtd's signed confirmation links (appended to SECRET_KEY), so
# that no other value signed with SECRET_KEY can pass for one.
COMMENTS_XTD_SALT = env("COMMENTS_XTD_SALT", "blog-comments").encode()
COMMENTS_XTD_CONFIRM_EMAIL = True
COMMENTS_XTD_THREADED_EMAILS = False
COMMENTS_XTD_SEND_HTML_EMAIL = True
COMMENTS_XTD_FROM_EMAIL = DEFAULT_FROM_EMAIL
COMMENTS_XTD_CONTACT_EMAIL = DEFAULT_FROM_EMAIL
COMMENT_MAX_LENGTH = 3000
COMMENTS_PER_PAGE = 50  # top-level comments per page of a thread (?cpage=)
COMMENTS_RATE_LIMIT = (5, 60)  # posts per IP address, per that many seconds
CONTRIBUTIONS_RATE_LIMIT = (5, 600)  # each contribution form, per IP address
COMMENTS_FIRST_TIME_HELD = True  # a new address's first comment waits

# Linkbacks (linkbacks/): pingbacks and webmentions received per client
# address (count, seconds), and whether publishing a post notifies the
# pages it links to.
LINKBACKS_RATE_LIMIT = (20, 600)
PAGE_PASSWORD_RATE_LIMIT = (10, 600)  # tries at a page's password per address
LINKBACKS_SEND = env_bool("LINKBACKS_SEND", True)

# The fediverse (fediverse/): the ActivityPub user name of each blog
# language (default: "blog" for the default language, "blog-<code>" for the
# others), an avatar image URL for the actors, and the inbox's limits.
FEDIVERSE_ACTORS = {}
FEDIVERSE_AVATAR_URL = ""
FEDIVERSE_MAX_BODY_BYTES = 256 * 1024
FEDIVERSE_MAX_JSON_DEPTH = 20
FEDIVERSE_RATE_LIMIT = (300, 300)  # activities per remote server, per seconds
FEDIVERSE_BATCH_SIZE = 50  # deliveries per background task
FEDIVERSE_CONCURRENCY = 8  # POSTs in flight at once within a task

# `manage.py seed_demo` (invented content, accounts with a published
# password) runs only where this is on: not in production.
DEMO_CONTENT_ALLOWED = True

# Outbound HTTP (website.safehttp).
SAFE_HTTP_ALLOW_LOOPBACK = False
SAFE_HTTP_TIMEOUT = 5
SAFE_HTTP_MAX_BYTES = 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "website": {"level": env("LOG_LEVEL", "INFO")},
        "blog": {"level": env("LOG_LEVEL", "INFO")},
        "linkbacks": {"level": env("LOG_LEVEL", "INFO")},
        "program": {"level": env("LOG_LEVEL", "INFO")},
        "voting": {"level": env("LOG_LEVEL", "INFO")},
    },
}

# Rate limits (website.ratelimit): how many proxies that append to
# X-Forwarded-For stand in front of the app servers, and their addresses or
# networks: the header is believed only from those (default: loopback, a
# proxy on the same machine).
RATELIMIT_TRUSTED_PROXIES = int(env("RATELIMIT_TRUSTED_PROXIES", "0"))
RATELIMIT_TRUSTED_PROXY_ADDRESSES = env_list(
    "RATELIMIT_TRUSTED_PROXY_ADDRESSES", ["127.0.0.0/8", "::1"]
)
for _network in RATELIMIT_TRUSTED_PROXY_ADDRESSES:
    try:
        ipaddress.ip_network(_network, strict=False)
    except ValueError as error:
        raise ImproperlyConfigured(
            f"RATELIMIT_TRUSTED_PROXY_ADDRESSES: {error}"
        ) from error
# allauth asks our adapter for the client (website.account_adapter), which
# applies both settings above. allauth's own reading of X-Forwarded-For
# could not check the proxy's address: it stays off.
ALLAUTH_TRUSTED_PROXY_COUNT = 0

# Security headers: every environment, so that development and the tests see
# what production sends; HTTPS-only settings are in production.py.
# Content-Security-Policy (django-csp): the public site has no inline script
# or style; the one inline <script> of a page, its JSON-LD data block, and the
# <style> with the network's colours carry the request's nonce.
CONTENT_SECURITY_POLICY = {
    # Wagtail's admin (the translation editor included, under /admin/) and
    # Django's admin rely on inline scripts and styles, and are only used by
    # signed-in staff: they keep the browser's defaults rather than a policy
    # weakened for the whole site with 'unsafe-inline'.
    "EXCLUDE_URL_PREFIXES": ["/admin/", "/django-admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        # The nonce: the network's colours (website/identity.py) come in a
        # <style> element carrying it.
        "style-src": [SELF, NONCE],
        # data: for the images of Wagtail's admin stylesheet, which the
        # editors' userbar loads on public pages.
        "img-src": [SELF, "data:", *MEDIA_ORIGINS],
        "media-src": [SELF, *MEDIA_ORIGINS],
        "font-src": [SELF],
        "connect-src": [SELF],
        # Videos that editors embed in posts (Wagtail's embed block).
        "frame-src": [
            "https://www.youtube.com",
            "https://www.youtube-nocookie.com",
            "https://player.vimeo.com",
        ],
        "object-src": [NONE],
        "base-uri": [SELF],
        # Social login buttons post to us and are redirected to the provider,
        # which browsers check against form-action too.
        "form-action": [SELF, "https:"],
        "frame-ancestors": [NONE],
    },
}
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Permissions-Policy (website.security): powerful features no page uses.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}
