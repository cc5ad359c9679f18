# A failed MatchingRun keeps why as a code (failure), put into words when the
# Matching desk shows it, instead of a sentence in the language of whichever
# process noticed (often a worker, which has no reader). Runs recorded before
# keep their words in `error`.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("program", "0006_reasons_as_codes"),
    ]

    operations = [
        migrations.AddField(
            model_name="matchingrun",
            name="failure",
            field=models.CharField(
                blank=True,
                choices=[
                    (
                        "interrupted",
                        "Stopped without finishing (the worker was interrupted).",
                    ),
                    (
                        "inputs_changed",
                        "applications or matches changed while matching ran; "
                        "nothing was stored: run it again",
                    ),
                    ("input", "The round's settings or locked matches cannot be used."),
                    (
                        "unexpected",
                        "An unexpected error stopped matching; nothing was stored.",
                    ),
                ],
                max_length=20,
                verbose_name="why it failed",
            ),
        ),
        migrations.AlterField(
            model_name="matchingrun",
            name="error",
            field=models.CharField(
                blank=True, max_length=300, verbose_name="error message"
            ),
        ),
    ]
