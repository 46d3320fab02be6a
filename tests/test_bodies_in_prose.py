"""Responsible bodies written in the prose of a measure, not in a bracket, become its organisations.

Lines are lines of the files in tests/fixtures/real (FACTS.md lists the attributions).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from pyoxigraph import NamedNode

from plankg.graph.vocab import PK
from plankg.loaders.bodies import clause_bodies
from plankg.loaders.pipeline import parse_document
from plankg.loaders.records import Measure, ParsedDocument, Passage, line_at
from plankg.loaders.triples import document_quads

REAL = Path(__file__).parent / "fixtures" / "real"


@cache
def parsed(name: str) -> ParsedDocument:
    return parse_document(REAL / name)[0]


def unit_at(doc: ParsedDocument, line: int) -> Measure | Passage:
    return next(u for u in [*doc.measures, *doc.passages] if line_at(doc.source.text, u.span.start) == line)


def test_a_lead_body_with_the_bodies_it_works_with() -> None:
    """005 line 102: 区政府是…的责任主体，由分管副区长牵头…，区建设管理委会同区发展改革委、…、区城运中心等部门共同推进…
    (分管副区长 is a post, not an organisation)."""
    doc = parsed("005_shanghai_chongming_city_checkup_workplan_2021.md")
    measure = unit_at(doc, 102)
    assert isinstance(measure, Measure)
    roles = [(b.name, b.role) for b in measure.bodies]
    assert roles[:3] == [("区政府", "responsible"), ("区建设管理委", "lead"), ("区发展改革委", "supporting")]
    assert len(roles) == 27 and roles[-1] == ("区城运中心", "supporting")  # 会同 25 bodies, 等部门 closing the list
    assert all(role == "supporting" for _, role in roles[2:])
    assert all(doc.source.text[b.span.start : b.span.end] == b.name for b in measure.bodies)
    assert measure.heading == ""


def test_clauses_of_the_prose_name_bodies() -> None:
    text = "完善救助制度。由市民政局牵头，市财政局配合（2022年底前）。区财政局、区税务局等有关部门在各自职责范围内做好保障。"
    assert [(b.name, b.role, b.span.quote) for b in clause_bodies(text, 0, text)] == [
        ("市民政局", "lead", "市民政局"),
        ("区财政局", "responsible", "区财政局"),
        ("区税务局", "responsible", "区税务局"),
    ]


def test_what_is_not_a_body() -> None:
    """负责解释 names who interprets the text; a task that opens with a verb has no subject written."""
    for text in ("本措施由县民政局负责解释。", "构建乡镇牵头，村委会参与的互助养老服务网络。", "（由市民政局牵头）加强管理。"):
        assert clause_bodies(text, 0, text) == [], text


TRANSPORT = "007_shanghai_transport_refined_management_action_plan_2024.md"


def bodies_of(doc: ParsedDocument, line: int) -> list[tuple[str, str, int]]:
    return [(b.name, b.role, line_at(doc.source.text, b.span.start)) for b in unit_at(doc, line).bodies]


def test_the_body_columns_of_a_task_table_name_the_bodies_of_its_rows_measures() -> None:
    """007's annexed task list (lines 90-609): columns 牵头部门 / 配合部门 / 实施主体 (header lines 110-120); a row
    falls under a direction (1、改善城市道路环境, line 126) that is the title of a measure of the text (line 34)."""
    doc = parsed(TRANSPORT)
    assert bodies_of(doc, 34) == [
        ("设施养护处", "lead", 136),
        ("各相关部门和单位", "supporting", 138),
        ("各行业主管部门", "responsible", 140),
        ("各区", "responsible", 140),
    ]
    # A body with the divisions acting for it (line 220); a row whose lead and supporting cells were lost (452).
    assert bodies_of(doc, 42) == [
        ("设施养护处", "lead", 218),
        ("市交通委（计划财务处）", "supporting", 220),
        ("市道运中心", "responsible", 222),
    ]
    assert bodies_of(doc, 64) == [("随申行公司", "responsible", 452)]
    assert ("申通集团", "responsible", 272) in bodies_of(doc, 48)
    assert len([m for m in doc.measures if m.bodies]) == 23  # every measure (（一）-（二十三）) has its row's bodies
    for measure in doc.measures:
        assert all(doc.source.text[b.span.start : b.span.end] == b.name for b in measure.bodies)
    # The task table holds no indicators: its header cells (重点任务, 牵头, 配合 …) were read as 21 before.
    assert [i for i in doc.indicators if i.source == "table"] == []
    assert not any("task table" in w for w in doc.warnings)


def test_a_task_table_is_typed_as_such_and_its_bodies_are_organisations_of_measures() -> None:
    doc, region = parse_document(REAL / TRANSPORT)
    quads = document_quads(doc, region)
    table = next(q.subject for q in quads if q.object == NamedNode(PK.TaskTable))
    assert table.value.endswith("/tbl_1")
    assert not any(q.subject == table and q.object == NamedNode(PK.IndicatorTable) for q in quads)
    measures = {q.subject for q in quads if q.predicate == NamedNode(PK.responsibleBody)}
    assert len(measures) == 23


def targets_on(doc: ParsedDocument, line: int) -> list[tuple[str, float | None, str, str, int | None]]:
    return [
        (t.name, v.number, v.unit, v.comparator, v.year)
        for t in doc.targets
        if line_at(doc.source.text, t.span.start) == line
        for v in t.values
    ]


def test_prose_targets_read_as_the_text_states_them() -> None:
    transport = parsed(TRANSPORT)
    # 007 line 54: 至2026年金山铁路全天开行列车38对, a level of service by a year, in pairs of trains (对).
    assert targets_on(transport, 54) == [("金山铁路全天开行列车", 38.0, "对", "", 2026)]
    # 007 line 286: 完成4个…站点改造，完成比例88.6%, the 2024 result of the task table, is not a target.
    assert targets_on(transport, 286) == []
    sponge = parsed("009_shanghai_sponge_city_opinion_2024.md")
    # 009 line 34: the names leave out the value and the count of a listed group (…等4个新城); the name's span
    # keeps the clause as written.
    assert targets_on(sponge, 34) == [
        ("本市建成区的面积达到海绵城市建设目标要求", 40.0, "%", "≥", 2025),
        ("松江、青浦、嘉定、奉贤等新城建设用地面积达到海绵城市建设目标要求", 50.0, "%", "≥", 2025),
        ("南汇新城建设用地面积达到海绵城市建设目标要求", 60.0, "%", "≥", 2025),
        ("本市建成区的面积达到海绵城市建设目标要求", 80.0, "%", "≥", 2030),
    ]
    names = [t.name_span.quote for t in sponge.targets if line_at(sponge.source.text, t.span.start) == 34]
    assert names[1] == "松江、青浦、嘉定、奉贤等4个新城建设用地面积50%以上达到海绵城市建设目标要求"
    # 009 line 66: 全市城镇25%面积达到3—5年一遇雨水排水能力.
    assert targets_on(sponge, 66) == [("城镇面积达到3—5年一遇雨水排水能力", 25.0, "%", "", None)]
