# What an election is (its numbers, dates, rules, the organiser's actions
# and which options it has) is now set on the source page and the same in
# every translation (website.synchronised). Before, each translation kept
# its own copy, which a translator could change: give every translation its
# source's values and options. An option that only a translation has goes,
# unless a ballot chose it (its removal would change a count already made).

from django.db import migrations

FACTS = (
    "winners",
    "ballot_type",
    "max_choices",
    "counting_rule",
    "electorate",
    "nominations_open_at",
    "nominations_close_at",
    "voting_opens_at",
    "voting_closes_at",
    "results_visibility",
    "results_post_id",
    "closed_early_at",
    "results_published",
    "results_published_at",
    "tie_seed",
)
OPTION_FIELDS = ("translation_key", "sort_order", "title", "description")


def chosen_keys(Ballot, election_key):
    keys = set()
    for choices in Ballot.objects.filter(election_key=election_key).values_list(
        "choices", flat=True
    ):
        keys.update(str(key) for key in choices)
    return keys


def align(apps, schema_editor):
    ElectionPage = apps.get_model("voting", "ElectionPage")
    ElectionOption = apps.get_model("voting", "ElectionOption")
    Ballot = apps.get_model("voting", "Ballot")
    sources = {}
    for page in ElectionPage.objects.order_by("pk"):
        source = sources.setdefault(page.translation_key, page)
        if source.pk == page.pk:
            continue
        ElectionPage.objects.filter(pk=page.pk).update(
            **{name: getattr(source, name) for name in FACTS}
        )
        source_options = list(
            ElectionOption.objects.filter(page_id=source.pk).values(*OPTION_FIELDS)
        )
        keys = {option["translation_key"] for option in source_options}
        mine = {
            option.translation_key: option
            for option in ElectionOption.objects.filter(page_id=page.pk)
        }
        kept = chosen_keys(Ballot, page.translation_key)
        for key, option in mine.items():
            if key not in keys and str(key) not in kept:
                option.delete()
        for values in source_options:
            option = mine.get(values["translation_key"])
            if option is None:
                ElectionOption.objects.create(
                    page_id=page.pk, locale_id=page.locale_id, **values
                )
            elif option.sort_order != values["sort_order"]:
                option.sort_order = values["sort_order"]
                option.save(update_fields=["sort_order"])


class Migration(migrations.Migration):
    dependencies = [
        ("voting", "0002_run_election_permission"),
    ]

    operations = [migrations.RunPython(align, migrations.RunPython.noop)]
