"""Fill a language's catalogue from a table of translations.

After `make messages` adds new interface strings, list what a language still
lacks, translate the second column, and write it back:

    .venv/bin/python locale/fill_catalogue.py ar --missing > todo.tsv
    # edit todo.tsv: one line per string, msgid <TAB> translation
    .venv/bin/python locale/fill_catalogue.py ar todo.tsv
    .venv/bin/python manage.py compile_catalogues

The table is plain text, one entry a line: the English msgid, a tab, the
translation. For a string with plural forms, the translation lists every form
of the language (six for Arabic, two for Spanish and French) in the order of
its Plural-Forms header, separated by " ¦ ". A newline inside a string is
written as \\n. Lines whose translation is empty are left alone, so a
half-translated table can be applied.

Entries are matched by msgid; filling one clears its fuzzy flag. The script
refuses a translation whose placeholders (%(name)s, %s, %d, {name}) differ
from the msgid's, and says which.
"""

import argparse
import re
import sys
from pathlib import Path

import polib

LOCALE_DIR = Path(__file__).resolve().parent
PLURAL_SEPARATOR = " ¦ "
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")


def placeholders(text):
    return sorted(PLACEHOLDER.findall(text))


def catalogue_path(language):
    return LOCALE_DIR / language / "LC_MESSAGES" / "django.po"


def plural_count(po):
    found = re.search(r"nplurals\s*=\s*(\d+)", po.metadata.get("Plural-Forms", ""))
    return int(found.group(1)) if found else 2


def escape(text):
    return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t")


def unescape(text):
    return re.sub(
        r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), text
    )


def needs_translation(entry):
    if "fuzzy" in entry.flags:
        return True
    if entry.msgid_plural:
        return not all(entry.msgstr_plural.values())
    return not entry.msgstr


def missing(po):
    """The table of strings still to translate, translation column empty; a
    comment line before each string with plural forms gives its plural."""
    lines = []
    for entry in po:
        if not needs_translation(entry):
            continue
        if entry.msgid_plural:
            lines.append(
                f"# plural ({plural_count(po)} forms, separated by "
                f"{PLURAL_SEPARATOR.strip()}): {escape(entry.msgid_plural)}\n"
            )
        lines.append(f"{escape(entry.msgid)}\t\n")
    return "".join(lines)


def read_table(text):
    table = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        msgid, tab, msgstr = line.partition("\t")
        if not tab:
            raise ValueError(f"line {number}: no tab between msgid and translation")
        if msgstr.strip():
            table[unescape(msgid)] = unescape(msgstr.strip())
    return table


def check_placeholders(entry, forms):
    """Problems with the placeholders of `forms` (the translation's forms)."""
    if not entry.msgid_plural:
        if placeholders(forms[0]) != placeholders(entry.msgid):
            return [f"placeholders differ from the msgid: {forms[0]!r}"]
        return []
    problems = []
    known = set(placeholders(entry.msgid + entry.msgid_plural))
    positional = any(p in ("%s", "%d") for p in known)
    for form in forms:
        extra = set(placeholders(form)) - known
        if extra:
            problems.append(f"unknown placeholder {sorted(extra)} in {form!r}")
        # Positional placeholders are filled whatever the form, so every form
        # needs them; named ones may be left out ("one comment").
        if positional and placeholders(form) != placeholders(entry.msgid_plural):
            problems.append(f"every form needs {known}: {form!r}")
    if not set(placeholders(entry.msgid_plural)) <= set(placeholders(forms[-1])):
        problems.append(f"the last form needs the plural's placeholders: {forms[-1]!r}")
    return problems


def fill(po, table):
    """Apply `table` to `po`; returns (number filled, problems)."""
    filled, problems = 0, []
    nplurals = plural_count(po)
    for entry in po:
        if entry.msgid not in table:
            continue
        forms = table[entry.msgid].split(PLURAL_SEPARATOR.strip())
        forms = [form.strip() for form in forms]
        if entry.msgid_plural and len(forms) != nplurals:
            problems.append(f"{entry.msgid!r}: {nplurals} forms needed, {len(forms)}")
            continue
        if not entry.msgid_plural and len(forms) != 1:
            problems.append(f"{entry.msgid!r}: no plural forms expected")
            continue
        found = check_placeholders(entry, forms)
        if found:
            problems.extend(f"{entry.msgid!r}: {problem}" for problem in found)
            continue
        if entry.msgid_plural:
            entry.msgstr_plural = dict(enumerate(forms))
        else:
            entry.msgstr = forms[0]
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        entry.previous_msgid = entry.previous_msgid_plural = None
        filled += 1
    return filled, problems


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("language", help="a folder of locale/, e.g. ar")
    parser.add_argument("table", nargs="?", help="msgid<TAB>translation file")
    parser.add_argument(
        "--missing", action="store_true", help="print the strings still to translate"
    )
    args = parser.parse_args(argv)
    path = catalogue_path(args.language)
    po = polib.pofile(str(path), wrapwidth=79)
    if args.missing:
        sys.stdout.write(missing(po))
        return 0
    if not args.table:
        parser.error("give a table file, or --missing")
    table = read_table(Path(args.table).read_text(encoding="utf-8"))
    filled, problems = fill(po, table)
    for problem in problems:
        sys.stderr.write(f"{problem}\n")
    if problems:
        sys.stderr.write("Nothing was written: fix the lines above.\n")
        return 1
    po.save(str(path))
    left = sum(1 for entry in po if needs_translation(entry))
    sys.stdout.write(f"{path}: {filled} filled, {left} still to translate.\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
