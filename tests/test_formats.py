"""The same plan as a web page, a Word file (.docx and Word 97-2003 .doc), RTF, OpenDocument and a PDF loads to the
same content as its text file, and a file is read by its content when its name does not say what it is.

The web page is written here from a corpus text the way government sites publish plans: navigation, an
info bar, headings, a real <table> of indicators, injected spam links and a footer. LibreOffice, a
third-party writer, turns that page into the other formats.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
from collections import Counter
from html import escape
from pathlib import Path

import pytest

from plankg.graph.store import document_graphs, open_store, source_of
from plankg.graph.vocab import SPARQL_PREFIXES
from plankg.loaders.clean import classify_line, clean, split_lines
from plankg.loaders.docx import docx_to_text
from plankg.loaders.errors import LoadError
from plankg.loaders.glyphs import as_ideographs
from plankg.loaders.html import html_to_text
from plankg.loaders.markdown import markdown_view
from plankg.loaders.pipeline import parse_document
from plankg.loaders.read import read_source
from plankg.loaders.records import ParsedDocument
from plankg.loaders.segment import TableRegion, segment
from plankg.loaders.tables import parse_table, tokenize
from plankg.loading.documents import bundled_corpus, gather, load_document
from tests.test_spans import SPANS
from tests.test_structure import COUNTS

CORPUS = bundled_corpus()
FIXTURES = Path(__file__).parent / "fixtures"
PART_HEADING = re.compile(r"^[一二三四五六七八九十]+、")
PLANS = ["001_e6d1326eb6e5ef17", "002_1d4cc66293008ec4"]  # Simplified with a table; Traditional with two
FORMATS = [".html", ".docx", ".pdf", ".doc", ".rtf", ".odt"]
HEADING_TAGS = {"chapter": "h2", "section": "h3", "part": "h4"}


def missing_tool(what: str) -> None:
    message = f"{what} is not installed"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def libreoffice(target: str, files: list[Path], out: Path, *options: str) -> None:
    """LibreOffice (a third-party writer) converts files into out (target: its --convert-to argument)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        missing_tool("LibreOffice (soffice)")
    profile = (out / "libreoffice-profile").as_uri()
    command = [soffice, f"-env:UserInstallation={profile}", "--headless", *options, "--convert-to", target]
    subprocess.run([*command, "--outdir", str(out), *map(str, files)], check=True, capture_output=True, timeout=600)


def table_rows(text: str, table: TableRegion) -> list[list[str]]:
    """The flattened table's cells put back into rows: the header, then one row per indicator."""
    indicators, _ = parse_table(text, table.heading, table.lines)
    starts = [i.span.start for i in indicators]
    rows: list[list[str]] = [[]]
    for cell in (c for c in tokenize(text, table.lines) if c.text):
        if starts and cell.span.start >= starts[0]:
            while starts and cell.span.start >= starts[0]:
                starts.pop(0)
            rows.append([])
        rows[-1].append(cell.text)
    return rows


def web_page(name: str) -> str:
    """A corpus text as a government web page; site chrome in <nav>/<footer>, spam links inside the article."""
    text = read_source(CORPUS / f"{name}.txt").text
    cleaned = clean(text)
    seg = segment(text, cleaned.content)
    headings = {h.span.start: h for h in seg.headings}
    tables = {next(ln.start for ln in t.lines if ln.stripped): t for t in seg.tables}
    dropped = {d.span.start: d.reason for d in cleaned.dropped}
    nav, body, skip_to = [], [], -1
    for line in cleaned.lines:
        start = line.start + len(line.text) - len(line.text.lstrip())
        if not line.stripped or line.start < skip_to:
            continue
        reason = dropped.get(start)
        if reason in ("breadcrumb navigation", "page widget", "section label"):
            nav.append(f"<div>{escape(line.stripped)}</div>")
        elif reason == "injected spam links":
            links = [f'<a href="http://spam.example/{i}">{escape(t.strip())}</a>' for i, t in enumerate(line.stripped.split("|"))]
            body.append(f"<div>{' | '.join(links)}</div>")
        elif start in headings and headings[start].kind in HEADING_TAGS:
            heading = headings[start]
            tag = HEADING_TAGS[heading.kind]
            body.append(f"<{tag}>{escape(''.join(ln.strip() for ln in heading.span.quote.splitlines()))}</{tag}>")
            skip_to = heading.span.end
        elif line.start in tables:
            rows = table_rows(text, tables[line.start])
            trs = "\n".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in rows)
            body.append(f'<table border="1" cellspacing="0">\n{trs}\n</table>')
            skip_to = tables[line.start].lines[-1].end
        else:
            body.append(f"<p>{escape(line.stripped)}</p>")
    return (
        '<!DOCTYPE html>\n<html lang="zh"><head><meta charset="utf-8"><title>民政局</title>'
        "<script>var _hmt = [];</script></head>\n<body>\n"
        '<nav><a href="/">首页</a> <a href="/zwgk/">政务公开</a> <a href="/hdjl/">互动交流</a>\n'
        + "\n".join(nav)
        + '</nav>\n<div class="article">\n'
        + "\n".join(body)
        + "\n</div>\n"
        "<footer><p>主办单位:民政局 版权所有 ICP备05000000号</p></footer>\n</body></html>\n"
    )


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The web pages, and LibreOffice's .docx and .pdf of them (one conversion run per format)."""
    out = tmp_path_factory.mktemp("formats")
    pages = []
    for name in PLANS:
        pages.append(out / f"{name}.html")
        pages[-1].write_text(web_page(name), encoding="utf-8")
    for target in ("pdf", "docx:MS Word 2007 XML", "doc:MS Word 97", "rtf:Rich Text Format", "odt:writer8"):
        libreoffice(target, pages, out)
    return out


def content(doc: ParsedDocument) -> dict:
    """What a plan says: its structure, measure titles, indicators with their values, projects, citations, facts."""
    meta = doc.metadata
    return {
        "headings": Counter(h.kind for h in doc.headings),
        "chapters": [h.title for h in doc.of_kind("chapter")],
        "sections": [h.title for h in doc.of_kind("section")],
        "measures": [m.heading for m in doc.measures],
        "indicators": [(i.number, i.name, i.unit, i.attribute, [v.as_written for v in i.values]) for i in doc.indicators],
        "projects": [p.title for p in doc.projects],
        "citations": [c.title for c in doc.citations],
        "facts": [(f.value if f else None) for f in (meta.title, meta.period, meta.date, meta.doc_number, *meta.issuers)],
    }


@pytest.mark.parametrize("suffix", FORMATS)
@pytest.mark.parametrize("name", PLANS)
def test_same_plan_content_in_every_format(rendered: Path, parsed, name: str, suffix: str) -> None:
    doc, _ = parse_document(rendered / f"{name}{suffix}")
    text_doc = parsed[f"{name}.txt"]
    got = content(doc)
    assert got == content(text_doc)
    # the counts transcribed from the text in test_structure: chapters, sections, boxes, indicator rows, measures
    chapters, sections, boxes, rows, _, measures = COUNTS[f"{name}.txt"]
    assert (len(got["chapters"]), len(got["sections"]), got["headings"]["box"], len(got["indicators"]), len(got["measures"])) == (
        chapters,
        sections,
        boxes,
        rows,
        measures,
    )
    # box items and quantified undertakings: 001 32 + 2 (lines 308, 484), 002 23 + 12 (lines 493 (2), 497, 513 (4),
    # 601, 651, 655 (3))
    assert len(got["projects"]) == {"001": 34, "002": 35}[name[:3]]
    for span in (
        [h.span for h in doc.headings]
        + [m.span for m in doc.measures]
        + [i.span for i in doc.indicators]
        + [v.span for i in doc.indicators for v in i.values]
        + [p.span for p in doc.projects]
        + [d.span for d in doc.dropped]
    ):
        assert doc.source.text[span.start : span.end] == span.quote


