"""No input makes a loader stage crash: the cleaner, segmenter, table parser and page readers, fuzzed.

Texts are drawn from the pieces plans are made of (heading numbers, table header words, bars, values,
line ends of every kind) mixed with arbitrary characters, so that the examples reach the stages' rules.
Whatever they get, stages return records whose spans quote the text, and the whole pipeline raises
nothing but LoadError (which `plankg build` reports as one line).
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plankg.loaders.clean import clean
from plankg.loaders.errors import LoadError
from plankg.loaders.html import html_to_text
from plankg.loaders.pipeline import parse_source
from plankg.loaders.records import Heading, SourceText, Span
from plankg.loaders.script import detect_script
from plankg.loaders.segment import segment
from plankg.loaders.tables import parse_table

PIECES = [
    "第一章",
    "第十二章 ",
    "第三节",
    "第三節",
    "一、",
    "十、",
    "(一)",
    "（二）",
    "1.",
    "12、",
    "专栏1",
    "專欄2:",
    "表1",
    "表 2 ",
    "序号",
    "序號",
    "主要指标",
    "类别",
    "指标名称",
    "单位",
    "2020年",
    "2025年",
    "目标值",
    "完成值",
    "年均增长%",
    "属性",
    "预期性",
    "约束性",
    "完成",
    "城市",
    "农村",
    "集中",
    "≥",
    "≤",
    ">",
    "%",
    "‰",
    "万人",
    "(元/月)",
    "60(100)",
    "1",
    "12",
    "3.5",
    "—",
    "-",
    "/",
    " |",
    "|",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "  ",
    "\u3000",
    "\u00a0",
    "\t",
    "。",
    "；",
    "辽宁省",
    "懷化市",
    "十四五",
    "“十四五”",
    "2021-2025",
    "规划",
    "發展規劃",
    "要点",
    "首页 > 政务公开",
    "亚洲精品 | ",
    "发布时间:2021-12-24",
    "來源:",
    "附件:",
    "版权所有",
    "《辽宁省民政事业发展规划》",
    "依据",
    "根据",
    "新建",
    "6间",
    "390张以上",
    "不低于居民人均消费支出增速",
    "\ufeff",
    "\x00",
    "\ufffd",
]
TEXTS = st.lists(st.sampled_from(PIECES) | st.text(max_size=6), max_size=60).map("".join)
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def assert_quotes(text: str, spans: list[Span]) -> None:
    for span in spans:
        assert 0 <= span.start <= span.end <= len(text) and text[span.start : span.end] == span.quote


@FAST
@given(TEXTS)
def test_cleaner(text: str) -> None:
    cleaned = clean(text)
    for line in cleaned.lines:
        assert text[line.start : line.end] == line.text and "\n" not in line.text and "\r" not in line.text
    assert_quotes(text, [d.span for d in cleaned.dropped])
    assert {id(ln) for ln in cleaned.content} <= {id(ln) for ln in cleaned.lines}


@FAST
@given(TEXTS)
def test_segmenter(text: str) -> None:
    seg = segment(text, clean(text).content)
    assert_quotes(text, [h.span for h in seg.headings] + [p.span for p in seg.paragraphs])
    for table in seg.tables:
        assert table.heading in seg.headings


@FAST
@given(TEXTS)
def test_table_parser(text: str) -> None:
    lines = clean(text).lines
    heading = Heading("table", "表1", 1, "", Span.of(text, 0, 0))
    indicators, warnings = parse_table(text, heading, lines)
    assert_quotes(
        text, [i.span for i in indicators] + [i.name_span for i in indicators] + [v.span for i in indicators for v in i.values]
    )
    assert all(isinstance(w, str) for w in warnings)


@FAST
@given(TEXTS)
def test_whole_pipeline_raises_only_load_errors(text: str) -> None:
    source = SourceText(
        name="fuzz.txt", sha256="0" * 64, encoding="utf-8", media_type="text/plain", text=text, script=detect_script(text)
    )
    try:
        doc, _ = parse_source(source, {})
    except LoadError as exc:
        assert exc.name == "fuzz.txt"
        return
    assert_quotes(text, [m.span for m in doc.measures] + [p.span for p in doc.projects] + [c.span for c in doc.citations])


MARKUP = st.lists(
    st.sampled_from(
        [
            "<p>",
            "</p>",
            "<div class='nav'>",
            "</div>",
            "<table>",
            "<tr>",
            "<td>",
            "</td>",
            "<br>",
            "<script>",
            "</script>",
            "<!--",
            "-->",
            "<?xml version='1.0'?>",
            "&gt;",
            "<footer>",
            "<meta name='PubDate' content='2021-01-01'>",
            "<",
            ">",
        ]
    )
    | st.sampled_from(PIECES)
    | st.text(max_size=5),
    max_size=40,
).map("".join)


@FAST
@given(MARKUP)
def test_page_reader(markup: str) -> None:
    try:
        text = html_to_text(markup, "fuzz.html")
    except LoadError as exc:
        assert exc.name == "fuzz.html"
        return
    assert text.endswith("\n") and "\n\n\n" not in text  # blocks, each followed by one blank line
