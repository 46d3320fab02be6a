"""Markdown documents are read without their markup, with spans on the Markdown file itself."""

from __future__ import annotations

from pathlib import Path

from plankg.loaders.clean import split_lines
from plankg.loaders.markdown import markdown_view
from plankg.loaders.pipeline import parse_document
from plankg.loaders.read import read_source
from plankg.loaders.records import ParsedDocument, Span
from plankg.loading.documents import bundled_corpus

REAL = Path(__file__).parent / "fixtures" / "real"
YANGPU = REAL / "004_shanghai_yangpu_industrial_heritage_measures_2023.md"


def _view(text: str):
    return markdown_view(text, split_lines(text))


def test_front_matter_facts_stay_and_index_data_and_the_note_are_set_aside_with_their_reason() -> None:
    source = read_source(YANGPU)
    view = _view(source.text)
    assert source.media_type == "text/markdown"
    lines = [ln.strip() for ln in view.text.splitlines() if ln.strip()]
    assert lines[:4] == [
        "标题: 关于印发《关于推进上海杨浦生活秀带国家文物保护利用示范区长效建设加强工业遗产保护传承活化利用的若干举措》的通知",
        "文号: 杨府发〔2023〕10号",
        "发布日期: 2023-10-23",
        "分类: 城市更新与历史保护",
    ]
    assert [source.text[a:b] for _, a, b in view.removed] == [
        "发布单位: 上海市杨浦区人民政府办公室",
        "层级: 区级",
        "类型: 通知公告",
        "状态: 有效",
        "官方链接: https://www.shanghai.gov.cn/zhengce/detail?businessId=0077d021f040ca9232d610dfb3c7556a02dd&siteId=0077",
        "> 本文正文由脚本自上海市官方公开页面提取，仅供检索查阅；以[官方链接](https://www.shanghai.gov.cn/zhengce/detail?"
        "businessId=0077d021f040ca9232d610dfb3c7556a02dd)发布版本为准。&siteId=0077",
        "> 依《中华人民共和国著作权法》第五条第一项，具有立法、行政、司法性质的文件不适用著作权法。",
    ]
    assert [reason for reason, _, _ in view.removed] == ["Markdown front matter"] * 5 + ["Markdown note before the title"] * 2
    assert "著作权法" not in view.text  # the converter's note cites a law the document does not


def test_heading_marks_are_left_out_and_spans_map_back_to_the_file() -> None:
    source = read_source(YANGPU)
    view = _view(source.text)
    title = "关于印发《关于推进上海杨浦生活秀带国家文物保护利用示范区长效建设加强工业遗产保护传承活化利用的若干举措》的通知"
    assert f"\n{title}\n" in view.text  # line 17 of the file is "# " + the title
    at = view.text.index(f"\n{title}\n") + 1
    span = view.span(source.text, Span.of(view.text, at, at + len(title)))
    assert source.text[span.start - 2 : span.end] == f"# {title}"
    assert span.quote == title


def test_emphasis_links_images_rules_and_quote_marks_are_markup() -> None:
    text = "# 标题\n\n---\n\n> 说明\n\n**（一）加强保护。**详见[通知](http://example.org/a)。![图](x.png)\n\n|---|---|\n"
    view = _view(text)
    assert view.text.splitlines() == ["标题", "", "", "", "说明", "", "（一）加强保护。详见通知。", "", ""]
    start = view.text.index("详见通知")
    assert view.span(text, Span.of(view.text, start, start + 4)).quote == "详见[通知"


def test_a_quote_is_the_documents_own_text_unless_it_stands_before_the_first_heading() -> None:
    after_title = _view("# 关于印发某方案的通知\n\n> 依据《某某规划》制定。\n")
    assert "依据《某某规划》制定。" in after_title.text and not after_title.removed
    no_heading = _view("> 依据《某某规划》制定。\n\n一、总体要求\n")
    assert "依据《某某规划》制定。" in no_heading.text and not no_heading.removed
    before_title = _view("> 本文由脚本提取。\n\n# 关于印发某方案的通知\n")
    assert [reason for reason, _, _ in before_title.removed] == ["Markdown note before the title"]
    assert before_title.text.split() == ["关于印发某方案的通知"]


def test_a_comparison_at_the_start_of_a_line_is_no_quote_mark() -> None:
    """019 line 233 is the table cell >75 (a converter left it unescaped): a number follows the >, so it is the
    value's comparison; > followed by a space is a quote mark as before."""
    view = _view("# 某某规划纲要\n\n养老机构护理型床位占比\n\n>75\n\n>.5\n\n> 75\n")
    assert view.text.splitlines() == ["某某规划纲要", "", "养老机构护理型床位占比", "", ">75", "", ">.5", "", "75"]


