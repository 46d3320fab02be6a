"""HTML pages -> text lines the segmenter reads: the article without site chrome, tables as bar-layout cells.

A government page wraps the plan in navigation, footers and scripts. Those are dropped by general rules:
their tag (nav, footer, aside, script, form, ...), a class or id naming them (nav, menu, breadcrumb, footer,
share, related, print, ...), being hidden, or being a list of nothing but links, each perhaps with its date
(menus, related articles). Facts the page states in <meta> (publication date, source) and in its
信息公开 metadata table or list (索引号, 发文机关, 文号, 成文日期 …) become labelled lines "文号：国办发〔2021〕45号",
one fact a line, which the clean stage keeps as page metadata. Every block element starts a line, blocks are
separated by a blank line, and a data <table> becomes one cell per line ending in " |" (an empty cell a bare
"|"), the bar layout of loaders.tables; a table used for page layout (one column, or cells holding
paragraphs or tables) is read as the blocks it holds.
"""

from __future__ import annotations

import re

from .errors import LoadError
from .repair import hard_wrapped

_DROP_TAGS = {
    "script",
    "style",
    "noscript",
    "nav",
    "footer",
    "aside",
    "form",
    "iframe",
    "template",
    "select",
    "button",
    "object",
    "embed",
    "svg",
    "canvas",
    "head",
}
# Words of class and id names that mark site chrome; a name is split at "-", "_", digits and camelCase humps.
_CHROME_WORDS = {
    "nav",
    "navbar",
    "subnav",
    "navigation",
    "menu",
    "menus",
    "breadcrumb",
    "breadcrumbs",
    "crumb",
    "crumbs",
    "footer",
    "foot",
    "share",
    "bdshare",
    "bdsharebuttonbox",
    "fenxiang",
    "sidebar",
    "toolbar",
    "tool",
    "tools",
    "copyright",
    "banner",
    "topbar",
    "bottom",
    "dh",
    "wzdh",
    "position",
    "location",
    "related",
    "relate",
    "xgxx",
    "xglj",
    "xgwz",
    "xgwj",
    "qrcode",
    "ewm",
    "erweima",
    "search",
    "login",
    "gotop",
    "backtop",
}
_NAME_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_BLOCK_TAGS = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "center",
    "header",
    "figure",
    "figcaption",
    "caption",
    "address",
    "hr",
    "body",
    "html",
    "tbody",
    "thead",
    "tfoot",
}
_CJK = r"\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f"
# Spaces a browser shows as one space each and never collapses (&nbsp; &ensp; &emsp; &thinsp;).
_FIXED_SPACES = str.maketrans({"\u00a0": " ", "\u2002": " ", "\u2003": " ", "\u2009": " "})
# CSS text level 3: a line break in the source between two wide (CJK) characters renders as nothing.
_CJK_BREAK = re.compile(rf"(?<=[{_CJK}])[ \t]*[\r\n]+[ \t]*(?=[{_CJK}])")
_SPACES = re.compile(r"[ \t\r\n\f]+")
_META_FACTS = {
    "pubdate": "发布时间",
    "publishdate": "发布时间",
    "firstpublishedtime": "发布时间",
    "created": "发布时间",
    "contentsource": "信息来源",
    "source": "信息来源",
}
_OFFICE_SUITE = re.compile(r"LibreOffice|OpenOffice|Microsoft Word|WPS", re.I)
# Page facts of 政府信息公开 pages: a cell or <dt> naming one of these (or any short name ending in a colon)
# labels the value beside it.
PAGE_FIELDS = {
    "索引号",
    "信息索引号",
    "主题分类",
    "分类",
    "公文种类",
    "发文机关",
    "发文单位",
    "发布机构",
    "文号",
    "发文字号",
    "文件编号",
    "成文日期",
    "签发时间",
    "签发日期",
    "发布日期",
    "发布时间",
    "生成日期",
    "公开日期",
    "生效时间",
    "生效日期",
    "实施日期",
    "施行日期",
    "失效时间",
    "废止日期",
    "有效性",
    "效力状况",
    "标题",
    "名称",
    "主题词",
    "关键词",
    "体裁分类",
    "公开方式",
    "公开范围",
    "信息来源",
    "来源",
}
_LABEL = re.compile(r"^((?:[\u4e00-\u9fff]\s*){2,8}?)\s*([:：])?$")
_DOCUMENT_TITLE = re.compile(
    r"(?:意见|通知|规划|方案|办法|决定|纲要|要点|计划|措施|举措|建议|条例|规定|细则|公告|通告|批复|"
    r"报告|意見|規劃|辦法|決定|綱要|要點|計劃|舉措|建議|條例|規定|細則)[^。]{0,12}$"
)
_LABELLED_CELL = re.compile(r"^((?:[\u4e00-\u9fff]\s*){2,8}?)\s*[:：]")
_FIELD = re.compile("(?:" + "|".join(sorted(PAGE_FIELDS, key=len, reverse=True)) + ")[:：]")
_RELATED_LABEL = re.compile(
    r"(?:相关链接|相關鏈接|相关文件|相關文件|相关解读|相關解讀|相关阅读|相關閱讀|延伸阅读|延伸閱讀)[:：]?"
)
# The label of a list of links to other sites: 友情链接, 相关网站, 市级部门相关网站, 委属单位网站, 政府网站导航.
_SITES_LABEL = re.compile(r"[\u4e00-\u9fff]{0,8}(?:网站|網站|链接|鏈接)(?:导航|導航)?[:：]?")
_LINK_ITEM_REST = re.compile(r"^[\s\W]*(?:\d{4}[-./年]\d{1,2}(?:[-./月]\d{1,2}日?)?)?[\s\W]*$")
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
    blocks = lines + _without_repeated_title(writer.blocks)
    return ("\n" if hard_wrapped(blocks) else "\n\n").join(blocks) + "\n"


