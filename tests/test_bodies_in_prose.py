"""Responsible bodies written in the prose of a measure, not in a bracket, become its organisations.

Lines are lines of the files in tests/fixtures/real (FACTS.md lists the attributions).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from plankg.loaders.bodies import clause_bodies
from plankg.loaders.pipeline import parse_document
from plankg.loaders.records import Measure, ParsedDocument, Passage, line_at

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
