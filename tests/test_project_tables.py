"""A table listing key tasks one a row (重点任务清单: 任务类型 | 序号 | 工作任务 | 推进单位) is read as what it is: each
row a project of the table, with its category and the bodies its own cells name; no indicator, no paragraph.

Real document, unchanged and whole: tests/fixtures/annexes (see its README.md for the source and the hand counts).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from pyoxigraph import NamedNode

from plankg.graph.vocab import PK
from plankg.loaders.pipeline import parse_document
from plankg.loaders.records import ParsedDocument, Project, line_at
from plankg.loaders.regions import Region
from plankg.loaders.triples import document_quads

JINGAN = Path(__file__).parent / "fixtures" / "annexes" / "jingan_renewal_action_plan_2023.md"

SERIAL_LINES = [132, 138, 144, 154, 162, 166, 170, 176, 184, 190, 196, 204, 210, 214, 220]
SERIAL_LINES += [226, 230, 234, 238, 242, 248, 256, 264, 272, 278, 288, 296]


@cache
def parsed() -> tuple[ParsedDocument, Region | None]:
    return parse_document(JINGAN)


def rows() -> list[Project]:
    return [p for p in parsed()[0].projects if p.table is not None]


def test_every_row_of_the_task_list_is_a_project_of_its_table() -> None:
    doc, _ = parsed()
    text = doc.source.text
    (table,) = doc.of_kind("table")
    assert table.projects and not table.tasks
    assert table.parent is not None and table.parent.kind == "attachment"
    assert (table.title, line_at(text, table.span.start)) == ("静安区“卓越城区”城市更新行动重点任务清单（2023-2025年）", 120)
    assert [p.number for p in rows()] == [str(n) for n in range(1, 28)]
    assert [line_at(text, p.span.start) for p in rows()] == SERIAL_LINES
    assert all(p.table is table and p.eid == f"tbl_1__item_{p.ordinal}" for p in rows())
    assert all(text[p.span.start : p.span.end] == p.span.quote for p in rows())
    assert doc.indicators == [] and doc.warnings == []


def test_a_row_is_named_by_its_task_cell() -> None:
    by_number = {p.number: p for p in rows()}
    assert by_number["2"].title == "推进走马塘片区规划研究"
    assert by_number["7"].title == "完成既有多层住宅加装电梯700台"
    assert by_number["13"].title == "改建或新建9座左右口袋公园"
    assert by_number["27"].text == (
        "鼓励引导楼宇改造升级或转化利用等城市更新项目。重点推进：   恒隆广场项目、威海路500号（四季酒店）项目、"
        "静安上海机场城市航站楼改建工程等地标性项目"
    )
    (seven,) = by_number["7"].quantities
    assert (seven.value, seven.unit, seven.span.quote) == (700.0, "台", "700台")


def test_a_category_written_once_heads_the_rows_under_it() -> None:
    categories = {p.number: p.category for p in rows()}
    assert categories["1"] == categories["3"] == "行动一：再造发展新极行动（综合区域整体焕新行动）"
    assert categories["4"] == "旧区改造"
    assert categories["5"] == categories["6"] == categories["7"] == "旧住房更新改造"
    assert categories["8"] == "“美丽家园”建设"
    assert categories["27"] == "商务楼宇改造升级"


def test_a_row_has_the_bodies_its_own_cells_name() -> None:
    bodies = {p.number: [b.name for b in p.bodies] for p in rows()}
    assert bodies["1"] == ["区规划资源局", "区建设管理委", "区发展改革委", "区文化旅游局", "江宁路街道", "石门二路街道"]
    assert bodies["4"] == ["区“两旧”专班", "区房管局", "区旧改总办", "区成套办", "各相关街镇"]
    assert bodies["5"] == bodies["6"] == []  # a cell merged over rows 4 to 8 is written at row 4 only
    assert bodies["12"] == ["区绿化市容局"]
    assert sum(len(b) for b in bodies.values()) == 61
    assert {b.role for p in rows() for b in p.bodies} == {"responsible"}  # 推进单位


def test_the_cells_of_the_table_are_no_annex_text() -> None:
    doc, _ = parsed()
    assert [p for p in doc.passages if p.kind == "annex"] == []  # its title (line 120) is the table's


def test_the_graph_types_the_table_and_links_its_rows() -> None:
    doc, region = parsed()
    quads = document_quads(doc, region)
    (table,) = [q.subject for q in quads if q.object == NamedNode(PK.ProjectTable)]
    items = {q.subject for q in quads if q.predicate == NamedNode(PK.partOf) and q.object == table}
    assert len(items) == 27
    assert all(any(q.subject == i and q.object == NamedNode(PK.Project) for q in quads) for i in items)
    assert sum(q.predicate == NamedNode(PK.responsibility) for q in quads) == 61
