"""Plan metadata from the text (with spans) or the sidecar file, regions and periods."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from plankg.loaders.errors import LoadError
from plankg.loaders.pipeline import parse_document
from plankg.loaders.regions import chain
from tests.conftest import CORPUS


def test_publication_notice_facts_of_001(parsed) -> None:
    meta = parsed["001_e6d1326eb6e5ef17.txt"].metadata
    assert (meta.doc_number.value, meta.doc_number.span.quote) == ("辽民发〔2021〕33号", "辽民发〔2021〕33号")  # line 5
    assert (meta.date.value, meta.date.span.quote) == ("2021-09-06", "2021年9月6日")  # line 17
    assert [f.value for f in meta.issuers] == ["辽宁省民政厅", "辽宁省发展和改革委员会"]  # lines 15-16
    assert meta.title.value == "辽宁省民政事业发展第十四个五年规划"  # line 21
    assert (meta.period.value, meta.doc_type.value) == ("2021-2025", "fyp")


def test_page_metadata_of_002_and_003_is_used_not_dropped(parsed) -> None:
    m2 = parsed["002_1d4cc66293008ec4.txt"].metadata
    assert (m2.title.value, m2.date.value) == ("懷化市“十四五”民政事業發展規劃", "2021-12-24")  # lines 3, 5
    assert m2.period.span.quote == "2021-2025年"  # line 7: 規劃近期2021-2025年發展任務
    m3 = parsed["003_1530986ba0a39128.txt"].metadata
    assert m3.title.value == "无锡高新区(新吴区)民政事业 “十四五”发展规划"  # line 1
    assert (m3.date.value, m3.date.span.quote) == ("2021-12-31", "2021-12-31")  # line 3
    assert [f.value for f in m3.issuers] == ["新吴区民政卫健局"]  # line 6: 发布机构
    dropped = {d.reason for d in parsed["003_1530986ba0a39128.txt"].dropped}
    assert dropped == {"page metadata"}


def test_titles_missing_from_the_text_come_from_the_sidecar(parsed) -> None:
    m0 = parsed["000_7c45746ca5003da4.txt"].metadata
    assert (m0.title.value, m0.title.from_sidecar, m0.title.span) == ("玉林市“十四五”民政事业发展规划", True, None)
    assert (m0.period.value, m0.period.span.quote) == ("2021-2025", "2021至2025年")  # line 1: 规划期为2021至2025年
    m4 = parsed["004_816c855b418fc27c.txt"].metadata
    assert (m4.title.value, m4.doc_type.value, m4.period.value) == ("韶关市2021年民政工作要点", "annual", "2021")


def test_regions_with_codes_and_parents() -> None:
    expected = {
        "000_7c45746ca5003da4.txt": ["450900 玉林市", "450000 广西壮族自治区"],
        "001_e6d1326eb6e5ef17.txt": ["210000 辽宁省"],
        "002_1d4cc66293008ec4.txt": ["431200 怀化市", "430000 湖南省"],
        "003_1530986ba0a39128.txt": ["320214 新吴区", "320200 无锡市", "320000 江苏省"],
        "004_816c855b418fc27c.txt": ["440200 韶关市", "440000 广东省"],
    }
    for name, names in expected.items():
        _, region = parse_document(CORPUS / name)
        assert [f"{r.code} {r.name}" for r in chain(region.code)] == names


def test_noise_is_recorded_with_its_reason(parsed) -> None:
    spam = [d for d in parsed["002_1d4cc66293008ec4.txt"].dropped if d.reason == "injected spam links"]
    assert len(spam) == 1 and spam[0].span.quote.startswith("亚洲高清国产拍精品青青草原|")  # the last line, 756
    chrome = [(d.reason, d.span.quote) for d in parsed["000_7c45746ca5003da4.txt"].dropped]
    assert chrome == [("download links", "文件下载:"), ("download links", "关联文件:")]  # lines 369-370
    assert all("亚洲" not in m.text for m in parsed["002_1d4cc66293008ec4.txt"].measures)


def test_county_level_cities_under_their_province_have_a_parent() -> None:
    """GB/T 2260 has no prefecture between 济源市 (419001) or the Taiwan counties (7190xx) and their province."""
    assert [f"{r.code} {r.name}" for r in chain("419001")] == ["419001 济源市", "410000 河南省"]
    assert [f"{r.code} {r.name}" for r in chain("719007")] == ["719007 彰化县", "710000 台湾省"]


def test_a_sidecar_region_shared_by_several_places_is_resolved_by_its_title(tmp_path) -> None:
    """鼓楼区 is a district of 南京, 徐州, 福州 and 开封: the sidecar's title says which; without it, a clear error."""
    text = tmp_path / "plan.txt"
    text.write_bytes((CORPUS / "000_7c45746ca5003da4.txt").read_bytes())  # no title line: the sidecar gives it
    sidecar = tmp_path / "plan.meta.json"
    sidecar.write_text(json.dumps({"title": "福建省福州市鼓楼区“十四五”民政事业发展规划", "region": "鼓楼区"}), encoding="utf-8")
    _, region = parse_document(text)
    assert [f"{r.code} {r.name}" for r in chain(region.code)] == ["350102 鼓楼区", "350100 福州市", "350000 福建省"]
    sidecar.write_text(json.dumps({"region": "鼓楼区"}), encoding="utf-8")
    with pytest.raises(LoadError, match="region '鼓楼区' names 4 places and neither the sidecar's title nor the text says which"):
        parse_document(text)


