# The matcher's reasons are stored as codes and values, put into words in the
# reader's language when shown (program/reasons.py), instead of the English
# sentences stored so far: Application.unmatched_detail becomes
# unmatched_values, Match.warnings becomes rule_breaks, and Match.explanation
# goes (it is rendered from Match.breakdown, which holds the same facts).
#
# The sentences stored so far were written by program/matching in fixed
# English forms, so the values are read back from them here, and written
# again from them when going back (a country cap's number is dropped).

import re

from django.db import migrations, models

RULES = {
    "are the same person": "same_person",
    "were partners before": "previous_partners",
    "are from the same country": "same_country",
    "share no language": "no_shared_language",
    "were unpaired by the organiser": "unpaired_by_organiser",
}
RULE_WORDS = re.compile(r"^(\d+) and (\d+) (%s)$" % "|".join(RULES))
GROUP_RULE = "a group needs a mentor and a mentee"


def unmatched_values(reason, detail):
    """The values of matching.Unmatched, from its old English detail."""
    if reason == "duplicate_application":
        found = re.search(r"\(#(\d+)\)", detail)
        return {"kept": int(found.group(1))} if found else {}
    if reason in ("no_one_else", "no_shared_language"):
        found = re.match(r"no (mentor|mentee) ", detail)
        return {"partner": found.group(1)} if found else {}
    if reason == "country_cap":
        found = re.match(r"country cap: (\S+) ", detail)
        return {"country": found.group(1)} if found else {}
    if reason == "odd_one_out":
        return {"odd_one_out": "wait" if "waiting" in detail else "trio"}
    return {}


def rule_breaks(warnings):
    """Match.rule_breaks from the old "; "-joined English warnings, in which
    the matcher named people by application id; anything else is kept as
    text."""
    breaks = []
    for clause in filter(None, (c.strip() for c in warnings.split(";"))):
        found = RULE_WORDS.match(clause)
        if found:
            people = [int(found.group(1)), int(found.group(2))]
            breaks.append({"rule": RULES[found.group(3)], "people": people})
        elif clause == GROUP_RULE:
            breaks.append({"rule": "needs_mentor_and_mentee", "people": []})
        else:
            breaks.append({"rule": "", "text": clause})
    return breaks


def unmatched_detail(reason, values, country=""):
    """The old English detail, from the code and values (`country`: the
    applicant's, for a country cap recorded without one)."""
    partner = values.get("partner")
    if reason == "duplicate_application":
        return f"another application by the same person (#{values.get('kept')}) is used"
    if reason == "no_one_else":
        return f"no {partner or 'one else'} is in the pool"
    if reason == "no_shared_language":
        return f"no {partner or 'one'} shares a language"
    if reason == "country_cap":
        country = values.get("country") or country
        return f"country cap: {country} already has its share of places"
    if reason == "odd_one_out" and values.get("odd_one_out") == "wait":
        return "odd one out: waiting for next round"
    return {
        "no_role": "no role (mentor or mentee) given",
        "only_same_country": "everyone who shares a language is from the same country",
        "only_previous_partners": "only compatible people are previous partners",
        "only_excluded": "the only compatible people were unpaired by the organiser",
        "odd_one_out": (
            "odd one out: all compatible people are taken, no pair can add a third"
        ),
    }.get(reason, "")


def warnings(breaks):
    """The old English warnings, from Match.rule_breaks."""
    words = {code: clause for clause, code in RULES.items()}
    clauses = []
    for broken in breaks:
        if broken.get("rule") in words:
            a, b = broken["people"]
            clauses.append(f"{a} and {b} {words[broken['rule']]}")
        elif broken.get("rule") == "needs_mentor_and_mentee":
            clauses.append(GROUP_RULE)
        else:
            clauses.append(broken.get("text", ""))
    return "; ".join(clauses)


def words_to_codes(apps, schema_editor):
    Application = apps.get_model("program", "Application")
    Match = apps.get_model("program", "Match")
    applications = Application.objects.exclude(unmatched_reason="")
    for application in applications.iterator():
        application.unmatched_values = unmatched_values(
            application.unmatched_reason, application.unmatched_detail
        )
        application.save(update_fields=["unmatched_values"])
    for match in Match.objects.exclude(warnings="").iterator():
        match.rule_breaks = rule_breaks(match.warnings)
        match.save(update_fields=["rule_breaks"])


def codes_to_words(apps, schema_editor):
    Application = apps.get_model("program", "Application")
    Match = apps.get_model("program", "Match")
    applications = Application.objects.exclude(unmatched_reason="")
    for application in applications.iterator():
        application.unmatched_detail = unmatched_detail(
            application.unmatched_reason,
            application.unmatched_values,
            str(application.country),
        )[:200]
        application.save(update_fields=["unmatched_detail"])
    for match in Match.objects.exclude(rule_breaks=[]).iterator():
        match.warnings = warnings(match.rule_breaks)
        match.save(update_fields=["warnings"])


class Migration(migrations.Migration):

    dependencies = [
        ("program", "0005_speed_mentoring_events"),
    ]

    operations = [
        migrations.AddField(
            model_name="application",
            name="unmatched_values",
            field=models.JSONField(
                blank=True,
                default=dict,
                editable=False,
                verbose_name="why unmatched: details",
            ),
        ),
        migrations.AddField(
            model_name="match",
            name="rule_breaks",
            field=models.JSONField(
                blank=True, default=list, verbose_name="rules broken (locked by hand)"
            ),
        ),
        migrations.RunPython(words_to_codes, codes_to_words),
        migrations.RemoveField(
            model_name="application",
            name="unmatched_detail",
        ),
        migrations.RemoveField(
            model_name="match",
            name="explanation",
        ),
        migrations.RemoveField(
            model_name="match",
            name="warnings",
        ),
    ]
