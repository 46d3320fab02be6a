"""Notices that issue a plan, read from real documents: the plan's own title, the notice's title and facts.

Excerpts, unchanged, of official Shanghai documents (tests/fixtures/notices, see its README.md for the sources),
each from its title down to the first items of the plan the notice issues.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from plankg.loaders.errors import LoadError
from plankg.loaders.pipeline import parse_document
from plankg.loaders.records import ParsedDocument
from plankg.loaders.regions import Region

NOTICES = Path(__file__).parent / "fixtures" / "notices"

# 转发: the notice passes on a plan a district commission drafted, naming the commission before the 《》.
SONGJIANG = NOTICES / "songjiang_renewal_plan_2025_excerpt.md"

# 批转: the district government approves and passes on its culture bureau's opinion; the opinion's title wraps.
JINGAN = NOTICES / "jingan_relics_opinion_2018_excerpt.md"


# The notice lists its attachment after 特此通知, then signs twice; the plan follows without a 附件 line.
ZERO_CARBON = NOTICES / "zero_carbon_parks_plan_2026_excerpt.md"

# 下发: the notice lists two attachments; the plan follows as 附件1 (the document goes on with 附件2, not excerpted).
MAGNOLIA = NOTICES / "magnolia_action_plan_2024_excerpt.md"

# A street office (街道办事处) issues a plan; the notice is dated but unsigned.
TOUQIAO = NOTICES / "touqiao_street_land_reduction_plan_2024_excerpt.md"

# Two municipal bodies issue a plan jointly: the title names them in full, the signature by short names.
BULK_TRANSPORT = NOTICES / "bulk_transport_one_thing_plan_2025_excerpt.md"

# The plan's year in brackets after its genre: …实施方案（2023年）.
SHORE_POWER = NOTICES / "shore_power_plan_2023_excerpt.md"

# A 十五五 plan whose indicator table (one cell a line) is followed by its next part, 二、重点任务.
MINHANG = NOTICES / "minhang_urban_renewal_15th_fyp_excerpt.md"

# The plan's title wraps over two lines after an ordinary word, the second line a title of its own.
YANGPU = NOTICES / "yangpu_heritage_zone_action_plan_2024_excerpt.md"


def _parse(path: Path) -> ParsedDocument:
    return parse_document(path)[0]


def _facts(doc: ParsedDocument) -> dict[str, object]:
    meta = doc.metadata
    assert meta.title is not None and meta.title.span is not None and meta.notice is not None
    assert doc.source.text[meta.title.span.start : meta.title.span.end] == meta.title.span.quote
    return {
        "title": meta.title.value,
        "notice": meta.notice.title.value,
        "issuers": [f.value for f in meta.issuers],
        "date": meta.date.value if meta.date else None,
        "genre": meta.doc_type.value if meta.doc_type else None,
        "period": meta.period.value if meta.period else None,
    }


def test_a_notice_passing_on_a_plan_another_body_drafted() -> None:
    """关于转发区建设管理委制订的《…》的通知: the plan is the 实施计划 it passes on, not the notice."""
    doc = _parse(SONGJIANG)
    assert _facts(doc) == {
        "title": "松江区城市更新2025年度实施计划",
        "notice": "上海市松江区人民政府办公室关于转发区建设管理委制订的《松江区城市更新2025年度实施计划》的通知",
        "issuers": ["上海市松江区人民政府办公室"],
        "date": "2025-07-15",
        "genre": "action-plan",
        "period": "2025",
    }
    assert [m.number for m in doc.measures] == ["1."]


def test_a_notice_approving_and_passing_on_a_bureau_s_opinion() -> None:
    """关于批转区文化局《…》的通知: the plan is the bureau's 实施意见, its title wrapped over two lines."""
    doc = _parse(JINGAN)
    assert _facts(doc) == {
        "title": "关于进一步加强静安区文物保护工作的实施意见",
        "notice": "上海市静安区人民政府关于批转区文化局《关于进一步加强静安区文物保护工作的实施意见》的通知",
        "issuers": ["上海市静安区人民政府"],
        "date": None,
        "genre": "opinion",
        "period": None,
    }


