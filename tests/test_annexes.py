"""What follows a plan's body is not the plan: an annexed document (附件2 after the plan's last part) keeps its
own parts, which are not chapters of the plan, and its paragraphs are annex text, not measures. An attachment
labelled 附件 or 附件2 on a line of its own takes its title from the line below.

Real documents, unchanged and whole: tests/fixtures/annexes (see its README.md for the sources and the hand counts).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from plankg.loaders.pipeline import parse_document, parse_source
from plankg.loaders.read import read_source
from plankg.loaders.records import line_at

ANNEXES = Path(__file__).parent / "fixtures" / "annexes"
MAGNOLIA = ANNEXES / "magnolia_action_plan_2024.md"
TRANSPORT = ANNEXES / "transport_business_environment_plan_2026.md"


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
    assert (annex.number, annex.title, line_at(text, annex.span.start)) == ("附件2", "白玉兰栽植和养护技术要求", 112)
    annex_parts = [(h.number, h.title, line_at(text, h.span.start)) for h in doc.headings if h.parent is annex]
    assert annex_parts == [("一、", "苗木要求", 118), ("二、", "栽植要求", 122), ("三、", "养护要求", 136)]
    assert all(h.kind == "part" for h in doc.headings if h.parent is annex)


def test_the_text_of_an_annex_holds_no_measure() -> None:
    doc, _ = parse_document(MAGNOLIA)
    text = doc.source.text
    assert max(line_at(text, m.span.start) for m in doc.measures) == 110
    annexed = [line_at(text, p.span.start) for p in doc.passages if p.kind == "annex"]
    assert annexed == [116, 120, 124, 126, 128, 130, 132, 134, 138, 140, 142, 144]  # 114 is the annex's title


def test_items_after_a_bare_attachment_label_are_annex_text_not_measures() -> None:
    """附件 alone on a line after the plan's last item, then 示范场景 and its items 1.–7.: the items were read as
    measures 20–26 of part 四 (the label set aside as a download link), they are the attachment's text."""
    doc, _ = parse_document(TRANSPORT)
    text = doc.source.text
    (annex,) = doc.of_kind("attachment")
    assert (annex.number, annex.title, line_at(text, annex.span.start)) == ("附件", "示范场景", 78)
    assert [m.number for m in doc.measures] == [f"{n}." for n in range(1, 20)]
    assert max(line_at(text, m.span.start) for m in doc.measures) == 76
    assert [line_at(text, p.span.start) for p in doc.passages if p.kind == "annex"] == [82, 84, 86, 88, 90, 92, 94]
    assert doc.projects == []  # 新增6个“一件事” (line 82) is the annex's, not an undertaking of a measure


INSPECTION = ANNEXES.parent / "real" / "014_shanghai_charging_facility_inspection_notice_2023.md"


def test_an_attachment_listed_before_the_signature_begins_where_its_title_comes_again() -> None:
    """特此通知。/ 附件：充电运营商自查表 / signature / date / contacts, then the form under its title: the 附件：… line lists
    what is attached. Read from 014 as published, and again with its 附件 label (line 44) left out, so that the form's
    title alone (line 45) marks where the attachment begins."""
    source = read_source(INSPECTION)
    unlabelled = source.text.replace("\n\n附件\n充电运营商自查表\n", "\n\n充电运营商自查表\n", 1)
    for text, at in ((source.text, 44), (unlabelled, 44)):
        doc, _ = parse_source(dataclasses.replace(source, text=text), {})
        (annex,) = doc.of_kind("attachment")
        assert (annex.title, line_at(text, annex.span.start)) == ("充电运营商自查表", at)
        assert [line_at(text, p.span.start) for p in doc.passages if p.kind == "conclusion"] == [33, 38, 39, 40, 41, 42]
        assert len(doc.measures) == 7
    assert doc.of_kind("attachment")[0].number == ""  # no 附件 label written above the title: no number
