"""What keeps a ballot apart from its voter in the database: receipt codes
that only the site can give back to their voter, and the shuffled ballot
box. voting/THREAT_MODEL.md says what this protects against and what not.

Casting (voting.casting) stores the ballot and marks its voter in one
transaction, so that a ballot is never lost nor a voter counted twice.
That transaction ties the two rows together for as long as they are as it
wrote them: in PostgreSQL both carry its id (`xmin`), the ballot sits after
the ballots cast before it, and any id or time would follow the voting
order. So once it commits, a background task shuffles the election's
ballot box: in one transaction it deletes every ballot of the election and
inserts them again in a random order (`random.SystemRandom`), with new
random ids. Afterwards all of the election's ballots share that one
transaction's id, no voter row does, and their order, ids and contents say
nothing about who voted when. A ballot waits, `shuffled` false, from its
cast to the next shuffle: seconds with a worker running; a process that
dies in between leaves it counted and waiting, and `manage.py
shuffle_ballots` (every minute, deploy/systemd/librarians-outbox.service),
closing early and publishing the results shuffle whatever still waits.
Shuffles of one election take turns (a lock on its source page's row);
casts go on meanwhile, and a ballot that commits during a shuffle waits for
the next one.

A voter's receipt code is HMAC-SHA256 of the election, the voter's row id
and a random salt drawn when the row is made, keyed by the site's
SECRET_KEY: the database holds the salt but not the key, so it cannot say
which receipt is whose, while the site can show a member their receipt
again later (voting.profile). One voter, one receipt: the receipt's unique
constraint refuses a second ballot of the same voter even if the voter's
row were not checked.
"""

import random
import uuid

from django.conf import settings
from django.db import transaction
from django.utils.crypto import salted_hmac
from django_tasks import task

from .models import Ballot, ElectionPage
from .models.records import RECEIPT_ALPHABET

RECEIPT_KEY_SALT = "voting.receipt"
DELETE_CHUNK = 1000
INSERT_BATCH = 1000


def receipt_for(voter, secret=None):
    """The receipt code of `voter`'s ballot, e.g. "K7PD-Q2XM-9HTA" (60 bits),
    under SECRET_KEY (or `secret`)."""
    digest = salted_hmac(
        RECEIPT_KEY_SALT,
        f"{voter.election_key}:{voter.pk}:{voter.receipt_salt}",
        secret=secret,
        algorithm="sha256",
    ).digest()
    number = int.from_bytes(digest[:8], "big")
    raw = "".join(RECEIPT_ALPHABET[(number >> (5 * i)) & 31] for i in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def receipts_for(voter):
    """The receipt `voter` may hold under the current key and each of
    SECRET_KEY_FALLBACKS (a ballot cast before the key was rotated)."""
    return [
        receipt_for(voter, secret)
        for secret in [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
    ]


def store_ballot(voter, choices):
    """Insert the ballot of `voter` under the voter's receipt. The receipt
    is unique: a second ballot of the same voter raises IntegrityError,
    whatever checked the voter before. (Two voters' receipts are the same
    once in about 2^60 pairs: the second would be refused too.)"""
    return Ballot.objects.create(
        election_key=voter.election_key,
        choices=list(choices),
        receipt=receipt_for(voter),
    )


def shuffle_after_commit(election_key):
    """Once the caller's transaction commits, queue a shuffle of the
    election's box. If queueing fails, the periodic shuffle catches up."""
    transaction.on_commit(
        lambda: shuffle_ballot_box_task.enqueue(str(election_key)), robust=True
    )


@task()
def shuffle_ballot_box_task(election_key):
    """Safe to run again, or late: a box with nothing waiting is left as is."""
    shuffle_ballot_box(uuid.UUID(election_key))


def shuffle_ballot_box(election_key):
    """Rewrite every ballot of the election in a random order with new ids,
    in one transaction, if any ballot waits for it. Returns how many were
    waiting."""
    with transaction.atomic():
        # One shuffle of an election at a time: its source page's row.
        list(
            ElectionPage.objects.select_for_update(of=("self",))
            .filter(translation_key=election_key)
            .order_by("pk")
            .values_list("pk", flat=True)[:1]
        )
        box = Ballot.objects.filter(election_key=election_key)
        waiting = box.filter(shuffled=False).count()
        if not waiting:
            return 0
        ballots = list(box.values_list("pk", "choices", "receipt"))
        ids = [pk for pk, _choices, _receipt in ballots]
        # By id: a ballot committed since the read above waits for the next
        # shuffle rather than being lost.
        for start in range(0, len(ids), DELETE_CHUNK):
            Ballot.objects.filter(pk__in=ids[start : start + DELETE_CHUNK]).delete()
        random.SystemRandom().shuffle(ballots)
        Ballot.objects.bulk_create(
            (
                Ballot(
                    election_key=election_key,
                    choices=choices,
                    receipt=receipt,
                    shuffled=True,
                )
                for _pk, choices, receipt in ballots
            ),
            batch_size=INSERT_BATCH,
        )
    return waiting


def shuffle_ballot_boxes():
    """Shuffle every box that has ballots waiting (after a process died
    between a cast and its shuffle). Returns how many ballots waited."""
    keys = (
        Ballot.objects.filter(shuffled=False)
        .order_by()
        .values_list("election_key", flat=True)
        .distinct()
    )
    return sum(shuffle_ballot_box(key) for key in list(keys))
