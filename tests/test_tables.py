"""Indicator tables in all three flattened layouts, checked cell by cell against the documents."""

from __future__ import annotations

from plankg.loaders.pipeline import parse_document
from plankg.loaders.records import Heading, Indicator, Line, ParsedDocument, Span
from plankg.loaders.run_tables import run_together_rows
from plankg.loading.documents import bundled_corpus

CORPUS = bundled_corpus()


def row(doc: ParsedDocument, table_eid: str, ordinal: int) -> Indicator:
    return next(i for i in doc.indicators if i.table.eid == table_eid and i.ordinal == ordinal)


def values(ind: Indicator) -> list[tuple]:
    return [(v.year, v.kind, v.group, v.as_written, v.comparator, v.number) for v in ind.values]


def test_bar_layout_result_table_keeps_an_empty_growth_cell(parsed) -> None:
    # 000 表1 row 3, lines 28-33: "3 |", name, "% |", "- |", "40 |", "|" (growth cell empty)
    ind = row(parsed["000_7c45746ca5003da4.txt"], "tbl_1", 3)
    assert (ind.number, ind.name, ind.unit) == ("3", "对生活不能自理特困人员的集中供养率", "%")
    assert values(ind) == [(2015, "actual", "", "-", "", None), (2020, "actual", "", "40", "", 40.0)]
    # row 1, lines 16-21: 510 -> 760, 9.8 % a year
    assert values(row(parsed["000_7c45746ca5003da4.txt"], "tbl_1", 1)) == [
        (2015, "actual", "", "510", "", 510.0),
        (2020, "actual", "", "760", "", 760.0),
        (None, "growth", "", "9.8", "", 9.8),
    ]


def test_bar_layout_urban_rural_cell_and_text_target(parsed) -> None:
    # 000 表2 row 1, lines 106-113: category 社会救助 precedes the serial; "城市≥13.5 农村≥15.7" is two values
    ind = row(parsed["000_7c45746ca5003da4.txt"], "tbl_2", 1)
    assert (ind.category, ind.name, ind.unit, ind.attribute) == ("社会救助", "城乡低保标准年度增速", "%", "预期性")
    assert values(ind) == [
        (2020, "actual", "城市", "≥13.5", "≥", 13.5),
        (2020, "actual", "农村", "≥15.7", "≥", 15.7),
        (2025, "target", "", "不低于居民上年度人均消费支出增速", "text", None),
    ]


def test_bar_layout_notes_categories_and_odd_values(parsed) -> None:
    doc = parsed["000_7c45746ca5003da4.txt"]
    assert len([i for i in doc.indicators if i.table.eid == "tbl_1"]) == 9  # 表1 rows 1-9, lines 16-69
    assert len([i for i in doc.indicators if i.table.eid == "tbl_2"]) == 22  # 表2 rows 1-22, lines 106-263
    eighth = row(doc, "tbl_2", 8)  # lines 156-162: note 玉林新增, still category 社会救助
    assert (eighth.category, eighth.name, eighth.attribute, eighth.note) == (
        "社会救助",
        "对生活不能自理特困人员的集中供养率",
        "约束性",
        "玉林新增",
    )
    tenth = row(doc, "tbl_2", 10)  # line 175: "60(100)"
    assert values(tenth)[1] == (2025, "target", "", "60(100)", "", 60.0)
    fifteenth = row(doc, "tbl_2", 15)  # lines 207-212: the 2020 cell is missing, only the target ≥35
    assert (fifteenth.name, fifteenth.unit) == ("每百户拥有社区服务设施建筑面积", "平方米")
    assert values(fifteenth) == [(2025, "target", "", "≥35", "≥", 35.0)]
    assert row(doc, "tbl_2", 20).attribute == "预期值"  # line 249, as written


def test_blank_layout_wrapped_cell_is_one_value(parsed) -> None:
    doc = parsed["001_e6d1326eb6e5ef17.txt"]
    assert len(doc.indicators) == 20  # 专栏1 rows 1-20, lines 75-274
    first = doc.indicators[0]
    target = first.values[0]
    # lines 81-84: 不低于居 / 民上年度 / 人均消费 / 支出增速
    assert target.as_written == "不低于居民上年度人均消费支出增速"
    assert target.span.quote == "不低于居\n民上年度\n人均消费\n支出增速"
    fifth = doc.indicators[4]  # line 120: 福利彩票销售网点数 has no unit cell
    assert (fifth.name, fifth.unit, values(fifth)) == ("福利彩票销售网点数", "", [(2025, "target", "", "12000", "", 12000.0)])


def test_traditional_result_table_sub_rows(parsed) -> None:
    doc = parsed["002_1d4cc66293008ec4.txt"]
    first = row(doc, "tbl_1", 1)  # lines 45-87: 城市 330/500/522 完成, 農村 165/333/356 完成
    assert (first.name, first.unit) == ("最低生活保障平均標準(元/月)", "元/月")
    assert values(first) == [
        (2015, "actual", "城市", "330", "", 330.0),
        (2020, "target", "城市", "500", "", 500.0),
        (2020, "actual", "城市", "522", "", 522.0),
        (None, "status", "城市", "完成", "", None),
        (2015, "actual", "農村", "165", "", 165.0),
        (2020, "target", "農村", "333", "", 333.0),
        (2020, "actual", "農村", "356", "", 356.0),
        (None, "status", "農村", "完成", "", None),
    ]
    assert len([i for i in doc.indicators if i.table.eid == "tbl_1"]) == 8
    assert row(doc, "tbl_1", 4).values[-1].as_written == "未完成"  # line 119