def test_page_chrome_and_spam_are_dropped_and_the_info_bar_kept(rendered: Path) -> None:
    doc, _ = parse_document(rendered / "002_1d4cc66293008ec4.html")
    # 002 line 5: the info bar is page metadata; line 756: the link farm injected into the article
    dropped = {d.reason: d.span.quote for d in doc.dropped}
    assert list(dropped) == ["page metadata", "injected spam links"]
    assert dropped["page metadata"] == "發布時間:2021-12-24 09:13 信息來源:懷化市民政局"
    assert dropped["injected spam links"].startswith("亚洲高清国产拍精品青青草原 | 亚洲天堂久久精品 | ")
    for chrome in ("首页", "互动交流", "版权所有", "var _hmt", "首頁"):
        assert chrome not in doc.source.text
    assert (doc.metadata.date.value, doc.metadata.date.span.quote) == ("2021-12-24", "2021-12-24")
    pdf, _ = parse_document(rendered / "002_1d4cc66293008ec4.pdf")  # the PDF shows the chrome: the cleaner drops it
    assert Counter(d.reason for d in pdf.dropped) == Counter(
        {"page metadata": 1, "breadcrumb navigation": 1, "injected spam links": 1, "site footer": 1}
    )


@pytest.mark.parametrize("suffix", FORMATS)
def test_the_source_node_keeps_the_extracted_text_and_a_reload_replaces_the_graph(
    rendered: Path, tmp_path: Path, suffix: str
) -> None:
    store = open_store(tmp_path / "store")
    first = load_document(store, CORPUS / "001_e6d1326eb6e5ef17.txt")
    result = load_document(store, rendered / f"001_e6d1326eb6e5ef17{suffix}")
    assert result.ok and result.graph == first.graph  # the same plan: its graph is replaced, not doubled
    assert [file for _, file, _ in document_graphs(store)] == [f"001_e6d1326eb6e5ef17{suffix}"]
    assert source_of(store, result.graph) == read_source(rendered / f"001_e6d1326eb6e5ef17{suffix}").text
    for row in store.query(SPANS):
        start, end = int(row["start"].value), int(row["end"].value)
        assert row["text"].value[start:end] == row["exact"].value
    query = (
        SPARQL_PREFIXES
        + f"""SELECT ?f ?e WHERE {{ GRAPH <{result.graph}> {{
        ?s a pk:SourceDocument ; dct:format ?f ; pk:encoding ?e }} }}"""
    )
    assert [(r["f"].value, r["e"].value) for r in store.query(query)] == [
        {
            ".html": ("text/html", "utf-8"),
            ".pdf": ("application/pdf", "PDF text layer"),
            ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "utf-8 (docx XML)"),
            ".doc": ("application/msword", ".doc converted by LibreOffice"),
            ".rtf": ("application/rtf", ".rtf converted by LibreOffice"),
            ".odt": ("application/vnd.oasis.opendocument.text", ".odt converted by LibreOffice"),
        }[suffix]
    ]


