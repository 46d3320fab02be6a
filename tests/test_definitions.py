"""A paragraph that defines a term (工业园区是指…; 存量新能源项目是指…) states the plan's scope, not a task: it is a
passage with the role scope, never a measure, and the counts in it are no undertakings. A 是指 inside a sentence of
goals (其中，“1”是指…) defines nothing by itself and leaves the paragraph's role alone.

Real documents: the zero-carbon parks plan (tests/fixtures/notices, excerpt), the Sichuan price reform plan
(tests/fixtures/real/011) and the magnolia action plan (tests/fixtures/annexes, whole).
"""

from __future__ import annotations

from pathlib import Path

from plankg.loaders.pipeline import parse_document
from plankg.loaders.records import line_at

FIXTURES = Path(__file__).parent / "fixtures"
ZERO_CARBON = FIXTURES / "notices" / "zero_carbon_parks_plan_2026_excerpt.md"
SICHUAN = FIXTURES / "real" / "011_sichuan_new_energy_price_reform_plan_2025.html"
MAGNOLIA = FIXTURES / "annexes" / "magnolia_action_plan_2024.md"


def test_the_park_types_a_plan_defines_are_its_scope_not_its_measures() -> None:
    doc, _ = parse_document(ZERO_CARBON)
    text = doc.source.text
    assert [(line_at(text, m.span.start), m.parent.title if m.parent else "") for m in doc.measures] == [
        (23, "园区类型"),
        (33, "实施路径"),
    ]
    scope = [p for p in doc.passages if p.role == "scope"]
    defined = [(p.kind, p.role, line_at(text, p.span.start), p.text[: p.text.index("是指")]) for p in scope]
    assert defined == [
        ("statement", "scope", 25, "工业园区"),
        ("statement", "scope", 27, "研发商办园区"),
        ("statement", "scope", 29, "物流园区"),
    ]
    assert doc.projects == []  # 建成期库容面积原则上应不小于2万平方米 is a threshold of the definition, not an undertaking


def test_a_lead_paragraph_defining_the_items_term_has_the_role_scope() -> None:
    doc, _ = parse_document(SICHUAN)
    leads = [(p.kind, p.role, p.text.split("。")[0]) for p in doc.passages if "是指" in p.text]
    assert leads == [
        ("lead", "scope", "存量新能源项目是指2025年6月1日前投产的新能源项目"),
        ("lead", "scope", "增量新能源项目是指2025年6月1日及以后投产的新能源项目"),
    ]


def test_a_meaning_given_inside_a_goal_leaves_the_goal_a_goal() -> None:
    doc, _ = parse_document(MAGNOLIA)
    text = doc.source.text
    (goal,) = [p for p in doc.passages if "“1”是指" in p.text]
    assert (goal.kind, goal.role, line_at(text, goal.span.start)) == ("statement", "goals", 54)
