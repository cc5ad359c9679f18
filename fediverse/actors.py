"""Our actors: one per blog language, and the URLs of everything we serve.

`FEDIVERSE_ACTORS` maps a language code to a user name (default: `blog`
for the default language, `blog-<code>` for the others). Their ids and
every other ActivityPub document live under `/fediverse/…`, separate from
the HTML pages, so the page cache and a CDN never serve one for the other.
The base URL is `SITE_URL` (settings.WAGTAILADMIN_BASE_URL), the public
address of the site; key pairs are made the first time an actor is needed
and kept for good (a new key would break every follower's copy).
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse

from .models import LocalActor
from .signatures import generate_key_pair


def base_url():
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute_if_relative(url):
    return url if "://" in url else absolute(url)


def host():
    return urlsplit(base_url()).netloc


def absolute(path):
    return base_url() + path


def configured_usernames():
    """{language code: user name} for every site language."""
    chosen = getattr(settings, "FEDIVERSE_ACTORS", None) or {}
    default = settings.LANGUAGE_CODE
    names = {}
    for code, _name in settings.LANGUAGES:
        names[code] = chosen.get(code) or (
            "blog" if code == default else f"blog-{code}"
        )
    return names


def language_of_username(username):
    for code, name in configured_usernames().items():
        if name == username:
            return code
    return None


def actor_for_language(language):
    """The actor of `language` (None for a language the site has not),
    made with its key pair the first time."""
    username = configured_usernames().get(language)
    if username is None:
        return None
    actor = LocalActor.objects.filter(language=language).first()
    if actor is not None:
        if actor.username != username:  # renamed in the settings
            actor.username = username
            actor.save(update_fields=["username"])
        return actor
    keys = generate_key_pair()
    try:
        with transaction.atomic():
            return LocalActor.objects.create(
                language=language,
                username=username,
                private_key_pem=keys.private_pem,
                public_key_pem=keys.public_pem,
            )
    except IntegrityError:  # made at the same time by another request
        return LocalActor.objects.get(language=language)


def actor_for_username(username):
    language = language_of_username(username)
    return actor_for_language(language) if language else None


def actor_id(actor):
    return absolute(reverse("fediverse-actor", args=[actor.username]))


def key_id(actor):
    return actor_id(actor) + "#main-key"


def inbox_url(actor):
    return absolute(reverse("fediverse-inbox", args=[actor.username]))


def shared_inbox_url():
    return absolute(reverse("fediverse-shared-inbox"))


def followers_url(actor):
    return absolute(reverse("fediverse-followers", args=[actor.username]))


def outbox_url(actor):
    return absolute(reverse("fediverse-outbox", args=[actor.username]))


def post_object_id(page_id):
    return absolute(reverse("fediverse-post", args=[page_id]))


def page_id_of_object(url):
    """The post id an object id of ours names, or None."""
    prefix = absolute(reverse("fediverse-post", args=[0]))[: -len("0/")]
    if not url or not url.startswith(prefix):
        return None
    rest = url[len(prefix) :].strip("/").split("#")[0]
    return int(rest) if rest.isascii() and rest.isdigit() else None