NEW_PAGE = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<meta name="PubDate" content="2022-03-01 10:00"><meta name="ContentSource" content="某县民政局">
<style>p { margin: 0 }</style><script>document.write("统计代码")</script></head>
<body><div class="top-menu"><a href="/">网站首页</a><a href="/xxgk">信息公开</a></div>
<div id="position">当前位置:<a>首页</a> &gt; <a>规划计划</a></div>
<div id="zoom"><h1>某县“十四五”养老服务
体系建设规划</h1>
<p>第一章　总体要求</p><p>到2025年,养老服务体系更加健全。</p>
<table><tr><th>序号</th><th>指标</th><th>单位</th><th>2025年<br>目标值</th><th>属性</th></tr>
<tr><td>1</td><td>养老机构护理型床位占比</td><td>%</td><td>≥55</td><td>约束性</td></tr>
<tr><td>2</td><td>城市|农村</td><td></td><td>100</td><td>预期性</td></tr></table>
<div style="display:none"><a href="http://x.example">隐藏链接</a></div>
<ul><li><a href="/a/1.html">某县2021年养老工作要点</a></li><li><a href="/a/2.html">某县民政局2021年工作总结</a></li>
<li><a href="/a/3.html">关于开展养老机构检查的通知</a></li></ul></div>
<div class="footer"><p>版权所有 某县人民政府</p></div></body></html>"""


def test_a_page_never_seen_keeps_the_article_and_its_facts() -> None:
    assert html_to_text(NEW_PAGE, "page.html").split("\n\n") == [
        "发布时间:2022-03-01 10:00",
        "信息来源:某县民政局",
        "某县“十四五”养老服务体系建设规划",  # a source line break between Chinese characters is no space
        "第一章　总体要求",
        "到2025年,养老服务体系更加健全。",
        "序号 |\n指标 |\n单位 |\n2025年目标值 |\n属性 |\n1 |\n养老机构护理型床位占比 |\n% |\n≥55 |\n约束性 |\n"
        "2 |\n城市｜农村 |\n|\n100 |\n预期性 |\n",
    ]


def test_a_declared_charset_is_used_and_recorded(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(NEW_PAGE.encode("gb18030"))
    source = read_source(page)
    assert (source.encoding, source.media_type) == ("gb18030", "text/html")
    assert "某县“十四五”养老服务体系建设规划" in source.text


def docx_blocks(document, path: Path) -> list[str]:
    """The blocks (paragraphs, tables) docx_to_text reads from a python-docx document saved at path."""
    document.save(path)
    return docx_to_text(path.read_bytes(), path.name).split("\n\n")


def test_word_tables_read_a_merged_cell_once(tmp_path: Path) -> None:
    from docx import Document

    document = Document()
    document.add_heading("第一章 总体要求", level=1)
    document.add_paragraph("到2025年,养老服务体系更加健全。")
    table = document.add_table(rows=3, cols=3)
    for r, row in enumerate([["类别", "指标", "目标"], ["社会救助", "城乡低保标准", "≥5"], ["", "特困供养率", "100"]]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    table.cell(1, 0).merge(table.cell(2, 0))  # the category spans two rows, as in 002's second table
    assert docx_blocks(document, tmp_path / "plan.docx") == [
        "第一章 总体要求",
        "到2025年,养老服务体系更加健全。",
        "类别 |\n指标 |\n目标 |\n社会救助 |\n城乡低保标准 |\n≥5 |\n特困供养率 |\n100 |\n",
    ]


W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
MC_NS = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
WRAPPED_BODY = [  # 002 (中发〔2018〕1号) as Word wraps text: its opening lines, its red header; each wrapper named
    # a content control around a paragraph (a cover page or a template's field)
    "<w:sdt><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>中共中央 国务院关于实施乡村振兴战略的意见</w:t></w:r></w:p>"
    "</w:sdtContent></w:sdt>",
    # a smart tag around a date (files first written by Word 2003), a simple field and a field code
    '<w:p><w:r><w:t>（</w:t></w:r><w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="chsdate">'
    "<w:r><w:t>2018年1月2日</w:t></w:r></w:smartTag>"
    '<w:fldSimple w:instr="DOCPROPERTY x"><w:r><w:t>）</w:t></w:r></w:fldSimple>'
    '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
    '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>',
    # a tracked insertion and a tracked deletion
    "<w:p><w:r><w:t>一、新时代实施乡村振兴</w:t></w:r><w:ins><w:r><w:t>战略</w:t></w:r></w:ins>"
    "<w:del><w:r><w:delText>工作</w:delText></w:r></w:del><w:r><w:t>的重大意义</w:t></w:r></w:p>",
    # a text box, with the fallback older readers show
    '<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r>'
    "<w:t>中共中央文件</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict>"
    "<w:txbxContent><w:p><w:r><w:t>中共中央文件</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback>"
    "</mc:AlternateContent></w:r><w:r><w:t>中发〔2018〕1号</w:t></w:r></w:p>",
]


def test_a_word_table_that_lays_out_the_signature_is_read_as_its_paragraphs(tmp_path: Path) -> None:
    """006 (柘林镇, Markdown) written in Word with its signature and date set right in a table without borders (one
    filled cell a row), as many offices lay them out. Read as a table of data, its cells (|, …人民政府 |, |,
    2023年10月13日 |) were four more measures of the last section (19, not 15). A table whose rows hold one filled
    cell at most lays text out: its cells are paragraphs, and the file reads as the text."""
    from docx import Document

    markdown = REAL / "006_shanghai_zhelin_town_heritage_plan_2023.md"
    source = read_source(markdown).text
    lines = [line.strip() for line in markdown_view(source, split_lines(source)).text.splitlines() if line.strip()]
    word = Document()
    for line in lines[:-2]:
        word.add_paragraph(line)
    signature = word.add_table(rows=2, cols=2)
    signature.cell(0, 1).text, signature.cell(1, 1).text = lines[-2], lines[-1]
    word.save(tmp_path / "006.docx")
    doc, _ = parse_document(tmp_path / "006.docx")
    expected, _ = parse_document(markdown)
    assert lines[-2:] == ["上海市奉贤区柘林镇人民政府", "2023年10月13日"]
    assert doc.metadata.date is not None and doc.metadata.date.value == "2023-10-13"
    assert content(doc) == content(expected)
    assert [p.text for p in doc.passages] == [p.text for p in expected.passages]


@pytest.mark.parametrize("suffix", [".docx", ".html"])
def test_a_word_file_or_page_of_a_pdfs_lines_is_repaired_as_their_text_is(tmp_path: Path, suffix: str) -> None:
    """002 as a Word file or a web page made from a PDF (pasted, or converted by a PDF-to-Word tool; a page's text
    pasted into a site's editor, a <br> a line): each printed line of 32 characters a paragraph or line of its own.
    Each line after an item's first had been a passage of its own (494 passages, every measure cut to its first
    line); now the lines are repaired as the same lines in a text file are: the same 13 headings, 46 measures and
    27 passages as 002 itself, the same texts as the text file's."""
    from docx import Document

    original = REAL / "002_xiangcun_zhenxing_opinion_2018.txt"
    lines = [line.strip() for line in read_source(original).text.splitlines() if line.strip()]
    wrapped = [line[k : k + 32] for line in lines for k in range(0, len(line), 32)]
    if suffix == ".docx":
        word = Document()
        for line in wrapped:
            word.add_paragraph(line)
        word.save(tmp_path / "002.docx")
    else:
        page = "<br>".join(escape(line) for line in wrapped)
        (tmp_path / "002.html").write_text(f'<html><body><div class="content"><p>{page}</p></div></body></html>')
    (tmp_path / "002.txt").write_text("\n".join(wrapped) + "\n", encoding="utf-8")
    doc, _ = parse_document(tmp_path / f"002{suffix}")
    text, _ = parse_document(tmp_path / "002.txt")
    itself, _ = parse_document(original)
    assert (
        (len(doc.headings), len(doc.measures), len(doc.passages))
        == (13, 46, 27)
        == (
            len(itself.headings),
            len(itself.measures),
            len(itself.passages),
        )
    )
    assert [m.text for m in doc.measures] == [m.text for m in text.measures]
    assert [p.text for p in doc.passages] == [p.text for p in text.passages]
    assert all(doc.source.text[m.span.start : m.span.end] == m.span.quote for m in doc.measures)


def test_word_text_in_content_controls_smart_tags_insertions_and_text_boxes_is_read_once(tmp_path: Path) -> None:
    """Word wraps text that python-docx's paragraphs and body do not see; none of it may be lost or doubled, and
    deleted text and field codes are not the document's."""
    from docx import Document
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn

    document = Document()
    body = document.element.body
    for xml in WRAPPED_BODY:
        body.insert(len(body) - 1, parse_xml(f"<w:body {W_NS} {MC_NS}>{xml}</w:body>")[0])
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "到2020年"
    cell = table.cell(0, 1)._tc
    cell.remove(cell.find(qn("w:p")))
    cell.append(parse_xml(f"<w:p {W_NS}><w:ins><w:r><w:t>乡村振兴</w:t></w:r></w:ins><w:r><w:t>取得重要进展</w:t></w:r></w:p>"))
    assert docx_blocks(document, tmp_path / "wrapped.docx") == [
        "中共中央 国务院关于实施乡村振兴战略的意见",
        "（2018年1月2日）",
        "一、新时代实施乡村振兴战略的重大意义",
        "中共中央文件",
        "中发〔2018〕1号",
        "到2020年 |\n乡村振兴取得重要进展 |\n",
    ]


def test_word_list_numbers_are_written_as_word_shows_them(tmp_path: Path) -> None:
    from docx import Document
    from docx.oxml.ns import qn

    document = Document()
    # Number the template's "List Number" list the Chinese way: 一、 二、 at level 0
    num_id = document.styles["List Number"].element.pPr.numPr.numId.val
    numbering = document.part.numbering_part.element
    num = next(n for n in numbering.iterfind(qn("w:num")) if n.get(qn("w:numId")) == str(num_id))
    abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
    abstract = next(a for a in numbering.iterfind(qn("w:abstractNum")) if a.get(qn("w:abstractNumId")) == abstract_id)
    level = abstract.find(qn("w:lvl"))
    level.find(qn("w:numFmt")).set(qn("w:val"), "chineseCounting")
    level.find(qn("w:lvlText")).set(qn("w:val"), "%1、")
    document.add_paragraph("2021年是实施“十四五”规划的开局之年。")
    for text in ["深入学习贯彻党的十九届五中全会精神", "着力提升基本民生保障水平"] + ["完善社会救助"] * 9:
        document.add_paragraph(text, style="List Number")
    blocks = docx_blocks(document, tmp_path / "plan.docx")
    assert blocks[:3] == [
        "2021年是实施“十四五”规划的开局之年。",
        "一、 深入学习贯彻党的十九届五中全会精神",
        "二、 着力提升基本民生保障水平",
    ]
    assert [b.split(" ")[0] for b in blocks[1:]] == [
        "一、",
        "二、",
        "三、",
        "四、",
        "五、",
        "六、",
        "七、",
        "八、",
        "九、",
        "十、",
        "十一、",
    ]


