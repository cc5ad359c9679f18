"""Signals of the comments.

`comments_published` is sent when a moderator's decision (one by one in
the moderation view, or in bulk from the listing: `apply_decision`)
makes comments visible to readers that were not. That decision is applied
with one queryset UPDATE, which sends no `post_save`: whatever must follow
a comment being published (the fediverse delivering a reply to its
author…) listens here as well as to `post_save`. `comments` are the
`BlogComment`s as they were loaded before the decision (read their
pk). It is sent inside the decision's transaction; receivers that reach
outside it defer with `transaction.on_commit`.

`comments_withdrawn` is the other way round: comments readers saw are no
longer shown, because a moderator removed them or marked them as spam, or
their author had them erased (blog/comments/privacy.py). Also sent inside
the change's transaction, with the comments as they were before it.
"""

from django.dispatch import Signal

comments_published = Signal()
comments_withdrawn = Signal()