def _without_repeated_title(blocks: list[str]) -> list[str]:
    """The blocks without the article's repeat of the title a page already shows above it (<h1> and then
    the document's own first line): a short line naming a kind of document, repeated within the first blocks
    (a table of contents repeats its chapter headings, which are kept)."""
    for i, block in enumerate(blocks[:12]):
        if len(block) <= 100 and _DOCUMENT_TITLE.search(block) and block in blocks[:i]:
            return blocks[:i] + blocks[i + 1 :]
    return blocks


def _meta_lines(root) -> list[str]:
    """The page's facts its <meta> states. A page an office suite wrote (Word or LibreOffice saving a document as a
    web page) states when the file was created, not when the document was published: that is no fact of it."""
    lines, seen = [], set()
    metas = list(root.iter("meta"))
    exported = any(
        (meta.get("name") or "").lower() == "generator" and _OFFICE_SUITE.search(meta.get("content") or "") for meta in metas
    )
    for meta in metas:
        name = (meta.get("name") or meta.get("property") or "").lower().replace("_", "")
        label = _META_FACTS.get(name)
        value = _SPACES.sub(" ", meta.get("content") or "").strip()
        if exported and name == "created":
            continue
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
    return (
        any(_names_chrome(el.get(attr) or "") for attr in ("class", "id"))
        or _is_link_list(el, tag)
        or _is_link_bar(el, tag)
        or _is_related_links(el, tag)
        or _is_site_links(el, tag)
    )


def _names_chrome(name: str) -> bool:
    """A class or id naming site chrome: "mainNav", "share-box", "index_foot", "bdsharebuttonbox", or a footer
    under a prefix run into its name ("zcwjk-xlfoot", "pagefooter")."""
    words = [word.lower() for word in _NAME_WORD.findall(name)]
    return any(word in _CHROME_WORDS or word.endswith(("foot", "footer")) for word in words)


def _is_link_list(el, tag: str) -> bool:
    """A list whose every item is one link, perhaps with its date (a menu, "related articles"): not plan text."""
    if tag not in ("ul", "ol"):
        return False
    items = [child for child in el if isinstance(child.tag, str) and child.tag.lower() == "li"]
    return len(items) >= 2 and all(_is_link_item(item) for item in items)