def test_a_word_file_with_page_numbers_and_its_pdf_read_as_the_text(tmp_path: Path, parsed) -> None:
    """004 written with python-docx (one paragraph a line, a page number field in the footer); LibreOffice
    prints it to PDF, where the numbers stand alone at the foot of each page and must not become text."""
    from docx import Document
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    name = "004_816c855b418fc27c"
    document = Document()
    for line in (CORPUS / f"{name}.txt").read_text(encoding="utf-8").splitlines():
        if line.strip():
            document.add_paragraph(line.strip())
    footer = document.sections[0].footer.paragraphs[0]
    footer._p.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    document.save(tmp_path / f"{name}.docx")
    shutil.copy(CORPUS / f"{name}.meta.json", tmp_path)  # 004's title and region come from its sidecar
    libreoffice("pdf", [tmp_path / f"{name}.docx"], tmp_path)
    expected = content(parsed[f"{name}.txt"])
    for suffix in (".docx", ".pdf"):
        doc, _ = parse_document(tmp_path / f"{name}{suffix}")
        assert content(doc) == expected
    pdf_text = read_source(tmp_path / f"{name}.pdf").text
    from pdfminer.high_level import extract_text

    pages = extract_text(tmp_path / f"{name}.pdf").count("\f")
    assert pages >= 3  # 004's 48 lines fill several pages, each with its number
    assert not [block for block in pdf_text.split("\n\n") if block.strip().isdigit()]


REAL = Path(__file__).parent / "fixtures" / "real"


WPS = "application/wps-office.wps"


def test_a_real_document_as_word_97_wps_and_downloaded_without_a_suffix_reads_as_its_text(tmp_path: Path) -> None:
    """002 (中共中央 国务院, CRLF text) saved by LibreOffice as Word 97-2003, the format of many 附件; then the same
    file as WPS Office names its own (.wps), and under a download's name without a suffix, read as a .doc by its
    content."""
    text = tmp_path / "002.txt"
    shutil.copy(REAL / "002_xiangcun_zhenxing_opinion_2018.txt", text)
    libreoffice("doc:MS Word 97", [text], tmp_path, "--infilter=Text (encoded):UTF8,CRLF,,,")
    shutil.copy(tmp_path / "002.doc", tmp_path / "附件1")
    shutil.copy(tmp_path / "002.doc", tmp_path / "002.wps")  # WPS Office's .wps: Word 97-2003 at base
    expected = content(parse_document(text)[0])
    for name, media_type in (("002.doc", "application/msword"), ("附件1", "application/msword"), ("002.wps", WPS)):
        doc, _ = parse_document(tmp_path / name)
        assert content(doc) == expected
        suffix = ".wps" if name.endswith(".wps") else ".doc"
        assert (doc.source.media_type, doc.source.encoding) == (media_type, f"{suffix} converted by LibreOffice")
        for span in [h.span for h in doc.headings] + [m.span for m in doc.measures]:
            assert doc.source.text[span.start : span.end] == span.quote
    # as the text says (002 lines 1, 3 and the signature): title, date, issuers; 12 parts (一、 to 十二、), 46 measures
    assert expected["facts"] == ["中共中央 国务院关于实施乡村振兴战略的意见", "to-2050", "2018-01-02", None, "中共中央", "国务院"]
    assert (len(expected["chapters"]), len(expected["measures"])) == (12, 46)
    assert (expected["chapters"][0], expected["measures"][0]) == ("新时代实施乡村振兴战略的重大意义", "夯实农业生产能力基础。")


