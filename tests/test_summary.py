"""The summary table of `build` and `stats` at 80 and 120 columns: nothing cut, counts as the store holds them and
as validation reports them, counts in the singular for one."""

from __future__ import annotations

import io

import pytest
from pyoxigraph import Store
from rich.cells import cell_len
from rich.console import Console

from plankg.cli.summary import print_summary
from plankg.query.stats import COUNTED, PlanSummary, summaries
from plankg.wording import counted

# SHACL warnings per document, as `plankg validate` counts them (tests/test_validate_cli.py).
WARNINGS = {
    "000_7c45746ca5003da4.txt": 17,
    "001_e6d1326eb6e5ef17.txt": 21,
    "002_1d4cc66293008ec4.txt": 18,
    "003_1530986ba0a39128.txt": 9,
    "004_816c855b418fc27c.txt": 1,
}


def rows_of(text: str, header: str) -> dict[str, list[str]]:
    """The rows of the table whose header line starts with `header`: file name -> its cells, where a wrapped
    title's continuation lines (which hold nothing else) are joined to the title (the fourth cell)."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.split()[:2] == header.split())
    rows: dict[str, list[str]] = {}
    for line in lines[start + 2 :]:
        cells = line.split()
        if not cells or cells[0] == "file" or "=" in line:
            break
        if cells[0].endswith(".txt"):
            rows[cells[0]] = cells
        else:
            rows[list(rows)[-1]][3] += line.strip()
    return rows


@pytest.mark.parametrize("width", [80, 120])
def test_the_summary_fits_and_cuts_nothing(corpus_store: Store, width: int) -> None:
    findings = {s.graph: (0, WARNINGS[s.file]) for s in summaries(corpus_store)}
    console = Console(width=width, file=io.StringIO(), color_system=None)
    print_summary(console, corpus_store, [], findings)
    text = console.file.getvalue()
    assert all(cell_len(line) <= width for line in text.splitlines()), text
    assert "…" not in text
    about = rows_of(text, "file region")
    # 001 line 1: the title, whole; 003's title keeps its space (the table may wrap there)
    assert about["001_e6d1326eb6e5ef17.txt"][1:] == ["辽宁省", "Province", "辽宁省民政事业发展第十四个五年规划", "2021–2025"]
    assert "".join(about["003_1530986ba0a39128.txt"][3:-1]) == "无锡高新区(新吴区)民政事业“十四五”发展规划"
    counts = rows_of(text, "file chapters" if width == 120 else "file chap")
    # 001: 6 chapters, 35 sections, 5 boxes, 107 measures, 32 indicators (20 table rows, 12 targets in prose),
    # 34 projects (32 box items, the undertakings of lines 308 and 484), 15 citations; 0 and 21
    assert counts["001_e6d1326eb6e5ef17.txt"][1:] == ["6", "35", "5", "107", "32", "34", "15", "0", "21"]
    assert counts["004_816c855b418fc27c.txt"][-1] == "1"


def test_the_rows_of_a_few_graphs_queried_by_name_are_those_of_all_graphs(corpus_store: Store, monkeypatch) -> None:
    """A build's few documents are summarised by querying each graph by name (BY_NAME), many with a VALUES of them:
    the rows are those of the whole store's, whichever way."""
    from plankg.query import stats

    every = summaries(corpus_store)
    graphs = [s.graph for s in every][1:4]
    expected = [s for s in every if s.graph in graphs]
    assert len(expected) == 3 and any(any(s.counts.values()) for s in expected)
    assert summaries(corpus_store, graphs) == expected
    monkeypatch.setattr(stats, "BY_NAME", 2)  # more graphs than that: one query of them all
    assert summaries(corpus_store, graphs) == expected


def test_counts_read_in_the_singular_for_one() -> None:
    assert [
        counted(1, "warning"),
        counted(17, "warning"),
        counted(1, "document"),
        counted(0, "violation"),
        counted(1, "policy family", "policy families"),
        counted(44, "policy family", "policy families"),
    ] == ["1 warning", "17 warnings", "1 document", "0 violations", "1 policy family", "44 policy families"]