def test_traditional_target_table_row_with_four_values(parsed) -> None:
    doc = parsed["002_1d4cc66293008ec4.txt"]
    assert len([i for i in doc.indicators if i.table.eid == "tbl_2"]) == 18  # rows 1-18, lines 253-445
    ind = row(doc, "tbl_2", 13)  # lines 379-393: 950 1350 1200 1800 under 2020 / 2025
    assert (ind.category, ind.unit, ind.attribute) == ("公共社會福利", "元/人、月", "預期性")
    assert ind.name == "社會散居孤兒和社會福利機構內集中養育孤兒養育標準(元/人、月)"
    assert values(ind) == [
        (2020, "actual", "1", "950", "", 950.0),
        (2025, "target", "1", "1350", "", 1350.0),
        (2020, "actual", "2", "1200", "", 1200.0),
        (2025, "target", "2", "1800", "", 1800.0),
    ]


def test_spaced_layout_empty_unit_cells(parsed) -> None:
    doc = parsed["003_1530986ba0a39128.txt"]
    assert len(doc.indicators) == 16  # rows 1-16, lines 130-538
    seventh = doc.indicators[6]  # line 292: two separators in a row, an empty unit cell; -- then 2
    assert (seventh.name, seventh.unit, seventh.attribute) == ("每百张养老机构床位配备社会工作者数量", "", "预期性")
    assert values(seventh) == [(2020, "actual", "", "--", "", None), (2025, "target", "", "2", "", 2.0)]
    ninth = doc.indicators[8]  # line 342
    assert (ninth.name, ninth.unit) == ("每万人拥有持证社会工作专业人才数", "")
    assert values(ninth)[0][3:] == ("14.47", "", 14.47)


def test_units_are_normalised_for_comparison(parsed) -> None:
    ind = row(parsed["000_7c45746ca5003da4.txt"], "tbl_2", 16)  # 福利彩票销售网点数, 万个, 0.7 -> 1
    assert ind.unit == "万个"
    assert [(v.number, v.scale) for v in ind.values] == [(0.7, 10000.0), (1.0, 10000.0)]


def test_a_table_whose_cells_ran_together_is_read_by_its_frame() -> None:
    """A header and rows run together (序号指标名称单位…属性 then 1常住人口城镇化率%65.470约束性…): the serials in order,
    the attribute ending each row and the unit between name and values frame the rows; the values (65.4 and 70, or
    65.47 and 0) are not read. Serials out of order are no such table."""
    header = "序号指标名称单位基期值目标值属性"
    text = header + "1常住人口城镇化率%65.470约束性2农村自来水普及率%9899预期性3新增城镇就业人数万人1.21.5预期性"
    heading = Heading("table", "表1", 1, "主要指标", Span.of(text, 0, 0))
    read = run_together_rows(text, heading, [Line(1, 0, text)])
    assert read is not None
    rows, warnings = read
    assert [(r.number, r.name, r.unit, r.attribute, r.values) for r in rows] == [
        ("1", "常住人口城镇化率", "%", "约束性", []),
        ("2", "农村自来水普及率", "%", "预期性", []),
        ("3", "新增城镇就业人数", "万人", "预期性", []),
    ]
    assert all(text[r.name_span.start : r.name_span.end] == r.name for r in rows)
    assert warnings == [
        "table 表1: the values of its 3 rows run together with nothing between the columns ('65.470' …): not read"
    ]
    skipped = text.replace("2农村自来水普及率", "4农村自来水普及率")
    assert run_together_rows(skipped, heading, [Line(1, 0, skipped)]) is None


def test_a_table_of_a_cell_a_line_without_blank_lines_reads_as_with_them(tmp_path, parsed) -> None:
    """Corpus 001 as a crawler or a PDF's text layer gives it: every line kept, the blank lines gone. Its 专栏1 then
    gives each cell a line (序号 / 主要指标 / 单位 / 2025年 / 目标值 / 指标 / 属性 / 1 / …) and a cell too wide for its
    column several (不低于居 / 民上年度 / 人均消费 / 支出增速); a blank line left in it (a page's end) is no empty
    cell. Read so before, the table was one cell (no row) and 序号 went on the heading above it."""
    name = "001_e6d1326eb6e5ef17.txt"
    lines = [line for line in (CORPUS / name).read_text(encoding="utf-8").splitlines() if line.strip()]
    at = lines.index("城市和农村低保平均标准比例")  # a page's end in row 2, between its name and its unit
    lines.insert(at + 1, "")
    (tmp_path / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    doc, _ = parse_document(tmp_path / name)
    table = [(i.number, i.name, i.unit, i.attribute, values(i)) for i in doc.indicators]
    assert table == [(i.number, i.name, i.unit, i.attribute, values(i)) for i in parsed[name].indicators]
    assert len(table) == 20 and table[0][4] == [(2025, "target", "", "不低于居民上年度人均消费支出增速", "text", None)]
    assert table[1] == ("2", "城市和农村低保平均标准比例", "倍数", "预期性", [(2025, "target", "", "1.3", "", 1.3)])
    assert table[4] == ("5", "福利彩票销售网点数", "", "预期性", [(2025, "target", "", "12000", "", 12000.0)])
    assert doc.indicators[0].values[0].span.quote == "不低于居\n民上年度\n人均消费\n支出增速"
    assert [h.title for h in doc.headings if h.kind == "table"] == ["“十四五”时期全省民政事业发展主要指标"]
