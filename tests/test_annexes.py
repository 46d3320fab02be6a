"""What follows a plan's body is not the plan: an annexed document (附件2 after the plan's last part) keeps its
own parts, which are not chapters of the plan, and its paragraphs are annex text, not measures.

Real document, unchanged and whole: tests/fixtures/annexes (see its README.md for the source and the hand counts).
"""

from __future__ import annotations

from pathlib import Path

from plankg.loaders.pipeline import parse_document
from plankg.loaders.records import line_at

MAGNOLIA = Path(__file__).parent / "fixtures" / "annexes" / "magnolia_action_plan_2024.md"


def test_the_parts_of_an_annex_are_not_chapters_of_the_plan() -> None:
    doc, _ = parse_document(MAGNOLIA)
    text = doc.source.text
    chapters = [(h.number, h.title, line_at(text, h.span.start)) for h in doc.of_kind("chapter")]
    assert chapters == [
        ("一、", "总体原则", 38),
        ("二、", "工作目标", 52),
        ("三、", "主要任务", 56),
        ("四、", "计划安排", 78),
        ("五、", "保障措施", 98),
    ]
    (annex,) = doc.of_kind("attachment")
    assert (annex.number, line_at(text, annex.span.start)) == ("附件2", 112)
    annex_parts = [(h.number, h.title, line_at(text, h.span.start)) for h in doc.headings if h.parent is annex]
    assert annex_parts == [("一、", "苗木要求", 118), ("二、", "栽植要求", 122), ("三、", "养护要求", 136)]
    assert all(h.kind == "part" for h in doc.headings if h.parent is annex)


def test_the_text_of_an_annex_holds_no_measure() -> None:
    doc, _ = parse_document(MAGNOLIA)
    text = doc.source.text
    assert max(line_at(text, m.span.start) for m in doc.measures) == 110
    annexed = [line_at(text, p.span.start) for p in doc.passages if p.kind == "annex"]
    assert annexed == [114, 116, 120, 124, 126, 128, 130, 132, 134, 138, 140, 142, 144]
