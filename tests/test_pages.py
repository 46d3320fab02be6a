"""A real document published on a government web page reads as the same plan as its clean text.

The pages (tests/pages.py) wrap real texts in the layouts real sites use: gov.cn's 国务院文件 page around the
中共中央 国务院 意见 of tests/fixtures/real, and an older provincial 政府信息公开
page, laid out in tables, around the corpus's 辽宁 plan with its publication notice and indicator table.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from plankg.loaders.clean import clean
from plankg.loaders.extract import extract_citations, extract_measures_and_projects
from plankg.loaders.html import html_to_text
from plankg.loaders.pipeline import parse_document
from plankg.loaders.read import read_source
from plankg.loaders.segment import segment
from plankg.loading.documents import bundled_corpus
from tests.pages import gov_cn_page, provincial_page
from tests.test_formats import content

CORPUS = bundled_corpus()
REAL = Path(__file__).parent / "fixtures" / "real"
OPINION = "002_xiangcun_zhenxing_opinion_2018.txt"
OPINION_TITLE = "中共中央 国务院关于实施乡村振兴战略的意见"
GOV_FACTS = [
    ("索引号", "000013070/2018-00010"),
    ("主题分类", "农业、林业、水利\\其他"),
    ("发文机关", "中共中央 国务院"),
    ("成文日期", "2018年01月02日"),
    ("标题", OPINION_TITLE),
    ("发文字号", ""),
    ("发布日期", "2018年02月04日"),
]
LIAONING = "001_e6d1326eb6e5ef17"
LIAONING_FACTS = [
    ("索引号", "11210000MB0Y42021E/2021-00033"),
    ("分类", "民政"),
    ("发文机关", "辽宁省民政厅"),
    ("成文日期", "2021年09月06日"),
    ("文号", "辽民发〔2021〕33号"),
    ("发布日期", "2021年09月13日"),
]


def _real(name: str) -> Path:
    return REAL / name


def parts(text: str) -> dict:
    """What the structure and extract stages read in a text: headings, measures, projects, citations."""
    cleaned = clean(text)
    seg = segment(text, cleaned.content)
    first = min((h.span.start for h in seg.headings), default=len(text))
    tasks_start = max((t.lines[-1].end for t in seg.tables if t.lines), default=0)
    measures, projects, passages = extract_measures_and_projects(text, seg.paragraphs, seg.headings, tasks_start)
    citations = extract_citations(text, [(ln.start, ln.end) for ln in cleaned.content])
    spans = [h.span for h in seg.headings] + [m.span for m in measures] + [c.span for c in citations] + [p.span for p in passages]
    assert all(text[s.start : s.end] == s.quote for s in spans)
    return {
        "headings": [(h.kind, h.number, h.title) for h in seg.headings],
        "measures": [(m.number, m.heading, m.text) for m in measures],
        "passages": [(p.kind, p.role, p.number, p.text) for p in passages],
        "projects": [p.title for p in projects],
        "citations": [c.title for c in citations],
        "lead": [ln.stripped for ln in cleaned.content if ln.start < first and ln.stripped],
    }


def test_a_gov_cn_page_reads_as_its_clean_text(tmp_path: Path) -> None:
    text = read_source(_real(OPINION)).text
    markup = gov_cn_page(text, OPINION_TITLE, GOV_FACTS)
    page = html_to_text(markup, "page.html")
    got, expected = parts(page), parts(text)
    assert got == expected
    (tmp_path / "opinion.html").write_text(markup, encoding="utf-8")
    doc, region = parse_document(tmp_path / "opinion.html")
    text_doc, text_region = parse_document(_real(OPINION))
    assert content(doc) == content(text_doc) and region == text_region
    # the page's 成文日期 and the text's date line (line 2) state the same day
    assert (doc.metadata.date.value, doc.metadata.date.span.quote) == ("2018-01-02", "2018年01月02日")
    assert got["lead"][:2] == [OPINION_TITLE, "（2018年1月2日）"]  # lines 1-2 of the text
    cleaned = clean(page)
    # the metadata table: one labelled line a fact, labels without their spacing, the empty 发文字号 left out
    assert [ln.text for ln in cleaned.metadata] == [
        "索引号：000013070/2018-00010",
        "主题分类：农业、林业、水利\\其他",
        "发文机关：中共中央 国务院",
        "成文日期：2018年01月02日",
        f"标题：{OPINION_TITLE}",
        "发布日期：2018年02月04日",
        "2018-02-04 20:13 来源： 新华社",
    ]
    # the print bar is a bar of short links only (its class names nothing: sites give "print" to the article too)
    assert [(d.reason, d.span.quote) for d in cleaned.dropped if d.reason != "page metadata"] == [
        ("editor credit", "【责任编辑：王某】")
    ]
    for chrome in (
        "首页",
        "国务院文件",
        "分享到",
        "纠错",
        "打印",
        "相关稿件",
        "解读",
        "推广链接",
        "版权所有",
        "_hmt",
        "line-height",
    ):
        assert chrome not in page
    assert page.count(OPINION_TITLE) == 2  # the 标题 fact and the document's title line: the <h1> repeat is gone


@pytest.mark.parametrize("facts_as", ["table", "dl", "bar"])
def test_a_provincial_page_with_a_notice_loads_as_the_same_plan(tmp_path: Path, parsed, facts_as: str) -> None:
    text = read_source(CORPUS / f"{LIAONING}.txt").text
    page = tmp_path / f"{LIAONING}.html"
    title = "辽宁省民政厅 辽宁省发展和改革委员会关于印发《辽宁省民政事业发展第十四个五年规划》的通知"
    page.write_text(provincial_page(text, title, LIAONING_FACTS, facts_as), encoding="utf-8")
    doc, region = parse_document(page)
    assert content(doc) == content(parsed[f"{LIAONING}.txt"])
    got, expected = parts(doc.source.text), parts(text)
    # the page shows the notice's title on one line above the text, which the scraped text lacks
    assert got["citations"] == ["辽宁省民政事业发展第十四个五年规划", *expected["citations"]]
    assert {k: v for k, v in got.items() if k not in ("citations", "lead")} == {
        k: v for k, v in expected.items() if k not in ("citations", "lead")
    }
    assert region.name == "辽宁省"
    # the notice as the text has it (001 lines 5-19): 文号, issuers, title over two lines, addressees, signature
    lead = got["lead"]
    assert lead[:5] == [
        "辽宁省民政厅 辽宁省发展和改革委员会关于印发《辽宁省民政事业发展第十四个五年规划》的通知",
        "辽民发〔2021〕33号",
        "省民政厅 省发展改革委",
        "关于印发《辽宁省民政事业发展",
        "第十四个五年规划》的通知",
    ]
    assert lead[1:] == expected["lead"]
    assert "各市民政局、发展改革委,沈抚示范区社会事业局、发展改革局:" in lead
    assert [d.span.quote for d in doc.dropped if d.reason == "page metadata"] == [f"{k}：{v}" for k, v in LIAONING_FACTS]
    for span in [h.span for h in doc.headings] + [m.span for m in doc.measures] + [i.span for i in doc.indicators]:
        assert doc.source.text[span.start : span.end] == span.quote
    kept = "\n".join(ln.text for ln in clean(doc.source.text).content)
    for chrome in ("当前位置", "办事服务", "字体", "打印本页", "jquery", "doZoom", "TRS_Editor", "版权所有"):
        assert chrome not in kept
    # the text's own chrome (001 lines 1-3) and the widget bar of two links the page leaves in are set aside
    assert [(d.reason, d.span.quote) for d in doc.dropped if d.reason != "page metadata"] == [
        (d.reason, d.span.quote) for d in parsed[f"{LIAONING}.txt"].dropped
    ] + [("page widget", "【打印本页】 【关闭窗口】")]


def test_a_layout_table_is_read_as_its_blocks_and_a_data_table_as_cells() -> None:
    page = """<html><body><table><tr><td><p>第一章 总体要求</p><p>到2025年,养老服务体系更加健全。</p>
    <table><tr><th>指标</th><th>单位</th></tr><tr><td>养老机构护理型床位占比</td><td>%</td></tr></table>
    <p>完善兜底保障。</p></td></tr></table></body></html>"""
    assert html_to_text(page, "p.html").rstrip("\n").split("\n\n") == [
        "第一章 总体要求",
        "到2025年,养老服务体系更加健全。",
        "指标 |\n单位 |\n养老机构护理型床位占比 |\n% |",
        "完善兜底保障。",
    ]


def test_page_facts_on_one_bar_are_one_line_each() -> None:
    page = """<html><body><div class="info">发文机关：成都市人民政府办公厅&nbsp;&nbsp;成文日期：2022年06月20日
    <br>文号：成办发〔2022〕30号 生效时间：2022年06月20日</div><p>一、总体要求</p></body></html>"""
    assert html_to_text(page, "p.html").rstrip("\n").split("\n\n") == [
        "发文机关：成都市人民政府办公厅",
        "成文日期：2022年06月20日",
        "文号：成办发〔2022〕30号",
        "生效时间：2022年06月20日",
        "一、总体要求",
    ]


def test_a_real_gov_cn_page_yields_its_facts_and_the_notice_text() -> None:
    """tests/fixtures/real/008 (FACTS.md): the www.gov.cn page of 国办发〔2018〕123号."""
    source = read_source(Path(__file__).parent / "fixtures" / "real" / "008_guobanfa_2018_123_gov_new_media_opinion.html")
    cleaned = clean(source.text)
    # HTML lines 10-28: the metadata table; the empty 主题词 row of the table below it states nothing
    assert [ln.text for ln in cleaned.metadata] == [
        "索引号：000014349/2018-00221",
        "主题分类：综合政务\\政务公开",
        "发文机关：国务院办公厅",
        "成文日期：2018年12月07日",
        "标题：国务院办公厅关于推进政务新媒体健康有序发展的意见",
        "发文字号：国办发〔2018〕123号",
        "发布日期：2018年12月27日",
    ]
    body = [ln.stripped for ln in cleaned.content if ln.stripped]
    assert body[:4] == [
        "国务院办公厅关于推进",
        "政务新媒体健康有序发展的意见",
        "国办发〔2018〕123号",
        "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：",
    ]
    assert body[5:7] == ["一、总体要求", "（一）指导思想。"]
    assert body[-3:] == ["国务院办公厅", "2018年12月7日", "（此件公开发布）"]
    assert [b for b in body if b.startswith(("一、", "二、", "三、", "四、", "五、"))] == [
        "一、总体要求",
        "二、明确工作职责",
        "三、加强功能建设",
        "四、规范运维管理",
        "五、强化保障措施",
    ]
    doc, _ = parse_document(Path(__file__).parent / "fixtures" / "real" / "008_guobanfa_2018_123_gov_new_media_opinion.html")
    meta = doc.metadata
    assert (meta.title.value, meta.doc_number.value, meta.date.value, [i.value for i in meta.issuers]) == (
        "国务院办公厅关于推进政务新媒体健康有序发展的意见",
        "国办发〔2018〕123号",
        "2018-12-07",
        ["国务院办公厅"],
    )
    assert meta.date.span.quote == "2018年12月07日"  # the table's 成文日期 (HTML line 18)
    # line 68: the page's QR-code caption is its only chrome with text; the cleaner sets it aside
    assert [(d.reason, d.span.quote) for d in cleaned.dropped if d.reason != "page metadata"] == [
        ("page widget", "扫一扫在手机打开当前页")
    ]


def test_a_metadata_table_with_label_and_value_in_one_cell() -> None:
    page = """<html><body><table class="xxgk"><tr><td>索&nbsp;引&nbsp;号：000014349/2018-00221</td>
    <td>主题分类：综合政务</td></tr><tr><td>发文字号：国办发〔2018〕123号</td><td>成文日期：</td></tr></table>
    <p>一、总体要求</p></body></html>"""
    assert html_to_text(page, "p.html").rstrip("\n").split("\n\n") == [
        "索引号：000014349/2018-00221",
        "主题分类：综合政务",
        "发文字号：国办发〔2018〕123号",
        "一、总体要求",
    ]


def test_a_table_of_contents_keeps_the_headings_it_repeats() -> None:
    page = """<html><body><h1>某市养老服务体系建设规划</h1><div class="content"><p>某市养老服务体系建设规划</p>
    <p>目录</p><p>第一章 总体要求</p><p>第二章 主要任务</p><p>第一章 总体要求</p><p>到2025年,养老服务体系更加健全。</p>
    <p>第二章 主要任务</p></div></body></html>"""
    assert html_to_text(page, "p.html").rstrip("\n").split("\n\n") == [
        "某市养老服务体系建设规划",
        "目录",
        "第一章 总体要求",
        "第二章 主要任务",
        "第一章 总体要求",
        "到2025年,养老服务体系更加健全。",
        "第二章 主要任务",
    ]
