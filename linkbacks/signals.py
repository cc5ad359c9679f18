"""The one place where a linkback changes what readers see.

`linkback_changed` is sent (after the transaction commits) whenever a
linkback entry appears in a post's thread, is updated, or is removed by
verification. `page` is the post (one language of it), `comment` the
`BlogComment` (removed or not), `visible` whether readers now see it.
Page caches hook in here to purge the post.
"""

from django.db import transaction
from django.dispatch import Signal

linkback_changed = Signal()


def announce(page, comment, *, visible):
    transaction.on_commit(
        lambda: linkback_changed.send(
            sender=type(comment), page=page, comment=comment, visible=visible
        )
    )
