"""What the layout tests look for on a page, at the viewport it is shown at
(tests/browser/test_layout.py): one script run in the page, so that many
viewports and both colour schemes are checked on one page load.

- no horizontal scrolling: the document is no wider than the window;
- no element overflowing its container: no box whose content is wider
  than itself and spills out (overflow visible), and no element reaching
  past the window's edges, except inside a box that scrolls on its own
  (a wide table in a labelled region);
- the footer at the bottom: it ends where the page ends, on a short page
  at the foot of the window;
- tap targets at least 24 by 24 CSS pixels (WCAG 2.2, 2.5.8), with the
  criterion's exceptions: links in a sentence, and a smaller target that a
  24px circle on its centre keeps clear of every other target.
"""

from pathlib import Path

LAYOUT_PROBLEMS = (Path(__file__).parent / "layout.js").read_text()


def layout_problems(page):
    return page.evaluate(LAYOUT_PROBLEMS)