def test_long_file_names_fold_and_the_counts_keep_their_room(tmp_path) -> None:
    """Two real documents whose file names (50 and 55 characters) leave an 80-column terminal too little room: the
    names fold, the counts are whole (011: 6 chapters, 26 measures, 7 citations; 015: 11 measures, 6 citations)."""
    from pathlib import Path

    from plankg.loaders.pipeline import parse_document
    from plankg.loaders.triples import document_quads, region_quads

    real = Path(__file__).parent / "fixtures" / "real"
    store = Store()
    for name in ("011_sichuan_new_energy_price_reform_plan_2025.html", "015_shanghai_transport_credit_information_rules_2021.md"):
        doc, region = parse_document(real / name)
        store.extend(document_quads(doc, region))
        store.extend(region_quads(region))
    console = Console(width=80, file=io.StringIO(), color_system=None)
    print_summary(console, store, [], None)
    text = console.file.getvalue()
    assert all(cell_len(line) <= 80 for line in text.splitlines()), text
    assert "…" not in text
    lines = [line.split() for line in text.splitlines()]
    counted = [n for n, cells in enumerate(lines) if cells and cells[0][:4] in ("011_", "015_") and cells[-1].isdigit()]
    assert [lines[n][1:] for n in counted] == [["6", "0", "0", "26", "0", "0", "7"], ["0", "0", "0", "11", "0", "0", "6"]]
    folded = ["".join([lines[n][0], *(lines[n + 1] if len(lines[n + 1]) == 1 else [])]) for n in counted]
    assert folded == [
        "011_sichuan_new_energy_price_reform_plan_2025.html",
        "015_shanghai_transport_credit_information_rules_2021.md",
    ]


def test_a_long_file_name_folds_before_the_title_is_squeezed() -> None:
    """At 120 columns a file name of 70 characters (026's, a real fixture's) beside a 35-character title: the name
    folds so that the title keeps TITLE_ROOM cells, rather than the title wrapping every 17 cells with the name
    whole (2026-12-07: （2 | 025—2027年） split a year)."""
    from plankg.cli.summary import TITLE_ROOM, summary_tables

    name = "026_samr_14th_fyp_certification_accreditation_inspection_plan_2022.txt"
    title = "重庆市支持智能网联新能源商用车产业发展政策措施（2025—2027年）"
    row = PlanSummary(name, "g1", "重庆市", "Province", title, "2025–2027", dict.fromkeys(COUNTED, 1))
    console = Console(width=120, file=io.StringIO(), color_system=None)
    for table in summary_tables(120, [row], None):
        console.print(table)
    lines = console.file.getvalue().splitlines()
    title_lines = [line[line.index("Province") + len("Province") :].split()[0] for line in lines if "Province" in line]
    assert title_lines and cell_len(title_lines[0]) >= TITLE_ROOM  # the first line of the title
    assert not any(line.rstrip().endswith(name) for line in lines[:6])  # the name folded in the first table


def test_at_80_columns_a_zones_long_name_folds_and_the_period_stays_whole() -> None:
    """At 80 columns, real fixtures 013 and 031: a 片区's name of 22 cells (平潭综合实验区苏平片区) and a level of 14
    (FunctionalZone) beside folded file names left the title too little, and the table's last-resort squeeze cut
    every period to 2021–2 (2026-12-08). The region folds at REGION_MIN_WIDTH; level and period stay whole."""
    from plankg.cli.summary import summary_tables

    rows = [
        PlanSummary(
            "013_pingtan_suping_work_plan_2022.txt", "g1", "平潭综合实验区苏平片区", "ZoneArea",
            "平潭综合实验区苏平片区管理局2022年度工作计划", "2022", dict.fromkeys(COUNTED, 1),
        ),
        PlanSummary(
            "031_pingtan_14th_fyp_proposal_2021.txt", "g2", "平潭综合实验区", "FunctionalZone",
            "中共福建省委平潭综合实验区工作委员会关于制定平潭综合实验区国民经济和社会发展第十四个五年规划和二〇三五年远景目标的建议",
            "2021–2025", dict.fromkeys(COUNTED, 1),
        ),
    ]  # fmt: skip
    console = Console(width=80, file=io.StringIO(), color_system=None)
    console.print(summary_tables(80, rows, None)[0])
    text = console.file.getvalue()
    assert all(cell_len(line) <= 80 for line in text.splitlines()), text
    first = {
        line.split()[0]: line.split()[1:]
        for line in text.splitlines()
        if line.split()[:1] in (["013_pingtan_suping_"], ["031_pingtan_14th_fy"])
    }
    assert first["013_pingtan_suping_"][:2] == ["平潭综合实验区", "ZoneArea"] and first["013_pingtan_suping_"][-1] == "2022"
    assert (
        first["031_pingtan_14th_fy"][:2] == ["平潭综合实验区", "FunctionalZone"]
        and first["031_pingtan_14th_fy"][-1] == "2021–2025"
    )
    assert "苏平片区" in text.replace(" ", "").replace("\n", "")  # the name's rest on the next line, not cut
