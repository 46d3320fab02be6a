"""HTML pages -> text lines the segmenter reads: the article without site chrome, tables as bar-layout cells.

A government page wraps the plan in navigation, footers and scripts. Those are dropped by general rules:
their tag (nav, footer, aside, script, form, ...), a class or id naming them (nav, menu, breadcrumb, footer,
share, ...), being hidden, or being a list of nothing but links (menus, related articles). Facts the page
states in <meta> (publication date, source) become labelled lines, which the clean stage keeps as page
metadata. Every block element starts a line, blocks are separated by a blank line, and a <table> becomes
one cell per line ending in " |" (an empty cell a bare "|"), the bar layout of loaders.tables.
"""

from __future__ import annotations

import re

from .errors import LoadError

_DROP_TAGS = {"script", "style", "noscript", "nav", "footer", "aside", "form", "iframe", "template", "select",
              "button", "object", "embed", "svg", "canvas", "head"}
_CHROME_NAME = re.compile(
    r"(?:^|[-_\s])(nav|navbar|menu|breadcrumbs?|crumbs?|footer|share|sidebar|toolbar|copyright|banner|topbar|"
    r"bottom|dh|wzdh|position|location)(?:[-_\s\d]|$)",
    re.IGNORECASE,
)
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_BLOCK_TAGS = {"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
               "dl", "dt", "dd", "blockquote", "pre", "center", "header", "figure", "figcaption", "caption",
               "address", "hr", "body", "html", "tbody", "thead", "tfoot"}
_CJK = r"\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f"
# CSS text level 3: a line break in the source between two wide (CJK) characters renders as nothing.
_CJK_BREAK = re.compile(rf"(?<=[{_CJK}])[ \t]*[\r\n]+[ \t]*(?=[{_CJK}])")
_SPACES = re.compile(r"[ \t\r\n\f]+")
_META_FACTS = {
    "pubdate": "发布时间", "publishdate": "发布时间", "firstpublishedtime": "发布时间", "created": "发布时间",
    "contentsource": "信息来源", "source": "信息来源",
}
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)""", re.IGNORECASE)


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its <meta>, as a Python codec name (gb2312/gbk read as gb18030)."""
    import codecs

    m = _CHARSET.search(data[:4096])
    if not m:
        return None
    name = m.group(1).decode("ascii").lower()
    if name in ("gb2312", "gbk", "x-gbk", "gb_2312-80"):
        return "gb18030"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def html_to_text(markup: str, name: str) -> str:
    """The page's content as text lines: metadata lines first, then the article's blocks."""
    import lxml.html
    from lxml import etree

    markup = _XML_DECLARATION.sub("", markup, count=1)  # lxml refuses a str that declares its own encoding
    try:
        root = lxml.html.document_fromstring(markup)
    except (etree.ParserError, ValueError) as exc:
        raise LoadError(name, f"not a readable HTML page: {exc}") from exc
    lines = _meta_lines(root)
    body = root.find("body")
    writer = _Writer()
    writer.walk(body if body is not None else root)
    writer.flush()
    return "\n\n".join(lines + writer.blocks) + "\n"


def _meta_lines(root) -> list[str]:
    lines, seen = [], set()
    for meta in root.iter("meta"):
        label = _META_FACTS.get((meta.get("name") or meta.get("property") or "").lower().replace("_", ""))
        value = _SPACES.sub(" ", meta.get("content") or "").strip()
        if label and value and label not in seen:
            seen.add(label)
            lines.append(f"{label}:{value}")
    return lines


def _is_chrome(el) -> bool:
    if not isinstance(el.tag, str):
        return True  # comments and processing instructions
    tag = el.tag.lower()
    if tag in _DROP_TAGS:
        return True
    if tag == "header" and not any(a.tag in ("article", "main") for a in el.iterancestors()):
        return True
    if el.get("hidden") is not None or _HIDDEN.search(el.get("style") or ""):
        return True
    return any(_CHROME_NAME.search(el.get(attr) or "") for attr in ("class", "id")) or _is_link_list(el, tag)


def _is_link_list(el, tag: str) -> bool:
    """A list whose every item is only a link (a menu, "related articles"): navigation, not plan text."""
    if tag not in ("ul", "ol"):
        return False
    items = [child for child in el if isinstance(child.tag, str) and child.tag.lower() == "li"]
    return len(items) >= 3 and all(
        len(item) == 1 and item[0].tag == "a" and not (item.text or "").strip() and not (item[0].tail or "").strip()
        for item in items)


def inline_text(text: str) -> str:
    """Source whitespace as a browser renders it: breaks between CJK characters vanish, other runs become a space."""
    return _SPACES.sub(" ", _CJK_BREAK.sub("", text))


class _Writer:
    """Walks the element tree, collecting blocks of text."""

    def __init__(self) -> None:
        self.blocks: list[str] = []
        self.parts: list[str] = []

    def flush(self) -> None:
        line = "".join(self.parts).strip()
        self.parts.clear()
        if line:
            self.blocks.append(line)

    def walk(self, el) -> None:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if tag == "table":
            self.flush()
            if cells := self._table(el):
                self.blocks.append(cells)
            return
        if tag == "br":
            self.flush()
            return
        block = tag in _BLOCK_TAGS
        if block:
            self.flush()
        if el.text:
            self.parts.append(inline_text(el.text))
        for child in el:
            if not _is_chrome(child):
                self.walk(child)
            if child.tail:
                self.parts.append(inline_text(child.tail))
        if block:
            self.flush()

    def _table(self, table) -> str:
        cells = []
        for row in table.iter("tr"):
            if any(a.tag == "table" and a is not table for a in row.iterancestors()):
                continue  # a nested table's rows are read with the cell that holds them
            for cell in row:
                if isinstance(cell.tag, str) and cell.tag.lower() in ("td", "th"):
                    text = _cell_text(cell)
                    cells.append(f"{text} |" if text else "|")
        return "\n".join(cells) if cells else ""


def _cell_text(cell) -> str:
    """A cell's text with its lines joined: a cell wrapped over lines is one value."""
    writer = _Writer()
    writer.walk(cell)
    writer.flush()
    return "".join(b.replace("|", "｜") for b in writer.blocks)