def test_a_real_document_as_a_pdf_without_indents_that_forbids_copying_reads_as_its_text(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """002 printed to PDF with no first-line indents and the permission flags many government PDFs set: a full line
    ending a paragraph is not run on into the next item (（二）实施质量兴农战略。 after a line that ran to the margin),
    and the flags neither stop the reading nor print pdfminer's message."""
    text = tmp_path / "002.txt"
    shutil.copy(REAL / "002_xiangcun_zhenxing_opinion_2018.txt", text)
    libreoffice("doc:MS Word 97", [text], tmp_path, "--infilter=Text (encoded):UTF8,CRLF,,,")
    restricted = '{"RestrictPermissions":{"type":"boolean","value":"true"},"PermissionPassword":{"type":"string","value":"x"}}'
    libreoffice(f"pdf:writer_pdf_Export:{restricted}", [tmp_path / "002.doc"], tmp_path)
    expected = content(parse_document(text)[0])
    with caplog.at_level(logging.WARNING):
        doc, _ = parse_document(tmp_path / "002.pdf")
    assert content(doc) == expected and caplog.records == []
    assert "推进物联网试验示范和遥感技术应用。\n（二）实施质量兴农战略。" in doc.source.text  # a line each, as in the text
    assert "实施质量兴农战略。" in [m.heading for m in doc.measures]


def test_plain_texts_printed_to_pdf_read_as_their_texts(tmp_path: Path) -> None:
    """Corpus 001, 002 (Traditional) and 003 printed by LibreOffice, a line a paragraph, left-aligned, no page numbers:
    - 003's indicator table, a cell a line, puts bare numbers first or last on a page (2025, 75, 85, the row numbers
      5 and 12); they do not count the pages, so they are cells, not page numbers: 16 rows as in the text;
    - paragraphs indented with spaces (not ink) are told from the line before that ran to the margin;
    - a chapter heading too long for its line goes on in the next (第二章 …推动困难群众和 / 特殊群体…);
    - a line ends short when what comes next is not cut: 城镇化率达到 / 72.14%, 服務規 / 范》20205月 (002's 《…規范》)."""
    names = ["001_e6d1326eb6e5ef17", "002_1d4cc66293008ec4", "003_1530986ba0a39128"]
    texts = []
    for name in names:
        shutil.copy(CORPUS / f"{name}.txt", tmp_path / f"{name}.txt")
        texts.append(tmp_path / f"{name}.txt")
    libreoffice("pdf:writer_pdf_Export", texts, tmp_path, "--infilter=Text (encoded):UTF8,LF,,,")
    for name, text in zip(names, texts, strict=True):
        expected = content(parse_document(text)[0])
        assert content(parse_document(tmp_path / f"{name}.pdf")[0]) == expected, name
    table = content(parse_document(tmp_path / "003_1530986ba0a39128.pdf")[0])["indicators"]
    assert len(table) == 16 and table[1] == ("2", "生活不能自理特困人员集中供养率", "%", "预期性", ["75", "85"])


def test_a_document_set_in_two_columns_reads_down_each_column(tmp_path: Path) -> None:
    """The Guangzhou opinion (tests/fixtures/structure/README.md) set in two columns, as a government gazette
    (公报) prints its documents, with its title across both: each column is read down before the next, a
    paragraph the column's foot cut goes on at the next column's head, and the title stays where it stands.
    Read line by line across the page, the two columns' lines ran together: 1 measure and 1 heading, not 53 and 5."""
    from copy import deepcopy

    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    page = FIXTURES / "structure" / "guangzhou_talent_cluster_opinion_2012.html"
    paragraphs = [line for line in read_source(page).text.splitlines() if line.strip()]
    word = Document()
    word.add_paragraph("关于推进人才集聚工程的实施意见").runs[0].font.size = Pt(16)  # the title, across the page
    below = word.sections[-1]._sectPr
    word.paragraphs[0]._p.get_or_add_pPr().append(deepcopy(below))  # one column down to the title
    for text in paragraphs:
        run = word.add_paragraph().add_run("\u3000\u3000" + text)
        run.font.size = Pt(10.5)
    kind = OxmlElement("w:type")  # then, on the same page, two columns
    kind.set(qn("w:val"), "continuous")
    below.insert(0, kind)
    for old in below.findall(qn("w:cols")):
        below.remove(old)
    columns = OxmlElement("w:cols")
    columns.set(qn("w:num"), "2")
    columns.set(qn("w:space"), "425")
    below.append(columns)
    word.save(tmp_path / "gazette.docx")
    libreoffice("pdf:writer_pdf_Export", [tmp_path / "gazette.docx"], tmp_path)
    expected = parse_document(page)[0]
    doc, _ = parse_document(tmp_path / "gazette.pdf")
    assert [m.text for m in doc.measures] == [m.text for m in expected.measures]
    assert [h.title for h in doc.headings] == [h.title for h in expected.headings]
    assert [(b.name, b.role) for m in doc.measures for b in m.bodies] == [
        (b.name, b.role) for m in expected.measures for b in m.bodies
    ]
    assert doc.source.text.startswith("关于推进人才集聚工程的实施意见\n")


def test_glyphs_drawn_twice_over_themselves_are_read_once(tmp_path: Path) -> None:
    """002 with its part headings shadowed, as producers that fake bold draw them: each glyph twice, a fraction of
    its size apart. The text layer held every character twice: the twelve parts were titled 、新新时时代代实实施施…
    (the 一一 read as a number) and 47 measures read instead of 46. It reads as the text."""
    from docx import Document
    from docx.oxml import OxmlElement

    text = tmp_path / "002.txt"
    shutil.copy(REAL / "002_xiangcun_zhenxing_opinion_2018.txt", text)
    word = Document()
    shadowed = 0
    for line in read_source(text).text.splitlines():
        run = word.add_paragraph().add_run(line)
        if PART_HEADING.match(line):
            run._element.get_or_add_rPr().append(OxmlElement("w:shadow"))
            shadowed += 1
    word.save(tmp_path / "002.docx")
    libreoffice("pdf:writer_pdf_Export", [tmp_path / "002.docx"], tmp_path)
    doc, _ = parse_document(tmp_path / "002.pdf")
    assert shadowed == 12 and "一、新时代实施乡村振兴战略的重大意义" in doc.source.text
    assert content(doc) == content(parse_document(text)[0])


@pytest.mark.parametrize("rules", ["none", "three lines"])
def test_a_table_without_column_rules_reads_cell_by_cell(tmp_path: Path, rules: str) -> None:
    """Corpus 003's indicator table (16 rows, read from its text) set in Word without borders, and as a three-line
    table (三线表: a rule above, one under the header, one below), printed by LibreOffice. Without rules between
    its columns there was no grid: each row's cells ran together (1城乡低保标% 6不低于居民预期性) and a wrapped
    cell's lines fell between the rows. The white strips down the columns give the grid: the same rows as the text."""
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    text = parse_document(CORPUS / "003_1530986ba0a39128.txt")[0]
    rows = [("序号", "指标名称", "单位", "2020年", "2025年", "属性")] + [
        (i.number, i.name, i.unit, *(v.as_written for v in i.values), i.attribute) for i in text.indicators
    ]
    word = Document()
    word.add_paragraph("一、主要指标")
    table = word.add_table(rows=len(rows), cols=6)
    if rules == "three lines":
        borders = OxmlElement("w:tblBorders")
        for edge, value in (("top", "single"), ("bottom", "single"), ("insideH", "nil"), ("insideV", "nil")):
            rule = OxmlElement(f"w:{edge}")
            rule.set(qn("w:val"), value)
            rule.set(qn("w:sz"), "12")
            borders.append(rule)
        table._tbl.tblPr.append(borders)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            cell = table.cell(r, c)
            cell.text = value
            if rules == "three lines" and r == 0:
                under = OxmlElement("w:tcBorders")
                rule = OxmlElement("w:bottom")
                rule.set(qn("w:val"), "single")
                under.append(rule)
                cell._tc.get_or_add_tcPr().append(under)
    word.add_paragraph("二、主要任务")
    word.add_paragraph("\u3000\u3000（一）加强社会救助。完善最低生活保障制度。")
    word.save(tmp_path / "table.docx")
    libreoffice("pdf:writer_pdf_Export", [tmp_path / "table.docx"], tmp_path)
    doc, _ = parse_document(tmp_path / "table.pdf")

    def rows_of(d: ParsedDocument) -> list[tuple]:
        return [(i.number, i.name, i.unit, i.attribute, [v.as_written for v in i.values]) for i in d.indicators]

    assert len(text.indicators) == 16 and rows_of(doc) == rows_of(text)
    assert [m.heading for m in doc.measures] == ["加强社会救助。"]


def test_a_page_of_the_usual_government_site_software_reads_as_its_text(tmp_path: Path) -> None:
    """The Guangzhou opinion (tests/fixtures/structure/README.md) as the content software most government sites run
    shows it (a TRS_Editor block with its own style sheet, paragraphs pasted from Word, MsoNormal spans), with a
    page-facts table, a signature, 版记 and the links to the previous and next article (上一篇：…, 下一篇：…) under it.
    The links had kept the signature from closing the text: （此件公开发布） and both links were passages."""
    fragment = FIXTURES / "structure" / "guangzhou_talent_cluster_opinion_2012.html"
    paragraphs = [line for line in read_source(fragment).text.splitlines() if line.strip()]
    body = "".join(
        f'<p class="MsoNormal" style="text-indent:2em"><span style="font-family:仿宋_GB2312">{escape(p)}</span></p>'
        for p in paragraphs
    )
    facts = "<tr><td>文号：</td><td>穗府〔2012〕15号</td><td>发文日期：</td><td>2012年08月01日</td></tr>"
    signature = "".join(
        f"<p>{line}</p>"
        for line in ("广州市人民政府", "2012年8月1日", "（此件公开发布）", "抄送：市委各部委，市人大常委会办公厅。")
    )
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>关于推进人才集聚工程的实施意见</title></head><body>"
        f'<table class="xxgk">{facts}</table><div class="TRS_Editor"><style type="text/css">.TRS_Editor P'
        "{margin-top:0px;line-height:1.8;font-family:宋体;}</style><p align=center><strong>广州市人民政府关于推进人才"
        f"集聚工程的实施意见</strong></p>{body}{signature}</div>"
        '<div class="pager">上一篇：<a href="#">关于做好春运工作的通知</a><br/>下一篇：<a href="#">关于加快发展'
        "现代服务业的意见</a></div></body></html>",
        encoding="utf-8",
    )
    doc, _ = parse_document(page)
    expected, _ = parse_document(fragment)
    assert [m.text for m in doc.measures] == [m.text for m in expected.measures]
    assert [p.text for p in doc.passages] == [p.text for p in expected.passages]
    assert (doc.metadata.date.value, doc.metadata.doc_number.value) == ("2012-08-01", "穗府〔2012〕15号")
    assert [d.span.quote[:4] for d in doc.dropped if d.reason == "article navigation"] == ["上一篇：", "下一篇："]


def test_a_web_page_saved_as_shtml_without_a_suffix_or_as_txt_reads_as_the_page(tmp_path: Path) -> None:
    """The gov.cn page of 国办发〔2018〕123号 as sites and browsers name pages: .shtml, the link's name, a .txt."""
    page = REAL / "008_guobanfa_2018_123_gov_new_media_opinion.html"
    expected = content(parse_document(page)[0])
    for name in ("content_5352666.shtml", "content_5352666", "content_5352666.txt"):
        shutil.copy(page, tmp_path / name)
        doc, _ = parse_document(tmp_path / name)
        assert content(doc) == expected
        assert doc.source.media_type == "text/html" and doc.source.text == read_source(page).text
    title, period, date, number = expected["facts"][:4]
    assert title == "国务院办公厅关于推进政务新媒体健康有序发展的意见"
    assert (period, date, number) == ("to-2022", "2018-12-07", "国办发〔2018〕123号")


