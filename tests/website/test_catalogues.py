"""The interface is complete in every enabled language: no msgid of ours is
left untranslated or fuzzy, and placeholders survive translation."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings

PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


def catalogue(language):
    return polib.pofile(
        str(Path(settings.LOCALE_PATHS[0]) / language / "LC_MESSAGES" / "django.po")
    )


ENABLED = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


@pytest.mark.parametrize("language", ENABLED)
def test_catalogue_is_complete(language):
    po = catalogue(language)
    assert len(po) > 0
    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert untranslated == []
    assert fuzzy == []


@pytest.mark.parametrize("language", ENABLED)
def test_translations_keep_their_placeholders(language):
    for entry in catalogue(language).translated_entries():
        if not entry.msgid_plural:
            assert sorted(PLACEHOLDER.findall(entry.msgstr)) == sorted(
                PLACEHOLDER.findall(entry.msgid)
            ), entry.msgid
            continue
        # Plural forms: no placeholder the source lacks, and the plural form
        # keeps every placeholder of the source's plural.
        known = set(PLACEHOLDER.findall(entry.msgid + entry.msgid_plural))
        forms = [entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural)]
        for form in forms:
            assert set(PLACEHOLDER.findall(form)) <= known, entry.msgid
        assert set(PLACEHOLDER.findall(entry.msgid_plural)) <= set(
            PLACEHOLDER.findall(forms[-1])
        ), entry.msgid
