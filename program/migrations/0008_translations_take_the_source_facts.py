# What a mentoring round is (its number, dates, state and matching rules) is
# now set on the source page and the same in every translation
# (website.synchronised). Before, each translation kept its own copy, which a
# translator could change: give every translation its source's values.

from django.db import migrations

FACTS = (
    "number",
    "applications_open_at",
    "applications_close_at",
    "starts_on",
    "ends_on",
    "matches_released",
    "match_mode",
    "allow_same_country",
    "odd_one_out",
    "match_objective",
    "max_country_share",
    "weight_interests",
    "weight_sector",
    "weight_career_stage",
    "weight_timezone",
    "match_seed",
)


def align(apps, schema_editor):
    RoundPage = apps.get_model("program", "RoundPage")
    sources = {}
    for page in RoundPage.objects.order_by("pk"):
        source = sources.setdefault(page.translation_key, page)
        if source.pk != page.pk:
            RoundPage.objects.filter(pk=page.pk).update(
                **{name: getattr(source, name) for name in FACTS}
            )


class Migration(migrations.Migration):
    dependencies = [
        ("program", "0007_run_failures_as_codes"),
    ]

    operations = [migrations.RunPython(align, migrations.RunPython.noop)]