@pytest.mark.parametrize(
    ("title", "period"),
    [
        ("上海市长宁区国民经济和社会发展第十五个五年规划纲要", "2026-2030"),
        ("福建省“十二五”民政事业发展规划", "2011-2015"),
        ("某市国民经济和社会发展第十一个五年规划纲要", "2006-2010"),
        ("懷化市國民經濟和社會發展第十四個五年規劃綱要", "2021-2025"),
    ],
)
def test_a_five_year_plan_named_by_its_number_or_in_full_covers_its_five_years(title: str, period: str) -> None:
    """The nation's five-year plans run five years each from the third (1966-1970): 第十五个五年 is 2026-2030, in
    either script, without a table of the names."""
    from plankg.loaders.numerals import FIVE_YEAR_NAME, five_year_names, five_year_period
    from plankg.loaders.script import to_simplified

    found = FIVE_YEAR_NAME.search(five_year_names(to_simplified(title)))
    assert found is not None and "-".join(map(str, five_year_period(found.group()))) == period


def test_the_years_of_a_five_year_plan_name_it() -> None:
    """A title ending with its years (规划(2021—2025年)) is matched to one naming its number (“十四五”规划)."""
    from plankg.loaders.numerals import five_year_name

    assert [five_year_name(a, b) for a, b in ((2021, 2025), (2026, 2030), (2006, 2010), (2021, 2024), (2022, 2026))] == [
        "十四五",
        "十五五",
        "十一五",
        None,
        None,
    ]


@pytest.mark.parametrize(
    ("old", "new", "date", "quote"),
    [
        ("", "", "2021-01-15", "二〇二一年一月十五日"),  # as written: the note under the title, the year in words
        ("会议通过〕", "会议批准〕", "2021-01-15", "二〇二一年一月十五日"),  # approved, not adopted: dated the same
        ("〔二〇二一", "经〔二〇二一", "2021-01-25", "2021-01-25"),  # a note inside a sentence: the page's 发布时间
    ],
)
def test_a_document_adopted_by_a_meeting_is_dated_by_its_note(tmp_path, old: str, new: str, date: str, quote: str) -> None:
    """real/031: a party committee's 建议 states its adoption under its title (〔二〇二一年一月十五日…会议通过〕); its
    page was published ten days later (发布时间: 2021-01-25)."""
    source = Path(__file__).parent / "fixtures/real/031_pingtan_14th_fyp_proposal_2021.txt"
    text = source.read_text(encoding="utf-8")
    assert text.count(old or "会议通过〕") == 1
    path = tmp_path / "031.txt"
    path.write_text(text.replace(old, new) if old else text, encoding="utf-8")
    fact = parse_document(path)[0].metadata.date
    assert fact is not None and (fact.value, fact.span.quote) == (date, quote)