def test_the_plan_a_notice_attaches_is_the_plan_not_an_annex() -> None:
    """附件：… in the notice and 附件1 above the plan's title mark the plan the notice issues, not an annex: its
    parts hold its tasks."""
    doc = _parse(MAGNOLIA)
    assert _facts(doc) == {
        "title": "上海市花白玉兰推广应用三年行动计划（2024-2026年）",
        "notice": "上海市绿化和市容管理局关于下发《上海市花白玉兰推广应用三年行动计划（2024-2026年）》的通知",
        "issuers": ["上海市绿化和市容管理局"],
        "date": "2024-07-04",
        "genre": "action-plan",
        "period": "2024-2026",
    }
    assert [(h.kind, h.number) for h in doc.headings] == [
        ("chapter", "一、"),
        ("part", "（一）"),
        ("part", "（二）"),
        ("part", "（三）"),
        ("chapter", "二、"),
        ("chapter", "三、"),
        ("part", "（一）"),
    ]
    assert [m.span.quote[:20] for m in doc.measures] == ["在全市范围内科学规划、精心设计、广泛种植"]


def test_a_notice_signs_after_listing_its_attachment() -> None:
    """特此通知。/ 附件：… / two signatures / the date: the notice runs to its date, both bodies sign it, and the
    attachment line is neither the plan's title nor an attachment holding the plan."""
    doc = _parse(ZERO_CARBON)
    assert _facts(doc) == {
        "title": "上海市零碳园区建设工作方案",
        "notice": "关于印发《上海市零碳园区建设工作方案》的通知",
        "issuers": ["上海市发展和改革委员会", "上海市经济和信息化委员会"],
        "date": "2026-09-07",
        "genre": "implementation-plan",
        "period": "to-2030",
    }
    notice = doc.metadata.notice
    assert notice is not None and notice.span.quote.endswith("上海市经济和信息化委员会\n\n2026年9月7日")
    assert [(h.kind, h.number) for h in doc.headings] == [("chapter", "一、"), ("chapter", "二、")]
    assert [m.number for m in doc.measures if m.number] == ["（一）"]


def test_a_title_wrapped_after_any_word_is_the_one_the_notice_names() -> None:
    """上海杨浦生活秀带国家文物保护利用示范区 / 深化建设三年行动计划（2024—2026年）: the second line alone reads as a
    title, but the notice names the whole (its 《…》 with a space and 2024-2026), so the two lines are the title."""
    doc = _parse(YANGPU)
    assert _facts(doc) == {
        "title": "上海杨浦生活秀带国家文物保护利用示范区深化建设三年行动计划（2024—2026年）",
        "notice": "关于印发《上海杨浦生活秀带国家文物保护利用示范区 深化建设三年行动计划（2024-2026年）》的通知",
        "issuers": ["上海市杨浦区人民政府"],
        "date": "2024-07-15",
        "genre": "action-plan",
        "period": "2024-2026",
    }
    title = doc.metadata.title
    assert title is not None and title.span is not None
    assert title.span.quote == "上海杨浦生活秀带国家文物保护利用示范区\n\n深化建设三年行动计划（2024—2026年）"


def _region(doc: ParsedDocument, region: Region | None) -> tuple[str, str, str, str]:
    fact = doc.metadata.region
    assert region is not None and fact is not None and fact.span is not None
    assert doc.source.text[fact.span.start : fact.span.end] == fact.span.quote
    return region.name, region.key, fact.value, fact.span.quote


def test_a_street_office_issuing_a_plan_is_its_issuer_and_places_it() -> None:
    """上海市奉贤区人民政府头桥街道办事处关于印发《…》的通知, unsigned: the street office of 奉贤区 issues it, and the
    plan is the street's, a region of its own inside 奉贤区 (the gazetteer goes down to districts only)."""
    doc, region = parse_document(TOUQIAO)
    assert _facts(doc) == {
        "title": "头桥街道建设用地减量化工作实施方案(2025-2027年)",
        "notice": "上海市奉贤区人民政府头桥街道办事处关于印发《头桥街道建设用地减量化工作实施方案（2025年—2027年）》的通知",
        "issuers": ["上海市奉贤区人民政府头桥街道办事处"],
        "date": "2024-12-19",
        "genre": "implementation-plan",
        "period": "2025-2027",
    }
    assert _region(doc, region) == ("头桥街道", "town-9bec7e87bb2991e6", "头桥街道", "头桥街道")  # 上海市奉贤区头桥街道
    assert region is not None and region.level == "township" and region.parent is not None
    assert (region.parent.code, region.parent.name) == ("310120", "奉贤区")


