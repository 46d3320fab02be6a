"""Word (.docx) files -> text lines the segmenter reads: paragraphs and headings in order, tables as bar-layout cells.

Each paragraph (a heading, a list item or body text) is one line, separated from the next by a blank line;
a table becomes one cell per line ending in " |" (an empty cell a bare "|"), the bar layout of
loaders.tables, with a merged cell read once.
"""

from __future__ import annotations

import io
import zipfile

from .errors import LoadError


def docx_to_text(data: bytes, name: str) -> str:
    """The document body as text lines."""
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table

    try:
        document = Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise LoadError(name, f"not a readable Word (.docx) file: {exc}") from exc
    blocks: list[str] = []
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            if cells := _table_cells(item):
                blocks.append("\n".join(cells))
        else:
            blocks.extend(line.strip() for line in item.text.splitlines() if line.strip())
    return "\n\n".join(blocks) + "\n"


def _table_cells(table) -> list[str]:
    """Cells in reading order; a cell merged over several grid positions is read once."""
    seen = set()  # the cells' XML elements (kept alive, so compared by identity)
    cells = []
    for row in table.rows:
        for cell in row.cells:
            if cell._tc in seen:
                continue
            seen.add(cell._tc)
            text = "".join(p.text.strip() for p in cell.paragraphs).replace("|", "｜")
            cells.append(f"{text} |" if text else "|")
    return cells