def _is_link_bar(el, tag: str) -> bool:
    """A block of three or more short links and nothing else but separators ("首页 | 政务公开 | 办事服务"): a menu.

    Links with longer texts are left to the cleaner, which tells a link farm injected into the page by them.
    """
    if tag not in ("div", "p", "td", "th", "span", "center"):
        return False
    links = el.findall(".//a")
    if len(links) < 3 or any(len(link.text_content().strip()) > 8 for link in links):
        return False
    rest = el.text_content()
    for link in links:
        rest = rest.replace(link.text_content(), "", 1)
    return not rest.strip(" \t\r\n\xa0|｜/·•-—_、>＞»")


def _is_related_links(el, tag: str) -> bool:
    """A box of links under a label of related material (相关链接：《…》政策解读): not the plan's text."""
    if tag not in ("div", "section", "li", "td"):
        return False
    links = el.findall(".//a")
    if not links:
        return False
    rest = el.text_content()
    for link in links:
        rest = rest.replace(link.text_content(), "", 1)
    return bool(_RELATED_LABEL.fullmatch(re.sub(r"\s", "", rest)))


def _is_site_links(el, tag: str) -> bool:
    """A box of links to other sites under labels naming them (中国政府网 … 市级部门相关网站 市发展改革委 … 委属单位网站 …):
    a site's footer, whatever the length of the names."""
    if tag not in ("div", "section", "td"):
        return False
    links = el.findall(".//a")
    if len(links) < 3:
        return False
    rest = el.text_content()
    for link in links:
        rest = rest.replace(link.text_content(), "", 1)
    labels = rest.split()
    return bool(labels) and all(_SITES_LABEL.fullmatch(label) for label in labels)


def _is_link_item(item) -> bool:
    links = item.findall(".//a")
    if len(links) != 1:
        return False
    rest = item.text_content().replace(links[0].text_content(), "", 1)
    return bool(_LINK_ITEM_REST.match(rest))


def inline_text(text: str) -> str:
    """Source whitespace as a browser renders it: breaks between CJK characters vanish, other runs become a space."""
    return _SPACES.sub(" ", _CJK_BREAK.sub("", text)).translate(_FIXED_SPACES)


def page_fact_lines(line: str) -> list[str]:
    """A line of page facts split one fact a line ("发文机关：国务院 成文日期：2018年1月2日" is two)."""
    starts = [m.start() for m in _FIELD.finditer(line)]
    if len(starts) < 2 or starts[0] != 0:
        return [line]
    return [line[a:b].strip() for a, b in zip(starts, starts[1:] + [len(line)], strict=True)]


class _Writer:
    """Walks the element tree, collecting blocks of text."""

    def __init__(self) -> None:
        self.blocks: list[str] = []
        self.parts: list[str] = []

    def flush(self) -> None:
        line = inline_text("".join(self.parts)).strip()
        self.parts.clear()
        if line:
            self.blocks.extend(page_fact_lines(line))

    def walk(self, el) -> None:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if tag == "table":
            self.flush()
            self._table(el)
            return
        if tag == "br":
            self.flush()
            return
        if tag == "dl" and (facts := _definition_facts(el)) is not None:
            self.flush()
            self.blocks.extend(facts)
            return
        if tag in ("ul", "ol") and (facts := _list_facts(el)) is not None:
            self.flush()
            self.blocks.extend(facts)
            return
        block = tag in _BLOCK_TAGS
        if block:
            self.flush()
        self.children(el)
        if block:
            self.flush()

    def children(self, el) -> None:
        if el.text:
            self.parts.append(el.text)
        for child in el:
            if not _is_chrome(child):
                self.walk(child)
            if child.tail:
                self.parts.append(child.tail)

    def _table(self, table) -> None:
        rows = [[c for c in row if isinstance(c.tag, str) and c.tag.lower() in ("td", "th")] for row in _rows(table)]
        texts = [[_cell_text(c) for c in row] for row in rows]
        if (facts := _label_value_facts(texts)) is not None or (facts := _fact_cells(texts)) is not None:
            self.blocks.extend(facts)
            return
        if _is_layout(rows):
            for cell in (c for row in rows for c in row if not _is_chrome(c)):
                self.children(cell)
                self.flush()
            return
        cells = [f"{text} |" if text else "|" for row in texts for text in row]
        if cells:
            self.blocks.append("\n".join(cells))


