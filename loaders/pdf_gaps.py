"""Tables a PDF draws without ruling lines between its columns: found by the white space that runs down them.

An indicator table set without borders, or as a three-line table (三线表: a rule above, one under the header, one
below, none between the columns), has no grid for loaders.pdf to read its cells by. Its columns still stand apart:
down the whole table runs a strip of white at least half a character wide between each two columns, which prose,
set edge to edge, never has. A block of three lines or more that each hold three runs of glyphs or more, set apart
by such gaps, is a table when at least two such strips run down all of it; a line below a row whose glyphs all
stand inside the columns (a cell's text wrapped) belongs to that row. A row starts at a line with text in the
first column (the 序号 or the indicator's name), or at every line of runs when that column is empty below the
header. The result is the cell grid loaders.pdf fills from the glyphs, as it fills a ruled table's.
"""

from __future__ import annotations

from statistics import median

_GAP = 0.9  # a run of glyphs ends at a gap wider than this many of their size (prose: a fraction of one)
_RIVER = 0.5  # the white strip between two columns is at least this many sizes wide
_MIN_ROWS = 3  # the header and two rows
_MIN_RUNS = 3  # glyph runs on a line of the table


def gap_table_grids(lines: list[list]) -> list[tuple[list[float], list[float]]]:
    """The (column boundaries left to right, row boundaries top to bottom) of each table without column rules
    among a page's visual lines (each a list of glyphs, top to bottom)."""
    grids: list[tuple[list[float], list[float]]] = []
    i = 0
    while i < len(lines):
        first = _runs(lines[i])
        if len(first) < _MIN_RUNS:
            i += 1
            continue
        width = first[-1][1] - first[0][0]
        j = i + 1
        while j < len(lines) and _close(lines[j - 1], lines[j]) and _row_or_wrap(_runs(lines[j]), width):
            j += 1
        rows = [line for line in lines[i:j] if len(_runs(line)) >= _MIN_RUNS]
        rivers = _rivers(rows) if len(rows) >= _MIN_ROWS else []
        block = [lines[i]]
        for line in lines[i + 1 : j]:
            if not _inside(line, rivers):
                break
            block.append(line)
        if len(rivers) < _MIN_RUNS - 1 or sum(len(_runs(line)) >= _MIN_RUNS for line in block) < _MIN_ROWS:
            i += 1
            continue
        end = i + len(block)
        if (
            not grids
            and all(_inside(line, rivers) for line in lines[:i])
            and all(_close(a, b) for a, b in zip(lines[:i], lines[1 : i + 1], strict=True))
        ):
            block = lines[:i] + block  # a row the page break split: its rest heads the page
        grids.append(_grid(block, rivers))
        i = end
    return grids


def _row_or_wrap(runs: list[tuple[float, float]], width: float) -> bool:
    """A line of a table: runs enough for a row, or runs each narrower than half the table (a cell's text
    wrapped); a line of prose runs across most of it."""
    return len(runs) >= _MIN_RUNS or all(b - a < width / 2 for a, b in runs)


def _runs(line: list) -> list[tuple[float, float]]:
    """The x-extents of the runs of inked glyphs on a line, split at gaps wider than _GAP of their size."""
    inked = sorted((c for c in line if c.get_text().strip()), key=lambda c: c.x0)
    runs: list[tuple[float, float]] = []
    for char in inked:
        if runs and char.x0 - runs[-1][1] <= _GAP * char.size:
            runs[-1] = (runs[-1][0], max(runs[-1][1], char.x1))
        else:
            runs.append((char.x0, char.x1))
    return runs


def _close(above: list, below: list) -> bool:
    """The line below follows the one above with no more than two lines' height between them."""
    size = median(c.size for c in below)
    return min(c.y0 for c in above) - max(c.y1 for c in below) < 2 * size


def _rivers(block: list[list]) -> list[tuple[float, float]]:
    """The white strips that run down the whole block between its leftmost and rightmost glyph."""
    inked = [c for line in block for c in line if c.get_text().strip()]
    lo, hi = min(c.x0 for c in inked), max(c.x1 for c in inked)
    covered = [False] * (int(hi - lo) + 2)
    for c in inked:
        for x in range(int(c.x0 - lo), int(c.x1 - lo) + 1):
            covered[x] = True
    size = median(c.size for c in inked)
    rivers: list[tuple[float, float]] = []
    start = None
    for x, ink in enumerate(covered):
        if not ink and start is None:
            start = x
        elif ink and start is not None:
            if x - start >= _RIVER * size:
                rivers.append((lo + start, lo + x))
            start = None
    return rivers


def _inside(line: list, rivers: list[tuple[float, float]]) -> bool:
    """No glyph of the line stands in a river: its text lies within the columns (a wrapped cell's next line)."""
    return all(not (c.x0 < b and c.x1 > a) for c in line if c.get_text().strip() for a, b in rivers)


def _grid(block: list[list], rivers: list[tuple[float, float]]) -> tuple[list[float], list[float]]:
    inked = [c for line in block for c in line if c.get_text().strip()]
    # A column's cells start where its river ends (cells are set flush left): that edge is the same on every page.
    xs = [min(c.x0 for c in inked) - 1, *(b - 0.5 for _, b in rivers), max(c.x1 for c in inked) + 1]
    first_column = xs[1]
    starts = [k for k, line in enumerate(block) if any(c.x1 <= first_column for c in line if c.get_text().strip())]
    if len(starts) <= 1:  # the first column is empty below the header: every line of runs is a row
        starts = [k for k, line in enumerate(block) if len(_runs(line)) >= _MIN_RUNS]
    if 0 not in starts:
        starts.insert(0, 0)
    tops = [max(c.y1 for c in line) for line in block]
    bottoms = [min(c.y0 for c in line) for line in block]
    ys = [tops[0] + 1]
    for k in starts[1:]:
        ys.append((bottoms[k - 1] + tops[k]) / 2)
    ys.append(bottoms[-1] - 1)
    return xs, ys