def test_a_markdown_table_of_indicators_reads_row_by_row(tmp_path: Path) -> None:
    """Corpus 003's indicator table (16 rows, read from its text) written as a Markdown table, as converters
    (pandoc, and most Word-to-Markdown tools) write one: | 序号 | 指标名称 | … |, a rule line, a row a line. Each
    row of six cells had been dropped as a line of injected spam links (short texts between bars) and the box
    read as empty; the rows are read as the text's, their spans on the Markdown file."""
    text = parse_document(bundled_corpus() / "003_1530986ba0a39128.txt")[0]
    rows = [("序号", "指标名称", "单位", "2020年", "2025年", "属性")] + [
        (i.number, i.name, i.unit, *(v.as_written for v in i.values), i.attribute) for i in text.indicators
    ]
    table = ["| " + " | ".join(row) + " |" for row in rows]
    table.insert(1, "|" + "---|" * 6)
    page = tmp_path / "plan.md"
    head = "# 某区民政事业发展“十四五”规划\n\n## 一、主要指标\n\n**专栏1 “十四五”时期民政事业发展主要指标**\n\n"
    tail = "\n\n## 二、主要任务\n\n（一）加强社会救助。完善最低生活保障制度。\n"
    page.write_text(head + "\n".join(table) + tail, encoding="utf-8")
    doc = parse_document(page)[0]

    def rows_of(d: ParsedDocument) -> list[tuple]:
        return [(i.number, i.name, i.unit, i.attribute, [v.as_written for v in i.values]) for i in d.indicators]

    assert len(text.indicators) == 16 and rows_of(doc) == rows_of(text)
    assert all(doc.source.text[i.span.start : i.span.end] == i.span.quote for i in doc.indicators)
    assert doc.indicators[1].span.quote.startswith("2 | 生活不能自理特困人员集中供养率 | % | 75 | 85 | 预期性")
    assert not [d for d in doc.dropped if d.reason == "injected spam links"]


def test_an_html_table_in_markdown_reads_as_a_web_pages_table(tmp_path: Path) -> None:
    """Corpus 003's indicator table (16 rows, read from its text) as a PDF-to-Markdown converter (MinerU) writes
    one: the whole table on one line of HTML, <table><tr><td>序号</td>…</tr>…</table>. It had been one statement
    passage, tags and all, and no indicator; its cells now read as a web page's table does (a cell a line closed by
    a bar), the rows as the text's, each row's span on the Markdown file (its tags inside it)."""
    text = parse_document(bundled_corpus() / "003_1530986ba0a39128.txt")[0]
    rows = [("序号", "指标名称", "单位", "2020年", "2025年", "属性")] + [
        (i.number, i.name, i.unit, *(v.as_written for v in i.values), i.attribute) for i in text.indicators
    ]
    table = "<table>" + "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows) + "</table>"
    page = tmp_path / "plan.md"
    head = "# 某区民政事业发展“十四五”规划\n\n## 一、主要指标\n\n专栏1 “十四五”时期民政事业发展主要指标\n\n"
    tail = "\n\n## 二、主要任务\n\n（一）加强社会救助。完善最低生活保障制度。\n"
    page.write_text(head + table + tail, encoding="utf-8")
    doc = parse_document(page)[0]

    def rows_of(d: ParsedDocument) -> list[tuple]:
        return [(i.number, i.name, i.unit, i.attribute, [v.as_written for v in i.values]) for i in d.indicators]

    assert len(text.indicators) == 16 and rows_of(doc) == rows_of(text)
    assert all(doc.source.text[i.span.start : i.span.end] == i.span.quote for i in doc.indicators)
    cells = ["2", "生活不能自理特困人员集中供养率", "%", "75", "85", "预期性"]
    assert doc.indicators[1].span.quote == "</td><td>".join(cells)
    assert [m.text for m in doc.measures] == ["（一）加强社会救助。完善最低生活保障制度。"] and not doc.passages


def test_an_html_tables_cells_lose_their_tags_and_an_empty_cell_is_a_bare_bar() -> None:
    """Headers in <th>, a cell wrapped over lines and broken by <br>, an empty cell and the table set out over lines
    with indents, as converters also write: a cell a line in the view, every character of it from the file."""
    text = "表1\n\n<table>\n  <tr><th>指标</th><th>2025年</th></tr>\n  <tr><td>养老<br/>床位</td><td></td></tr>\n</table>\n"
    view = _view(text)
    assert view.text.splitlines()[2:] == ["指标 |", "2025年 |", "养老床位 |", "|"]
    start = view.text.index("养老床位")
    assert view.span(text, Span(start, start + 4, "养老床位")).quote == "养老<br/>床位"
