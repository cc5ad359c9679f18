"""CSV that a spreadsheet opens as data, never as formulas: every export of
the site writes through here.

A spreadsheet (Excel, LibreOffice, Google Sheets) reads a cell that starts
with `=`, `+`, `-` or `@` as a formula, and some also after a leading tab or
carriage return; a formula can fetch URLs, leak the other cells or, with
old settings, run commands. A name, a title or any text that people type
(an application, an option proposed in a nomination, a page title) can
start that way. So text cells that start with one of those characters are
written with a leading apostrophe (`'=1+1`), which spreadsheets show as
text and which a person reading the CSV recognises.

Numbers stay numbers: Python numbers (int, float, Decimal) are written as
they are, and so is text that is just a number (`-3`, `+2`, `-0.5`, `1e-3`),
which no spreadsheet runs as a formula. Dates, booleans and None are written
as the csv module writes them (None as an empty cell).

    from website import csvexport

    writer = csvexport.writer(stream)          # csv.writer's interface
    writer.writerow(["name", "score"])
    writer.writerow([application.name, -3])    # "=cmd" → "'=cmd"; -3 stays

    # A large export, streamed row by row with a download name:
    return csvexport.streaming_response(rows, "ballots.csv")

`safe_cell(value)` neutralises one value, for code that builds rows some
other way (Wagtail's own CSV exports go through it: website/apps.py).
"""

import csv
import re
from decimal import Decimal

from django.http import StreamingHttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def safe_cell(value):
    """`value` as a spreadsheet should read it: text that would start a
    formula gets a leading apostrophe; numbers and other values unchanged."""
    if value is None or isinstance(value, (bool, int, float, Decimal)):
        return value
    if not isinstance(value, str):
        value = str(value)
    if value.startswith(FORMULA_STARTS) and not PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def safe_row(row):
    return [safe_cell(value) for value in row]


class SafeWriter:
    """csv.writer's `writerow`/`writerows`, each cell through `safe_cell`."""

    def __init__(self, stream, **fmtparams):
        self._writer = csv.writer(stream, **fmtparams)

    @property
    def dialect(self):
        return self._writer.dialect

    def writerow(self, row):
        return self._writer.writerow(safe_row(row))

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def writer(stream, **fmtparams):
    """A formula-safe csv.writer on `stream` (a file, an HttpResponse, a
    StringIO)."""
    return SafeWriter(stream, **fmtparams)


class _Line:
    """A file that hands back what is written to it (for streaming)."""

    def write(self, text):
        return text


def lines(rows, **fmtparams):
    """Each row of `rows` as one CSV line, formula-safe, as it is needed."""
    out = SafeWriter(_Line(), **fmtparams)
    for row in rows:
        yield out.writerow(row)


def streaming_response(rows, filename, **fmtparams):
    """A download of `rows` (any iterable of sequences, the header first),
    written as the client reads it: fit for exports of any size."""
    return streaming_lines_response(lines(rows, **fmtparams), filename)


def streaming_lines_response(chunks, filename):
    """A download of CSV text already written, chunk by chunk (str or
    UTF-8 bytes), e.g. the header through `lines` and then rows the
    database wrote itself."""
    response = StreamingHttpResponse(chunks, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def protect_wagtail_exports():
    """Wagtail's admin listings and reports (Site history, Aging pages, page
    and workflow reports, redirects…) export CSV with page titles and other
    text people typed, through SpreadsheetExportMixin, which neutralises
    formulas in its XLSX files but not in its CSV. Make its CSV rows go
    through `safe_cell` too (called once, from website/apps.py)."""
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    if getattr(SpreadsheetExportMixin.write_csv_row, "formula_safe", False):
        return

    def write_csv_row(self, writer, row_dict):
        return writer.writerow(
            {
                field: safe_cell(
                    self.preprocess_field_value(field, value, self.FORMAT_CSV)
                )
                for field, value in row_dict.items()
            }
        )

    write_csv_row.formula_safe = True
    SpreadsheetExportMixin.write_csv_row = write_csv_row
