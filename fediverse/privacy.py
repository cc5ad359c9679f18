"""Personal data of the fediverse, for the site's privacy registry
(website/privacy.py: `manage.py privacy export|erase EMAIL`).

This app holds no email addresses: what it keeps about a person is their
fediverse account (`RemoteActor`: address, name, profile link, public
key), their follows, favourites and accepted activities, and their
replies and boosts (blog comments, linked through `RemoteEntry`). An
email address therefore finds nothing here, and `export_personal_data` /
`erase_personal_data` say so and change nothing.

Someone on the fediverse asks by their account instead
(`@alice@mastodon.example` or its actor URL): `export_account_data` and
`erase_account_data` answer that. Erasing removes the account's record,
follows, favourites and activities; their replies and boosts are removed
from the threads (marked removed) unless `keep_comments`, which keeps the
text but drops the name and profile link (shown as "Anonymous").
"""

from django.db import transaction

from blog.models import BlogComment

from .models import RemoteActor


def export_personal_data(email: str) -> dict:
    return {}


def erase_personal_data(email: str, *, keep_comments: bool) -> None:
    return None


def find_account(account: str):
    """The RemoteActor for an actor URL or an @user@domain address."""
    account = account.strip()
    if account.startswith(("http://", "https://")):
        return RemoteActor.objects.filter(uri=account).first()
    username, _, domain = account.lstrip("@").partition("@")
    return RemoteActor.objects.filter(
        username__iexact=username, domain__iexact=domain
    ).first()


def export_account_data(account: str) -> dict:
    remote = find_account(account)
    if remote is None:
        return {}
    comments = BlogComment.objects.filter(fediverse_entry__remote=remote)
    return {
        "account": {
            "actor": remote.uri,
            "name": remote.name,
            "username": remote.username,
            "server": remote.domain,
            "profile": remote.profile_url,
            "inbox": remote.inbox,
            "public_key": remote.public_key_pem,
        },
        "follows": [
            {"blog": str(follow.actor), "since": follow.created_at.isoformat()}
            for follow in remote.follows.select_related("actor")
        ],
        "favourites": [
            {"post": like.page_id, "at": like.created_at.isoformat()}
            for like in remote.likes.all()
        ],
        "entries": [
            {
                "kind": comment.kind,
                "post": comment.object_pk,
                "text": comment.comment,
                "date": comment.submit_date.isoformat(),
                "source": comment.source_url,
                "published": comment.is_public and not comment.is_removed,
            }
            for comment in comments.order_by("submit_date")
        ],
        "activities": [
            {
                "id": activity.activity_id,
                "type": activity.activity_type,
                "received": activity.received_at.isoformat(),
                "outcome": activity.outcome,
            }
            for activity in remote.activities.all()
        ],
    }


def erase_account_data(account: str, *, keep_comments: bool) -> bool:
    """Erase what we hold about `account`; False when we hold nothing."""
    remote = find_account(account)
    if remote is None:
        return False
    with transaction.atomic():
        for comment in BlogComment.objects.filter(fediverse_entry__remote=remote):
            if keep_comments and comment.kind == BlogComment.Kind.FEDIVERSE:
                comment.user_name = ""
                comment.user_url = ""
                comment.source_url = ""
                comment.save(update_fields=["user_name", "user_url", "source_url"])
            else:
                comment.delete()
        # Follows, favourites, entries' links and activities go with it.
        remote.delete()
    return True
