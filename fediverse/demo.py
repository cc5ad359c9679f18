"""The fediverse in the demo: the comment moderator also keeps the
fediverse block list and reads its followers, deliveries and incoming
activities (no remote content is invented)."""

from website.demo import grant

ORDER = 90


def build(seed, stdout):
    grant(
        "moderator",
        "fediverse",
        [
            "view_follower",
            "view_delivery",
            "view_incomingactivity",
            "view_block",
            "add_block",
            "change_block",
            "delete_block",
        ],
    )
