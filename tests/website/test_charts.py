"""The server-drawn bar charts (website/charts.py): percentages of the
total, bars in proportion, labels wrapped, right to left mirrored, and a
highlighted row named in words."""

import pytest

from website.charts import LONGEST_BAR, WRAP, bar_chart


def test_percentages_are_of_the_total_and_bars_in_proportion():
    chart = bar_chart([("A", 30), ("B", 15), ("C", 0)], total=60)
    assert [row.percent for row in chart.rows] == [50.0, 25.0, 0.0]
    assert [row.bar_width for row in chart.rows] == [LONGEST_BAR, LONGEST_BAR / 2, 0]
    # Each row's figures follow its bar; rows do not overlap.
    for row in chart.rows:
        assert row.value_x > row.bar_x + row.bar_width
    tops = [row.lines[0][1] for row in chart.rows]
    assert tops == sorted(tops) and len(set(tops)) == 3
    assert chart.height > chart.rows[-1].bar_y


def test_the_total_is_the_sum_unless_given():
    assert bar_chart([("A", 1), ("B", 3)]).total == 4


@pytest.mark.parametrize("rows", [[], [("Nobody", 0)]])
def test_an_empty_chart_or_all_zeros_draws_no_bar_and_no_error(rows):
    chart = bar_chart(rows)
    assert all(row.bar_width == 0 and row.percent == 0 for row in chart.rows)
    assert chart.height > 0


def test_right_to_left_the_bars_grow_from_the_right():
    chart = bar_chart([("A", 10), ("B", 5)], rtl=True)
    for row in chart.rows:
        assert row.bar_x + row.bar_width == pytest.approx(100)
        assert row.value_x < row.bar_x


def test_a_long_label_wraps_and_a_highlighted_row_says_so_in_words():
    label = "Information literacy for first-year students in rural libraries"
    chart = bar_chart(
        [(label, 3, True), ("Short", 1)], highlight_label="%(label)s (elected)"
    )
    first = chart.rows[0]
    assert len(first.lines) > 1
    assert all(len(text) <= WRAP for text, _y in first.lines)
    assert " ".join(text for text, _y in first.lines) == f"{label} (elected)"
    assert chart.rows[1].lines[0][0] == "Short"
