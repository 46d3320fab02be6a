"""Items numbered once through a whole document, and the attributions each of them ends with.

The Guangzhou opinion of 2012 (tests/fixtures/structure/README.md) numbers its 45 items 1.–45. through all its parts,
across the groups （一）…（六） that introduce them, and ends each with （牵头单位：…，配合单位：…，各区、县级市）: a
layout of municipal 实施意见 and 行动计划 that the Shanghai and national documents of tests/fixtures/real do not use.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from plankg.loaders.bodies import attributions
from plankg.loaders.pipeline import parse_document
from plankg.loaders.records import ParsedDocument

FIXTURES = Path(__file__).parent / "fixtures"
GUANGZHOU = FIXTURES / "structure" / "guangzhou_talent_cluster_opinion_2012.html"
SONGJIANG = FIXTURES / "notices" / "songjiang_renewal_plan_2025_excerpt.md"


@cache
def guangzhou() -> ParsedDocument:
    return parse_document(GUANGZHOU)[0]


def test_items_numbered_on_through_the_groups_are_the_documents_tasks() -> None:
    """2.–45. are measures of their parts, not points of the （一）… group before them (whose own points would
    start again at 1.); 1. (目标) states the goals; the nine groups are measures of their own."""
    doc = guangzhou()
    numbered = [m.number for m in doc.measures if m.number.endswith(".")]
    assert numbered == [f"{n}." for n in range(2, 46)]
    groups = [m.number for m in doc.measures if not m.number.endswith(".")]
    assert groups == ["（一）", "（二）", "（三）", "（四）", "（五）", "（六）", "（一）", "（二）", "（三）"]
    first = next(m for m in doc.measures if m.number == "2.")
    assert first.span.quote.startswith("2.战略性主导产业紧缺人才开发项目。5年内市、区（县级市）两级")
    assert first.heading == "战略性主导产业紧缺人才开发项目。" and first.parent is not None
    assert first.parent.title == "实施六大人才行动计划"
    goal = next(p for p in doc.passages if p.number == "1.")
    assert goal.role == "goals" and goal.text.startswith("1.目标。2012年起5年内")
    parts = {m.number: m.parent.number for m in doc.measures if m.parent is not None}
    assert (parts["31."], parts["32."], parts["40."], parts["43."], parts["45."]) == ("二、", "三、", "四、", "五、", "五、")


def test_a_lead_and_its_supporting_bodies_separated_by_a_comma() -> None:
    """（牵头单位：市发展改革委，配合单位：市委组织部、市人力资源和社会保障局，各区、县级市）: the comma before the
    second label ends the first list, and 各区、县级市 is one collective of two levels."""
    doc = guangzhou()
    item = next(m for m in doc.measures if m.number == "2.")
    assert [(b.name, b.role) for b in item.bodies] == [
        ("市发展改革委", "lead"),
        ("市委组织部", "supporting"),
        ("市人力资源和社会保障局", "supporting"),
        ("各区、县级市", "supporting"),
    ]
    assert all(doc.source.text[b.span.start : b.span.end] == b.name for b in item.bodies)
    bodied = [m.number for m in doc.measures if m.bodies]
    assert bodied == [f"{n}." for n in range(2, 46)]  # every item; the groups name none


def test_a_district_and_an_association_named_after_a_label_are_bodies() -> None:
    """35. names 越秀区 among its supporting bodies (a place stands for its government after a label); 15. and 19.
    name the 市科协."""
    doc = guangzhou()
    by_number = {m.number: m for m in doc.measures}
    assert [(b.name, b.role) for b in by_number["35."].bodies][-1] == ("越秀区", "supporting")
    assert by_number["15."].bodies[0].name == "市科协" and by_number["15."].bodies[0].role == "lead"
    assert [b.name for b in by_number["19."].bodies] == ["市农业局", "市科协", "各有关区、县级市"]


def test_a_label_word_inside_a_body_name_is_no_role() -> None:
    """43.: 各项目牵头单位对项目组织实施负总责 names no body 各项目 leading; the bracket names 各项目牵头单位 as a
    supporting body, and the clause 市人才工作领导小组负责… its responsible one."""
    doc = guangzhou()
    item = next(m for m in doc.measures if m.number == "43.")
    assert [(b.name, b.role) for b in item.bodies] == [
        ("市人才工作领导小组", "responsible"),
        ("市委组织部", "lead"),
        ("各项目牵头单位", "supporting"),
        ("各区、县级市", "supporting"),
    ]


def test_supporting_bodies_under_a_label_of_their_own() -> None:
    """The Songjiang plan's （牵头单位：经济技术开发区、九里亭街道，支撑单位：区规划资源局、区建设管理委、区经委）."""
    doc = parse_document(SONGJIANG)[0]
    item = next(m for m in doc.measures if m.heading.startswith("加力推进经开区中部"))
    assert [(b.name, b.role) for b in item.bodies] == [
        ("经济技术开发区", "lead"),
        ("九里亭街道", "lead"),
        ("区规划资源局", "supporting"),
        ("区建设管理委", "supporting"),
        ("区经委", "supporting"),
    ]


def test_a_bracket_of_places_without_a_label_is_no_attribution() -> None:
    """Without a label a place is not read as a body: （浦东新区、闵行区） explains, it does not assign."""
    body = "推进新城建设（浦东新区、闵行区）。"
    assert attributions(body, 0, body) == []


def test_targets_of_a_span_that_starts_in_a_year_take_no_year() -> None:
    """1.目标。2012年起5年内，…实现“…全市大专以上学历人才资源总量达到320万名左右，人才贡献率达到40%”的三大人才发展
    目标: 2012 is when the five years start, not when the targets are due, and the document states no end year;
    the last target closes the quotation."""
    doc = guangzhou()
    targets = {t.name: [(v.as_written, v.year) for v in t.values] for t in doc.targets}
    assert targets["大专以上学历人才资源总量"] == [("达到320万名左右", None)]
    assert targets["人才贡献率"] == [("达到40%", None)]
    assert targets["高层次医疗卫生人才"] == [("不少于500名", None)]
    assert not any(name.startswith("5年内") for name in targets)


def test_a_count_that_skips_a_number_still_runs_through_the_document(tmp_path: Path) -> None:
    """Official texts skip a number now and then: without item 38. the count still never starts again, so 2.–45.
    (less 38.) are still the document's tasks."""
    page = tmp_path / "opinion.html"
    paragraphs = GUANGZHOU.read_text(encoding="utf-8").split("</p>")
    page.write_text("</p>".join(p for p in paragraphs if "38.人才公寓" not in p), encoding="utf-8")
    doc = parse_document(page)[0]
    assert [m.number for m in doc.measures if m.number.endswith(".")] == [f"{n}." for n in range(2, 46) if n != 38]
