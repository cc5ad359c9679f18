# Ballots kept apart from their voters in the database (voting.secrecy,
# voting/THREAT_MODEL.md):
# - a ballot no longer records the hour it was cast;
# - each voter gets a random receipt salt, from which the site derives their
#   receipt code (voters who voted before keep the random receipt they were
#   shown; the site cannot show it to them again).
# Every ballot box is then shuffled by the next migration, in a transaction
# of its own (this one writes the voters).

import secrets

from django.db import migrations, models

import voting.models.records


def give_voters_receipt_salts(apps, schema_editor):
    Voter = apps.get_model("voting", "Voter")
    voters = list(Voter.objects.only("pk"))
    for voter in voters:
        voter.receipt_salt = secrets.token_hex(16)
    Voter.objects.bulk_update(voters, ["receipt_salt"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("voting", "0003_translations_take_the_source_facts"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="ballot",
            name="cast_at",
        ),
        migrations.AddField(
            model_name="ballot",
            name="shuffled",
            field=models.BooleanField(default=False, editable=False),
        ),
        migrations.AddField(
            model_name="voter",
            name="receipt_salt",
            field=models.CharField(default="", editable=False, max_length=32),
        ),
        migrations.RunPython(give_voters_receipt_salts, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="voter",
            name="receipt_salt",
            field=models.CharField(
                default=voting.models.records.new_receipt_salt,
                editable=False,
                max_length=32,
            ),
        ),
        migrations.AddIndex(
            model_name="ballot",
            index=models.Index(
                condition=models.Q(("shuffled", False)),
                fields=["election_key"],
                name="voting_ballot_unshuffled",
            ),
        ),
    ]
