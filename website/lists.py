"""Lists in running text, in the active language: "English", "English and
French", "Arabic, English and French" ("árabe, español e inglés")."""

import unicodedata

from django.utils.translation import gettext

# Spanish writes "e" for "y" before the sound /i/ ("español e inglés"); one
# msgid cannot say that, so the Spanish translation of "and" is recognised.
SPANISH_AND = "%(list)s y %(last)s"
SPANISH_AND_BEFORE_I = "%(list)s e %(last)s"


def starts_with_i_sound(word):
    """Whether a word starts with the vowel sound /i/ as Spanish spells it
    ("inglés", "historia", not "hielo"): Spanish then writes "e" for "and"."""
    plain = "".join(
        c
        for c in unicodedata.normalize("NFKD", word.strip())
        if not unicodedata.combining(c)
    ).casefold()
    if plain.startswith("hi"):
        plain = plain[1:]
    return plain.startswith("i") and plain[1:2] not in {"a", "e", "o", "u"}


def and_list(items):
    """The items (strings or lazy strings) joined as a sentence joins them."""
    items = [str(item) for item in items]
    if not items:
        return ""
    text = items[0]
    for item in items[1:-1]:
        text = gettext("%(list)s, %(item)s") % {"list": text, "item": item}
    if len(items) > 1:
        last = items[-1]
        pattern = gettext("%(list)s and %(last)s")
        if pattern == SPANISH_AND and starts_with_i_sound(last):
            pattern = SPANISH_AND_BEFORE_I
        text = pattern % {"list": text, "last": last}
    return text
