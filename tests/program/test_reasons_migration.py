"""Reasons stored in English before they were codes are read back into codes
and values by the migration (program/migrations/0006_reasons_as_codes.py),
and written in English again when it is reversed.

The English the matcher wrote is what `Unmatched.detail` and
`RuleBreak.describe()` still say, so every form is checked by a round trip."""

import importlib

import pytest

from program.matching import Reason, Rule, RuleBreak, Unmatched
from program.reasons import rule_break_data

migration = importlib.import_module("program.migrations.0006_reasons_as_codes")


@pytest.mark.parametrize(
    ("reason", "values"),
    [
        (Reason.DUPLICATE_APPLICATION, {"kept": 12}),
        (Reason.NO_ROLE, {}),
        (Reason.NO_ONE_ELSE, {}),
        (Reason.NO_ONE_ELSE, {"partner": "mentor"}),
        (Reason.NO_SHARED_LANGUAGE, {}),
        (Reason.NO_SHARED_LANGUAGE, {"partner": "mentee"}),
        (Reason.ONLY_SAME_COUNTRY, {}),
        (Reason.ONLY_PREVIOUS_PARTNERS, {}),
        (Reason.ONLY_EXCLUDED, {}),
        (Reason.COUNTRY_CAP, {"country": "GB"}),  # the English had no cap
        (Reason.ODD_ONE_OUT, {"odd_one_out": "trio"}),
        (Reason.ODD_ONE_OUT, {"odd_one_out": "wait"}),
    ],
)
def test_an_unmatched_detail_in_english_gives_back_its_values(reason, values):
    detail = Unmatched(1, reason, values).detail

    assert migration.unmatched_values(str(reason), detail) == values
    # Going back writes the same English again.
    assert migration.unmatched_detail(str(reason), values) == detail


def test_warnings_in_english_give_back_the_broken_rules():
    # The rules there were when warnings were stored in English (the
    # minimum of shared free time came after the codes).
    breaks = [
        RuleBreak(rule, (12, 15))
        for rule in Rule
        if rule is not Rule.TOO_LITTLE_SHARED_TIME
    ]
    breaks[-1] = RuleBreak(Rule.NEEDS_MENTOR_AND_MENTEE)
    warnings = "; ".join(b.describe() for b in breaks)

    assert migration.rule_breaks(warnings) == rule_break_data(breaks)
    assert migration.warnings(rule_break_data(breaks)) == warnings


def test_warnings_in_other_words_are_kept_as_they_are():
    assert migration.rule_breaks("Ana and Bo are cousins") == [
        {"rule": "", "text": "Ana and Bo are cousins"}
    ]