def test_bodies_signing_by_short_names_are_placed_by_the_notice_s_title() -> None:
    """市交通委 / 市公安局 sign; 上海市交通委员会 上海市公安局关于印发… names them in full: the plan is 上海市's."""
    doc, region = parse_document(BULK_TRANSPORT)
    assert _facts(doc) == {
        "title": "高效办成大件运输“一件事”实施方案",
        "notice": "上海市交通委员会 上海市公安局关于印发《高效办成大件运输“一件事”实施方案》的通知",
        "issuers": ["市交通委", "市公安局"],
        "date": "2025-04-01",
        "genre": "implementation-plan",
        "period": None,
    }
    assert _region(doc, region) == ("上海市", "310000", "上海市", "上海市")
    fact = doc.metadata.region
    assert fact is not None and fact.span is not None and doc.metadata.notice is not None
    assert doc.metadata.notice.title.span.start <= fact.span.start < doc.metadata.notice.title.span.end


def test_the_year_in_brackets_after_the_genre_is_the_plan_s_year() -> None:
    """上海港提高靠港船舶岸电使用率实施方案（2023年）: a plan for 2023, the year stated by its title."""
    doc = _parse(SHORE_POWER)
    assert _facts(doc) == {
        "title": "上海港提高靠港船舶岸电使用率实施方案（2023年）",
        "notice": "上海市交通委员会、上海海事局 关于印发《上海港提高靠港船舶岸电使用率实施方案（2023年）》的通知",
        "issuers": ["上海市交通委员会", "上海海事局"],
        "date": "2023-04-17",
        "genre": "implementation-plan",
        "period": "2023",
    }
    period = doc.metadata.period
    assert period is not None and period.span is not None
    assert period.span.quote == "上海港提高靠港船舶岸电使用率实施方案（2023年）"


def test_a_table_ends_before_the_body_s_next_part() -> None:
    """一、发展目标 / 主要指标表 (its cells a line each, up to 11.5) / 二、重点任务 / （一）… / 1.…: 二、 follows 一、,
    so it is the body's next part, not a cell of the table, and its items are the plan's tasks."""
    doc = _parse(MINHANG)
    assert _facts(doc) == {
        "title": "闵行区城市更新“十五五”规划",
        "notice": "闵行区人民政府关于印发《闵行区城市更新“十五五”规划》的通知",
        "issuers": ["闵行区人民政府"],
        "date": "2026-07-28",
        "genre": "fyp",
        "period": "2026-2030",
    }
    assert [(h.kind, h.number, h.title) for h in doc.headings] == [
        ("chapter", "一、", "发展目标"),
        ("table", "", "主要指标表"),
        ("chapter", "二、", "重点任务"),
        ("part", "（一）", "建设全龄友好宜居城区"),
    ]
    assert [m.span.quote[:12] for m in doc.measures] == ["1.加强既有居住建筑改造"]


def test_a_notice_without_the_plan_it_issues_is_refused_naming_that_plan() -> None:
    """沪交安〔2024〕139号 as published: the notice alone, its plan an attachment of its own. Nothing is loaded, and the
    error says which document to load instead."""
    path = NOTICES / "transport_safety_plan_2024_notice_only.md"
    with pytest.raises(LoadError) as refused:
        parse_document(path)
    assert str(refused.value) == (
        "transport_safety_plan_2024_notice_only.md: no policy content: no numbered parts or items, measures, table or box "
        "found; it is a notice issuing 《上海市交通行业 安全生产治本攻坚三年行动方案 （2024—2026年）》, whose text is not in "
        "the file (load that document)"
    )


@pytest.mark.parametrize(
    ("title", "named"),
    [
        ("某市人民政府关于下达2024年国民经济和社会发展计划的通知", "2024年国民经济和社会发展计划"),
        ("某市发展和改革委员会关于下达《某市2024年重点项目投资计划》的通知", "《某市2024年重点项目投资计划》"),
    ],
)
def test_a_notice_passing_figures_down_without_them_is_refused_naming_what_it_passes_down(
    tmp_path: Path, title: str, named: str
) -> None:
    """A 下达 notice passes a plan's figures down to the bodies below; published without them (its figures an attachment
    of their own) it holds no policy content, and the error names the file, the notice and what it passes down."""
    path = tmp_path / "notice.txt"
    path.write_text(
        f"{title}\n\n各有关单位：\n\n现将有关计划下达给你们，请认真组织实施。\n\n附件：主要指标\n\n某市人民政府\n2024年1月20日\n",
        encoding="utf-8",
    )
    with pytest.raises(LoadError) as refused:
        parse_document(path)
    assert str(refused.value) == (
        "notice.txt: no policy content: no numbered parts or items, measures, table or box found; it is a notice passing "
        f"down (下达) {named}, whose plan and figures are not in the file (load the plan, or the attachment that holds its "
        "figures)"
    )
