# Every ballot box shuffled once (voting.secrecy): ballots cast before were
# written by the same transaction as their voter's row and lay in the order
# of voting. A migration of its own, so that its transaction writes no voter.

import random

from django.db import migrations


def shuffle_every_ballot_box(apps, schema_editor):
    Ballot = apps.get_model("voting", "Ballot")
    keys = set(
        Ballot.objects.order_by().values_list("election_key", flat=True).distinct()
    )
    shuffler = random.SystemRandom()
    for key in keys:
        ballots = list(
            Ballot.objects.filter(election_key=key).values_list("choices", "receipt")
        )
        Ballot.objects.filter(election_key=key).delete()
        shuffler.shuffle(ballots)
        Ballot.objects.bulk_create(
            [
                Ballot(election_key=key, choices=choices, receipt=receipt, shuffled=True)
                for choices, receipt in ballots
            ],
            batch_size=1000,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("voting", "0004_ballots_kept_apart_from_voters"),
    ]

    operations = [
        migrations.RunPython(shuffle_every_ballot_box, migrations.RunPython.noop)
    ]