def _rows(table) -> list:
    """The table's own rows, not those of a table nested in one of its cells."""
    return [row for row in table.iter("tr") if next((a for a in row.iterancestors() if a.tag == "table"), None) is table]


def _is_layout(rows: list[list]) -> bool:
    """A table that lays out the page: one column of content, or cells holding tables or several paragraphs."""
    filled = [[c for c in row if c.text_content().strip()] for row in rows]
    if all(len(row) <= 1 for row in filled):
        return True
    return any(
        cell.find(".//table") is not None
        or sum(1 for b in cell.iter("p", "div", "h1", "h2", "h3", "h4", "li") if b.text_content().strip()) >= 3
        for row in filled
        for cell in row
    )


def _label(text: str) -> str | None:
    """The field name of a label cell ("索  引  号：" -> "索引号"), or None when the text is no label."""
    m = _LABEL.match(text)
    if not m:
        return None
    name = re.sub(r"\s", "", m.group(1))
    return name if m.group(2) or name in PAGE_FIELDS else None


def _label_value_facts(rows: list[list[str]]) -> list[str] | None:
    """The facts of a 信息公开 metadata table, one "label：value" line each, or None for any other table.

    Every filled cell is a label or the value right after one, and there are two labels at least or one
    naming a page field (a 主题词 row left empty states nothing and yields no line).
    """
    facts, labels, fields = [], 0, 0
    for row in rows:
        i = 0
        while i < len(row):
            if not row[i]:
                i += 1
                continue
            name = _label(row[i])
            if name is None:
                return None
            labels += 1
            fields += name in PAGE_FIELDS
            value = row[i + 1] if i + 1 < len(row) and _label(row[i + 1]) is None else ""
            if value:
                facts.append(f"{name}：{value}")
            i += 2 if value or (i + 1 < len(row) and not row[i + 1]) else 1
    return facts if labels >= 2 or fields else None


def _fact_cells(rows: list[list[str]]) -> list[str] | None:
    """A metadata table whose cells each hold a label and its value ("索 引 号：000014349/2018-00221"), as one
    line a fact with the label's spacing taken out, or None when a filled cell is anything else."""
    cells = [c for row in rows for c in row if c]
    facts = []
    for cell in cells:
        m = _LABELLED_CELL.match(cell)
        name = re.sub(r"\s", "", m.group(1)) if m else ""
        if m is None or name not in PAGE_FIELDS:
            return None
        if value := cell[m.end() :].strip():
            facts.append(f"{name}：{value}")
    return facts if len(cells) >= 2 else None


def _definition_facts(dl) -> list[str] | None:
    """A definition list of page facts (<dt>索引号：</dt><dd>…</dd>) as "label：value" lines, or None."""
    pairs: list[list[str]] = [[]]
    for child in dl:
        if isinstance(child.tag, str) and child.tag.lower() in ("dt", "dd") and not _is_chrome(child):
            pairs[-1].append(_cell_text(child))
    return _label_value_facts(pairs)


def _list_facts(ul) -> list[str] | None:
    """A list of page facts (<li><strong>文  号：</strong><span>…</span></li>) as "label：value" lines, or None
    when an item is anything else."""
    items = [child for child in ul if isinstance(child.tag, str) and child.tag.lower() == "li" and not _is_chrome(child)]
    return _fact_cells([[_cell_text(item) for item in items]])


def _cell_text(cell) -> str:
    """A cell's text with its lines joined: a cell wrapped over lines is one value."""
    writer = _Writer()
    writer.walk(cell)
    writer.flush()
    return "".join(b.replace("|", "｜") for b in writer.blocks)
