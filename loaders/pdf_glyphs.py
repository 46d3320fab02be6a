"""A PDF page's glyphs into the lines a reader sees: overprinted glyphs once, each column of a two-column page down.

Glyphs are pdfminer's LTChar objects. A producer that fakes bold draws each glyph twice, a fraction of its size
apart; a government gazette (公报) sets its pages in two columns. loaders.pdf builds its lines from what these
functions return.
"""

from __future__ import annotations

from statistics import median


def without_overprint(chars: list) -> list:
    """The glyphs without those drawn again over themselves: a producer that fakes bold (or a shadow) draws each
    glyph twice, a fraction of its size apart, and the text layer then holds every character twice (一一、、总总体体)."""
    kept: list = []
    seen: dict[tuple[str, int, int], list] = {}
    for char in chars:
        text, step = char.get_text(), max(char.size / 4, 0.5)
        x, y = int(char.x0 // step), int(char.y0 // step)
        near = (other for dx in (-1, 0, 1) for dy in (-1, 0, 1) for other in seen.get((text, x + dx, y + dy), []))
        if text.strip() and any(abs(o.x0 - char.x0) < step and abs(o.y0 - char.y0) < step for o in near):
            continue
        seen.setdefault((text, x, y), []).append(char)
        kept.append(char)
    return kept


_MIN_COLUMN_GLYPHS = 200  # fewer glyphs on a page than this is no page of running text set in columns


def columns(chars: list) -> list[tuple[int, tuple[int, int], list]]:
    """The page's visual lines with their column and reading rank. A page set in two columns (a government
    gazette's) has a gutter near its middle that almost no glyph crosses; there each column is read down before
    the next, and a line across both (a title) is read where it stands between them."""
    gutter = _gutter([c for c in chars if c.get_text().strip()])
    if gutter is None:
        return [(0, (0, 0), line) for line in visual_lines(chars)]
    middle_x = sum(gutter) / 2
    crossing = [c for c in chars if c.x0 < middle_x < c.x1 and c.get_text().strip()]
    bands = [(c.y0, c.y1) for c in crossing]
    across: list = []
    left: list = []
    right: list = []
    for char in chars:
        middle = (char.y0 + char.y1) / 2
        if any(y0 <= middle <= y1 for y0, y1 in bands):
            across.append(char)
        else:
            (left if (char.x0 + char.x1) / 2 < middle_x else right).append(char)
    inked_left, inked_right = (sum(1 for c in side if c.get_text().strip()) for side in (left, right))
    if min(inked_left, inked_right) < 0.25 * (inked_left + inked_right):
        return [(0, (0, 0), line) for line in visual_lines(chars)]  # text on one side only: no second column
    spans = visual_lines(across)
    tops = sorted((max(c.y1 for c in line) for line in spans), reverse=True)
    out = []
    for column, slot, group in ((0, 2, spans), (1, 0, visual_lines(left)), (2, 1, visual_lines(right))):
        for line in group:
            top = max(c.y1 for c in line)
            out.append((column, (sum(t > top for t in tops), slot), line))  # down the left, the right, then across
    return out


def _gutter(inked: list) -> tuple[float, float] | None:
    """The x-range of the gutter between two columns: in the middle two-fifths of the text's width, the widest run
    of points at least half a character wide that a twentieth at most of the glyphs a text column stacks cross."""
    if len(inked) < _MIN_COLUMN_GLYPHS:
        return None
    lo, hi = min(c.x0 for c in inked), max(c.x1 for c in inked)
    cover = [0] * (int(hi - lo) + 1)
    for c in inked:
        for x in range(int(c.x0 - lo), int(c.x1 - lo) + 1):
            cover[x] += 1
    full = sorted(cover)[len(cover) * 3 // 4]
    size = median(c.size for c in inked)
    best: tuple[float, float] | None = None
    run = None
    for x in range(int(0.3 * len(cover)), int(0.7 * len(cover)) + 1):
        if cover[x] <= full / 20:
            run = (run[0], x) if run else (x, x)
            if run[1] - run[0] + 1 >= 0.5 * size and (best is None or run[1] - run[0] > best[1] - best[0]):
                best = (run[0], run[1])
        else:
            run = None
    return None if best is None else (lo + best[0], lo + best[1] + 1)


def visual_lines(chars: list) -> list[list]:
    """Glyphs grouped into the lines a reader sees: a glyph whose middle lies within a line's height is on it.

    pdfminer's own lines break apart where fonts mix (Latin in one font, Chinese in another) and links are drawn.
    """
    lines: list[list] = []
    band = (0.0, 0.0)
    for char in sorted(chars, key=lambda c: -(c.y0 + c.y1)):
        middle = (char.y0 + char.y1) / 2
        if lines and band[0] <= middle <= band[1]:
            lines[-1].append(char)
        else:
            lines.append([char])
            band = (char.y0, char.y1)
    return lines
