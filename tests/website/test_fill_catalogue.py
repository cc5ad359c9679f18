"""locale/fill_catalogue.py: lists what a catalogue lacks and fills it from
a table, refusing translations that lose a placeholder."""

import importlib.util
from pathlib import Path

import polib
import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "locale" / "fill_catalogue.py"
spec = importlib.util.spec_from_file_location("fill_catalogue", SCRIPT)
fill_catalogue = importlib.util.module_from_spec(spec)
spec.loader.exec_module(fill_catalogue)

ARABIC_PLURALS = (
    "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : "
    "n%100>=3 && n%100<=10 ? 3 : n%100>=11 && n%100<=99 ? 4 : 5;"
)


@pytest.fixture
def po():
    catalogue = polib.POFile()
    catalogue.metadata = {"Plural-Forms": ARABIC_PLURALS}
    catalogue.append(polib.POEntry(msgid="Hello %(name)s,"))
    catalogue.append(
        polib.POEntry(
            msgid="%(counter)s comment",
            msgid_plural="%(counter)s comments",
            msgstr_plural=dict.fromkeys(range(6), ""),
        )
    )
    catalogue.append(polib.POEntry(msgid="Reply", msgstr="رد", flags=["fuzzy"]))
    return catalogue


def test_lists_untranslated_and_fuzzy_strings(po):
    assert fill_catalogue.missing(po) == (
        "Hello %(name)s,\t\n"
        "# plural (6 forms, separated by ¦): %(counter)s comments\n"
        "%(counter)s comment\t\n"
        "Reply\t\n"
    )


def test_fills_singular_and_every_plural_form(po):
    table = fill_catalogue.read_table(
        "Hello %(name)s,\tمرحبًا %(name)s،\n"
        "%(counter)s comment\tلا تعليقات ¦ تعليق واحد ¦ تعليقان ¦ "
        "%(counter)s تعليقات ¦ %(counter)s تعليقًا ¦ %(counter)s تعليق\n"
        "Reply\tرُدّ\n"
    )
    filled, problems = fill_catalogue.fill(po, table)
    assert (filled, problems) == (3, [])
    assert po.find("Hello %(name)s,").msgstr == "مرحبًا %(name)s،"
    assert po.find("%(counter)s comment").msgstr_plural[2] == "تعليقان"
    assert po.find("Reply").fuzzy is False
    assert fill_catalogue.missing(po) == ""


@pytest.mark.parametrize(
    "line",
    [
        "Hello %(name)s,\tمرحبًا",  # the name is lost
        "Hello %(name)s,\tمرحبًا %(nom)s",  # renamed
        "%(counter)s comment\tتعليق ¦ تعليقان",  # two forms instead of six
    ],
)
def test_refuses_a_translation_that_breaks_the_catalogue(po, line):
    filled, problems = fill_catalogue.fill(po, fill_catalogue.read_table(line))
    assert filled == 0
    assert len(problems) == 1
