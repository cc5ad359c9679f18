"""Bar charts drawn on the server: an SVG of labelled bars and the same
figures in a table beside it (components/bar_chart.html), readable without
JavaScript, in print, in both colour schemes and right to left.

`bar_chart(rows)` lays the chart out: each row's label on a line of its
own, its bar below, and its count and percentage after the bar. Lengths
are CSS pixels and widths percentages of the chart's width, so the chart
fits any screen without scaling its text. A highlighted row (an elected
option, the largest group) is marked by more than colour: its label is
bold and carries a word of its own (`highlight_label`). O(rows).
"""

import textwrap
from dataclasses import dataclass, field

WRAP = 34  # characters of a label line
LINE = 20
BAR_HEIGHT = 20
GAP = 14
LONGEST_BAR = 70  # percent of the width: the rest is room for "24 · 77.4%"


@dataclass
class Row:
    label: str
    value: int
    highlight: bool = False
    percent: float = 0.0
    text: str = ""  # the label, with the highlight's word if any
    lines: list = field(default_factory=list)  # [(text, baseline y)]
    bar_x: float = 0.0
    bar_y: int = 0
    bar_width: float = 0.0
    value_x: float = 0.0
    value_y: int = 0


@dataclass
class Chart:
    rows: list
    height: int
    total: int
    rtl: bool


def bar_chart(rows, *, total=None, rtl=False, highlight_label=None):
    """`rows`: [(label, value)] or [(label, value, highlight)]. Percentages
    are of `total` (the sum of the values by default); `highlight_label`
    (a format string with %(label)s) names a highlighted row in words."""
    rows = [Row(*row) for row in rows]
    if total is None:
        total = sum(row.value for row in rows)
    highest = max((row.value for row in rows), default=0)
    y = 0
    for row in rows:
        row.percent = round(100 * row.value / total, 1) if total else 0.0
        label = row.label
        if row.highlight and highlight_label:
            label = highlight_label % {"label": row.label}
        row.text = label
        row.lines = []
        for text in textwrap.wrap(label, WRAP, break_on_hyphens=False) or [""]:
            y += LINE
            row.lines.append((text, y - 5))
        row.bar_y = y + 2
        row.bar_width = round(LONGEST_BAR * row.value / highest, 2) if highest else 0
        value_at = row.bar_width + 1.5
        row.bar_x = round(100 - row.bar_width, 2) if rtl else 0
        row.value_x = round(100 - value_at, 2) if rtl else value_at
        row.value_y = row.bar_y + BAR_HEIGHT - 5
        y = row.bar_y + BAR_HEIGHT + GAP
    return Chart(rows=rows, height=max(y - GAP + 2, LINE), total=total, rtl=rtl)
