"""The interface is complete in every enabled language: no msgid of ours is
left untranslated or fuzzy, and placeholders survive translation."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils.translation import get_language_info

# Named (%(name)s), positional (%s, %d) and brace ({name}) placeholders.
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")


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
        positional = known & {"%s", "%d"}
        forms = [entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural)]
        for form in forms:
            assert set(PLACEHOLDER.findall(form)) <= known, entry.msgid
            # A positional argument is applied to every form, so every form
            # must consume it ("one comment" may drop a named one).
            assert positional <= set(PLACEHOLDER.findall(form)), entry.msgid
        assert set(PLACEHOLDER.findall(entry.msgid_plural)) <= set(
            PLACEHOLDER.findall(forms[-1])
        ), entry.msgid


@pytest.mark.parametrize("language", ENABLED)
def test_plural_entries_have_every_form_of_the_language(language):
    po = catalogue(language)
    nplurals = int(re.search(r"nplurals=(\d+)", po.metadata["Plural-Forms"]).group(1))
    assert nplurals == {"ar": 6}.get(language, 2)
    for entry in po.translated_entries():
        if entry.msgid_plural:
            assert sorted(entry.msgstr_plural) == list(range(nplurals)), entry.msgid


def test_arabic_is_enabled_and_right_to_left():
    assert "ar" in ENABLED
    assert get_language_info("ar")["bidi"] is True