def chromium_pdf(page: Path, out: Path) -> None:
    """Chromium (headless) prints a web page to PDF, as a browser's 打印 / 另存为 PDF does."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        missing_tool("Chromium")
    command = [chromium, "--headless", "--no-sandbox", "--disable-gpu", f"--print-to-pdf={out}", page.as_uri()]
    subprocess.run(command, check=True, capture_output=True, timeout=300)


def test_a_web_page_printed_to_pdf_by_a_browser_reads_as_the_page(tmp_path: Path) -> None:
    """The gov.cn page of 国办发〔2018〕123号 printed by Chromium: its fonts map common characters to Kangxi radicals and
    radical forms (⼀ U+2F00 for 一, ⺠ U+2EA0 for 民, ⽂ U+2F42 for 文), which the text layer holds. Read as they are,
    the PDF had no title, date, issuer or genre, 4 headings and 4 measures; read as the ideographs they stand for, it
    reads as the page: the same facts, parts and measures, spans on the text layer as it is."""
    page = REAL / "008_guobanfa_2018_123_gov_new_media_opinion.html"
    chromium_pdf(page, tmp_path / "008.pdf")
    doc, _ = parse_document(tmp_path / "008.pdf")
    assert "⼀、总体要求" in doc.source.text and "⼈⺠" in doc.source.text
    expected = content(parse_document(page)[0])
    assert content(doc) == expected
    title = "国务院办公厅关于推进政务新媒体健康有序发展的意见"
    assert expected["facts"][:4] == [title, "to-2022", "2018-12-07", "国办发〔2018〕123号"]
    first = doc.measures[0]
    assert first.text.startswith("（一）推进政务公开，强化解读回应。")
    assert first.span.quote.startswith("（⼀）推进政务公开，强化解读回应。")
    assert doc.source.text[first.span.start : first.span.end] == first.span.quote


def test_a_provincial_page_printed_to_pdf_reads_as_the_page(tmp_path: Path) -> None:
    """011 (the whole page of fgw.sc.gov.cn) printed by Chromium. The page spaces its lines a font size apart
    (line-height 2) and its paragraphs three: each wrapped line had been a paragraph of its own (38 measures, not 26).
    Its facts list spaces its labels (文 号 ： (川发改价格〔2025〕480号)), and its footer runs on in one line
    (网站标识码…（蜀ICP备…）…版权所有…), after 友情链接：…, 关于我们 | 法律声明 and the link 《…》政策解读. Now the PDF reads
    as the page: the same facts, headings, measures, passages and citations."""
    page = REAL / "011_sichuan_new_energy_price_reform_plan_2025.html"
    chromium_pdf(page, tmp_path / "011.pdf")
    doc, _ = parse_document(tmp_path / "011.pdf")
    html, _ = parse_document(page)
    assert content(doc) == content(html)
    assert doc.metadata.doc_number is not None and doc.metadata.doc_number.value == "川发改价格〔2025〕480号"
    assert [(p.kind, p.text) for p in doc.passages] == [(p.kind, p.text) for p in html.passages]
    assert [m.text for m in doc.measures] == [m.text for m in html.measures]
    dropped = {d.reason for d in doc.dropped}
    assert {"page metadata", "site footer", "related link"} <= dropped


def test_texts_set_as_official_pages_and_printed_by_a_browser_read_as_their_texts(tmp_path: Path) -> None:
    """Corpus 001, 002 (Traditional) and 003 set as an official document's page (a paragraph a line, each indented two
    characters by the page's style, none apart) and printed by Chromium. Their tables then give every cell a line with
    no blank line between: 序号 ran into the heading above it (第四节 主要指标 / 序号), each table read as one cell, and
    001's worded target, wrapped over four lines of its cell (不低于居 / 民上年度 / 人均消费 / 支出增速), read as four
    values; the font writes —— as ⸺ (U+2E3A). Before: 0, 3 and 0 indicator rows; now 20, 26 and 16, as the texts."""
    names = ["001_e6d1326eb6e5ef17", "002_1d4cc66293008ec4", "003_1530986ba0a39128"]
    style = "p { text-indent: 2em; margin: 0; } body { font-size: 16pt; line-height: 28pt; }"
    for name in names:
        lines = (CORPUS / f"{name}.txt").read_text(encoding="utf-8").splitlines()
        body = "".join(f"<p>{escape(line.strip())}</p>" for line in lines if line.strip())
        page = tmp_path / f"{name}.html"
        page.write_text(f'<html><head><meta charset="utf-8"><style>{style}</style></head><body>{body}</body></html>', "utf-8")
        chromium_pdf(page, tmp_path / f"{name}.pdf")
        shutil.copy(CORPUS / f"{name}.txt", tmp_path / f"{name}.txt")
        expected = content(parse_document(tmp_path / f"{name}.txt")[0])
        assert content(parse_document(tmp_path / f"{name}.pdf")[0]) == expected, name
    first = parse_document(tmp_path / "001_e6d1326eb6e5ef17.pdf")[0].indicators[0]
    assert [v.as_written for v in first.values] == ["不低于居民上年度人均消费支出增速"]
    assert first.values[0].span.quote == "不低于居\n⺠上年度\n⼈均消费\n⽀出增速"  # the text layer as it is


def test_text_extracted_from_a_pdf_a_line_then_a_blank_one_reads_as_the_text(tmp_path: Path) -> None:
    """Corpus 004 and the real 002 set as official pages (a paragraph a line, indented two characters), printed by
    Chromium, and their text layer extracted by pdfminer's extract_text (pdf2txt.py), as a user may keep a PDF: every
    printed line followed by a blank one, the indents gone, a form feed opening each page, and the page's font
    writing numbers in Kangxi radicals ((⼆⼗)、⼋、). Before: 004 read 216 passages and 38 measures, the real 002 589
    passages (each printed line a paragraph). Now both read as their texts: the blank lines space the lines and part
    nothing, a page's first line after its form feed runs on, an item numbered in radicals opens a paragraph, a
    sentence ending a full line before a line short by an indent ends its paragraph, and a line ending inside a
    sentence runs on though narrow marks or an indent make it short."""
    from pdfminer.high_level import extract_text

    style = "p { text-indent: 2em; margin: 0; } body { font-size: 16pt; line-height: 28pt; }"
    for source in (CORPUS / "004_816c855b418fc27c.txt", REAL / "002_xiangcun_zhenxing_opinion_2018.txt"):
        lines = source.read_text(encoding="utf-8").splitlines()
        body = "".join(f"<p>{escape(line.strip())}</p>" for line in lines if line.strip())
        page = tmp_path / f"{source.stem}.html"
        page.write_text(f'<html><head><meta charset="utf-8"><style>{style}</style></head><body>{body}</body></html>', "utf-8")
        chromium_pdf(page, tmp_path / f"{source.stem}.pdf")
        extracted = tmp_path / "extracted" / source.name
        extracted.parent.mkdir(exist_ok=True)
        extracted.write_text(extract_text(tmp_path / f"{source.stem}.pdf"), encoding="utf-8")
        assert "\n\n\f" in extracted.read_text(encoding="utf-8")  # a line, a blank one; a form feed opens a page
        shutil.copy(source, tmp_path / source.name)
        doc = parse_document(extracted)[0]
        text = parse_document(tmp_path / source.name)[0]
        assert content(doc) == content(text), source.name
        assert [p.text for p in doc.passages] == [p.text for p in text.passages], source.name
    first = parse_document(tmp_path / "extracted" / "004_816c855b418fc27c.txt")[0].measures[0]
    assert first.span.quote.startswith("(⼀)持续推动学习贯彻习近平新时代中国特⾊社会主义思想。把党的政治\n建设")  # as extracted


def web_archive(page: bytes, location: str, charset: str | None, transfer: str = "quoted-printable") -> bytes:
    """A page saved as one file (MHTML) as browsers and Word write it: MIME headers, a multipart/related body whose
    first part is the page, then its resources (here an image)."""
    import base64
    import quopri

    boundary = "----MultipartBoundary--x7Yz"
    body = quopri.encodestring(page) if transfer == "quoted-printable" else base64.encodebytes(page)
    kind = f'text/html; charset="{charset}"' if charset else "text/html"
    head = (
        f"From: <Saved by Blink>\r\nSnapshot-Content-Location: {location}\r\nSubject: =?utf-8?Q?page?=\r\n"
        f'MIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="{boundary}"\r\n\r\n'
        f"--{boundary}\r\nContent-Type: {kind}\r\nContent-Transfer-Encoding: {transfer}\r\n"
        f"Content-Location: {location}\r\n\r\n"
    )
    image = f"\r\n--{boundary}\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n"
    return head.encode("ascii") + body.replace(b"\n", b"\r\n") + image.encode("ascii") + f"--{boundary}--\r\n".encode("ascii")


def test_a_web_page_saved_as_one_file_reads_as_the_page(tmp_path: Path) -> None:
    """The gov.cn page of 国办发〔2018〕123号 saved as one file (MHTML): by a browser (.mhtml, UTF-8, quoted-printable),
    and as Word's single file web page in GB18030, base64, served under a .doc name, as government sites serve
    attachments. Before, the .mhtml read its MIME text (no policy content) and the .doc failed (not a Word 97-2003
    file); now both read as the page: the same facts, headings, measures and passages."""
    page = REAL / "008_guobanfa_2018_123_gov_new_media_opinion.html"
    location = "https://www.gov.cn/zhengce/content/2018-12/27/content_5352666.htm"
    (tmp_path / "content_5352666.mhtml").write_bytes(web_archive(page.read_bytes(), location, None))
    markup = page.read_text(encoding="utf-8").replace('charset="utf-8"', 'charset="gb18030"')
    word = web_archive(markup.encode("gb18030"), location, "gb18030", transfer="base64")
    (tmp_path / "附件.doc").write_bytes(word)
    expected, _ = parse_document(page)
    for name in ("content_5352666.mhtml", "附件.doc"):
        doc, _ = parse_document(tmp_path / name)
        assert content(doc) == content(expected), name
        assert [(p.kind, p.text) for p in doc.passages] == [(p.kind, p.text) for p in expected.passages], name
        assert doc.source.media_type == "multipart/related" and doc.source.text == expected.source.text
    assert read_source(tmp_path / "附件.doc").encoding == "gb18030 (MHTML)"
    (tmp_path / "empty.mhtml").write_bytes(web_archive(b"", location, None).replace(b"text/html", b"text/plain", 1))
    with pytest.raises(LoadError, match=r"empty\.mhtml: a web page saved as one file \(MHTML\) holding no HTML page"):
        read_source(tmp_path / "empty.mhtml")


def test_a_word_file_saved_as_a_web_page_states_no_date_of_its_file(tmp_path: Path) -> None:
    """Corpus 004 as a Word file (a paragraph a line, indented 　　) saved as a web page by LibreOffice: the page says
    <meta name="created" content="…"> with the file's creation time, as office suites write it. The text states no
    date; before, the page was dated by its file (2013-12-23, python-docx's template). Now it reads as the text: the
    same facts (no date), headings and measures."""
    from docx import Document

    source = CORPUS / "004_816c855b418fc27c.txt"
    word = Document()
    for line in source.read_text(encoding="utf-8").splitlines():
        if line.strip():
            word.add_paragraph("\u3000\u3000" + line.strip())
    word.save(tmp_path / "004.docx")
    libreoffice("html:HTML (StarWriter)", [tmp_path / "004.docx"], tmp_path)
    page = tmp_path / "004.html"
    assert '<meta name="created" content="2013-12-23T23:15:00"/>' in page.read_text(encoding="utf-8")
    shutil.copy(source, tmp_path / "004.txt")  # without its sidecar, as the page is
    doc, _ = parse_document(page)
    assert doc.metadata.date is None
    assert content(doc) == content(parse_document(tmp_path / "004.txt")[0])


def test_a_provincial_departments_page_printed_to_pdf_reads_as_the_page(tmp_path: Path) -> None:
    """025 (the whole page of 重庆市经济和信息化委员会) printed by Chromium. The plan's title wraps before its period
    (…政策措施 / （2025—2027年）); under the text the page lists its links (中国政府网, 工业和信息化部网站, 市级部门相关网站
    then the departments' names run on across lines, 委属单位网站 …), says who publishes it (…委员会发布), its 公网安备
    number wrapped onto a line (50019002501621号), its address (…邮政编码：401121 电话：…) and 官方微信. Before, the title
    lost its period, 20 lines of links were passages, and the address was the last task of part 六, whose own
    paragraph and the closing provisions became leads. Now the PDF reads as the page."""
    page = REAL / "025_chongqing_ncv_industry_policy_measures_2025.html"
    chromium_pdf(page, tmp_path / "025.pdf")
    doc, _ = parse_document(tmp_path / "025.pdf")
    html, _ = parse_document(page)
    assert content(doc) == content(html)
    title = doc.metadata.title
    assert title is not None and title.value == "重庆市支持智能网联新能源商用车产业发展政策措施（2025—2027年）"
    assert [(p.kind, p.role, p.text) for p in doc.passages] == [(p.kind, p.role, p.text) for p in html.passages]
    assert [m.text for m in doc.measures] == [m.text for m in html.measures]
    dropped = {as_ideographs(d.span.quote): d.reason for d in doc.dropped}
    assert dropped["市级部门相关网站"] == dropped["中国政府网"] == dropped["50019002501621号"] == "site footer"
    assert dropped["官方微信"] == "page widget" and "" not in dropped  # a blank line between links is no dropped text


def test_a_departments_page_saved_as_word_reads_as_the_page(tmp_path: Path) -> None:
    """025's page saved as a Word file by LibreOffice: each list of links under its label (市级部门相关网站) is one
    paragraph of names run on with spaces, over 300 characters. It was read as 3 more measures after the closing
    provisions, which became a measure too; now the Word file reads as the page."""
    page = REAL / "025_chongqing_ncv_industry_policy_measures_2025.html"
    shutil.copy(page, tmp_path / "025.html")
    libreoffice("docx:MS Word 2007 XML", [tmp_path / "025.html"], tmp_path)
    doc, _ = parse_document(tmp_path / "025.docx")
    html, _ = parse_document(page)
    assert content(doc) == content(html)
    assert [(p.kind, p.role, p.text) for p in doc.passages] == [(p.kind, p.role, p.text) for p in html.passages]
    assert [m.text for m in doc.measures] == [m.text for m in html.measures]


def test_a_page_printed_with_the_browsers_header_and_footer_keeps_its_paragraphs(tmp_path: Path) -> None:
    """027 (the gov.cn page of 国发〔2018〕43号, a 决定 in one paragraph) printed by Chromium with its header and footer:
    the date at the top and the page's address across the foot, in a smaller size, and the page's 扫一扫在手机打开当前页
    left of the text. By them the margins were wider than the text's, every line of the paragraph looked indented and
    short, and the paragraph came out as its 9 printed lines. Now it is one paragraph, as on the page.
    The page's facts box sets its labels in cells so narrow that they wrap (索 引 / 号：), two label-value pairs a
    row and the 标题 across three columns: read line by line its halves interleaved (索引主题分 / 000014349/2018-
    00222卫生、体育 / 号：类：), the title was 标  国务院关于…《中华人民共和国药题：品管理法实施条例》…, and five
    measures were label halves. Read by its cells (loaders.pdf_facts) it gives the page's facts, one a line, and
    the address Chromium prints at the foot (file:///…/027_….html 1/1) is no measure: the PDF reads as the page."""
    page = REAL / "027_guofa_2018_43_boao_lecheng_drug_regulation_decision.html"
    chromium_pdf(page, tmp_path / "027.pdf")
    lines = as_ideographs(read_source(tmp_path / "027.pdf").text).splitlines()
    paragraph = next(line for line in lines if line.startswith("为进一步支持海南省试点发展国际医疗旅游相关产业"))
    assert paragraph.endswith("报国务院药品监督管理部门和国务院卫生主管部门同意后实施。")
    assert paragraph == next(m.text for m in parse_document(page)[0].measures)
    assert lines[lines.index("索引号：000014349/2018-00222") :][:8] == [
        "索引号：000014349/2018-00222",
        "主题分类：卫生、体育\\医药管理",
        "发文机关：国务院",
        "成文日期：2018年12月21日",
        "标题：国务院关于在海南博鳌乐城国际医疗旅游先行区暂时调整实施《中华人民共和国药品管理法实施条例》有关规定的决定",
        "发文字号：国发〔2018〕43号",
        "发布日期：2018年12月29日",
        "主题词：",
    ]
    doc, html = parse_document(tmp_path / "027.pdf")[0], parse_document(page)[0]
    facts = ("title", "date", "doc_number", "doc_type")
    assert [getattr(doc.metadata, f).value for f in facts] == [getattr(html.metadata, f).value for f in facts]
    assert [getattr(doc.metadata, f).value for f in facts] == [
        "国务院关于在海南博鳌乐城国际医疗旅游先行区暂时调整实施《中华人民共和国药品管理法实施条例》有关规定的决定",
        "2018-12-21",
        "国发〔2018〕43号",
        "decision",
    ]
    assert [i.value for i in doc.metadata.issuers] == ["国务院"]
    assert [m.text for m in doc.measures] == [m.text for m in html.measures] and not doc.passages
    assert "printed page address" in {d.reason for d in doc.dropped}


def test_a_county_page_printed_to_pdf_leaves_its_link_lists_out(tmp_path: Path) -> None:
    """023 (the whole page of a county-level site) printed by Chromium. Under the text the page lists its links,
    a name a line once printed (省市政府网站 / 福建省人民政府 / …; 友情链接 / 人民网 / …; 新媒体矩阵 / 平潭发布 / …),
    with 扫一扫在手机上查看当前页面, 使用帮助 | 联系我们 | …, the 党政机关 mark and a note on browsers: 52 passages of
    the page's chrome. Now the PDF has the page's passages and measures."""
    page = REAL / "023_pingtan_social_affairs_rule_of_law_key_points_2023.html"
    chromium_pdf(page, tmp_path / "023.pdf")
    doc, _ = parse_document(tmp_path / "023.pdf")
    html, _ = parse_document(page)
    assert [p.text for p in doc.passages] == [p.text for p in html.passages]
    assert [m.heading for m in doc.measures] == [m.heading for m in html.measures]
    footer = [as_ideographs(d.span.quote) for d in doc.dropped if d.reason == "site footer"]  # 政府⽹站: the text layer
    assert {"省市政府网站", "福建省人民政府", "友情链接", "人民网", "新媒体矩阵", "闽政通APP"} <= set(footer)


def test_printed_page_facts_footers_and_links_are_no_plan_text() -> None:
    """Lines a printed page puts around the text (011 as Chromium prints it), one by one."""
    assert classify_line("文 号 ： (川发改价格〔2025〕480号)") == "metadata"
    assert classify_line("有 效 性 ： 有效") == "metadata"
    assert classify_line("目 标：到2025年建成") is None  # spaced, but no label of a page's facts
    footer = "网站标识码：5100000018（蜀ICP备12016782号-10）川公网安备51010402000507号四川省发展和改革委员会版权所有，如需转载"
    assert classify_line(footer) == "site footer"
    assert classify_line("友情链接：领导机关部门管理单位相关链接") == "site footer"
    assert classify_line("关于我们 | 法律声明") == "site footer"
    assert classify_line("《四川省深化新能源上网电价市场化改革实施方案》政策解读") == "related link"
    assert classify_line("《四川省深化新能源上网电价市场化改革实施方案》已经省政府同意") is None


def test_the_record_a_printed_official_document_ends_with_is_no_plan_text() -> None:
    """The 版记 of GB/T 9704 (the layout of official documents): the copy list and the printing line."""
    assert classify_line("抄送：各省、自治区、直辖市人民政府，国务院各部委、各直属机构。") == "document record"
    assert classify_line("国务院办公厅秘书局                          2018年2月4日印发") == "document record"
    assert classify_line("（共印120份）") == "document record"
    assert classify_line("2018年2月4日") is None  # a signature's date stays
    assert classify_line("各地要在2018年2月4日印发实施方案后，抓紧组织落实，确保各项任务按期完成。") is None


def test_a_file_that_is_not_what_its_name_says_fails_naming_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "plan.doc").write_text("一、总体要求\n", encoding="utf-8")  # text named .doc: LibreOffice would take it
    (tmp_path / "plan.rtf").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    with pytest.raises(LoadError, match=r"^plan\.doc: not a Word 97-2003 \(\.doc\) file: the content does not start like one$"):
        read_source(tmp_path / "plan.doc")
    with pytest.raises(LoadError, match=r"^plan\.rtf: not an RTF file: the content does not start like one$"):
        read_source(tmp_path / "plan.rtf")
    (tmp_path / "plan.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    monkeypatch.setattr(shutil, "which", lambda _: None)
    with pytest.raises(LoadError) as raised:
        read_source(tmp_path / "plan.doc")
    assert str(raised.value) == (
        "plan.doc: reading a Word 97-2003 (.doc) file needs LibreOffice (soffice on PATH); or save it as .docx, .pdf or .txt"
    )


def test_a_folder_gives_its_pages_and_office_files_and_names_what_it_skips(tmp_path: Path) -> None:
    for name in ("a.shtml", "b.doc", "c.rtf", "d.odt", "e.txt", "f.wps", "g.mhtml", "notes.md", "scan.jpg"):
        (tmp_path / name).write_bytes(b"x")
    found = gather([tmp_path])
    assert [p.name for p in found.files] == ["a.shtml", "b.doc", "c.rtf", "d.odt", "e.txt", "f.wps", "g.mhtml"]
    documents = ".doc, .docx, .htm, .html, .mht, .mhtml, .odt, .pdf, .rtf, .shtml, .txt, .wps, .xhtml"
    assert found.skipped == [f"{tmp_path}: notes.md, scan.jpg: not documents ({documents})"]
