"""The plankg command end to end on the bundled corpus: build, stats, list, export, remove, exit codes."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest

from plankg.graph.store import open_store
from plankg.graph.vocab import INFERRED_GRAPH, LINEAGE_GRAPH


def plankg(*args: str, store: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", "from plankg.cli import main; main()", *args, "--store", str(store)],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "PYTHONIOENCODING": "utf-8"},
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess]:
    store = tmp_path_factory.mktemp("cli") / "store"
    return store, plankg("build", "--no-validate", "--no-lineage", "--no-views", store=store)


def test_build_prints_the_summary_table(built) -> None:
    _, result = built
    assert result.returncode == 0, result.stderr
    assert "loaded 5 of 5 documents" in result.stdout
    lines = {line.split("│")[1].strip(): line for line in result.stdout.splitlines() if line.count("│") > 10}
    # 001: 6 chapters (第一章 line 25 … 第六章 line 502), 35 sections, 32 indicators: 20 rows (专栏1 lines 61-274) and
    # 12 targets stated in prose (lines 356-497)
    row = [c.strip() for c in lines["001_e6d1326eb6e5ef17.txt"].split("│")[1:-1]]
    assert row[1:5] == ["辽宁省", "Province", "辽宁省民政事业发展第十四个五年规划", "2021–2025"]
    assert row[5:8] == ["6", "35", "5"]
    assert row[9] == "32"


def test_the_build_leaves_its_data_in_table_files_not_in_the_log(built) -> None:
    """Flushed: a later open need not replay RocksDB's write-ahead log (40 s for a 1,000-plan store)."""
    store_dir, _ = built
    tables = sum(f.stat().st_size for f in store_dir.glob("*.sst"))
    assert tables > 1_000_000  # the corpus's 35k quads; unflushed, the only table file is RocksDB's 1 kB header


def test_reloading_the_same_files_gives_the_same_graphs(built) -> None:
    store_dir, _ = built

    def dump() -> set[str]:
        store = open_store(store_dir, read_only=True)
        text = store.dump(format=__import__("pyoxigraph").RdfFormat.N_QUADS).decode()
        return {q for q in text.splitlines() if "/graph/runs>" not in q}

    before = dump()
    assert plankg("build", "--no-validate", "--no-lineage", "--no-views", store=store_dir).returncode == 0
    assert dump() == before


def test_export_csv_has_one_row_per_indicator_value(built) -> None:
    store_dir, _ = built
    result = plankg("export", "--format", "csv", store=store_dir)
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    nursing = [r for r in rows if r["name"] == "养老机构护理型床位占比" and r["kind"] == "Target" and r["table"]]
    # 000 表2 row 9 (line 168: ≥60), 001 专栏1 row 18 (line 252: ≥55)
    assert sorted((r["file"][:3], r["asWritten"], r["year"]) for r in nursing) == [("000", "≥60", "2025"), ("001", "≥55", "2025")]
    # and in no table, the same quantity's targets stated in prose (000 lines 269 and 274)
    prose = [r for r in rows if r["name"] == "养老机构护理型床位占比" and not r["table"]]
    assert sorted((r["file"][:3], r["asWritten"], r["line"]) for r in prose) == [
        ("000", "不低于55%", "274"),
        ("000", "达到55%以上", "269"),
    ]


def test_list_and_remove(tmp_path: Path, built) -> None:
    store_dir, _ = built
    listed = plankg("list", store=store_dir).stdout.splitlines()
    assert [line.split("\t")[0] for line in listed] == [
        "000_7c45746ca5003da4.txt",
        "001_e6d1326eb6e5ef17.txt",
        "002_1d4cc66293008ec4.txt",
        "003_1530986ba0a39128.txt",
        "004_816c855b418fc27c.txt",
    ]
    assert plankg("remove", "nonexistent.txt", store=store_dir).returncode == 2
    copy = tmp_path / "store"
    assert plankg("build", "--no-validate", "--reason", "--no-views", store=copy).returncode == 0
    removed = plankg("remove", "004_816c855b418fc27c.txt", store=copy)
    assert removed.returncode == 0
    assert "lineage updated" in removed.stdout
    # five documents: materialising them again costs less than reasoning about 004's nodes one by one
    assert removed.stdout.endswith("reasoning: inferred graph rebuilt, 9269 triples (cheaper than updating it)\n")
    assert len(plankg("list", store=copy).stdout.splitlines()) == 4
    store = open_store(copy, read_only=True)
    # nothing derived from 004 (韶关市, 440200) is left: no lineage link to its nodes, no inferred triple about them
    for graph in (LINEAGE_GRAPH, INFERRED_GRAPH):
        assert not store.query(f"""ASK {{ GRAPH <{graph}> {{ ?s ?p ?o }}
            FILTER(CONTAINS(STR(?s), "/440200/") || CONTAINS(STR(?o), "/440200/")) }}""")
        assert store.query(f"ASK {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")


def test_building_one_more_document_shows_its_row_and_how_many_the_store_holds(tmp_path: Path) -> None:
    """The table of a build is the documents it loaded (the store's other rows are `plankg stats`'s): a build of
    one document in a store of a thousand reads one document's summary, not a thousand."""
    from plankg.loading.documents import bundled_corpus

    store = tmp_path / "store"
    files = sorted(str(p) for p in bundled_corpus().glob("*.txt"))
    assert plankg("build", *files[:4], "--no-validate", "--no-lineage", "--no-views", store=store).returncode == 0
    result = plankg("build", files[4], "--no-validate", "--no-lineage", "--no-views", store=store)
    assert result.returncode == 0, result.stderr
    rows = [line.split("│")[1].strip() for line in result.stdout.splitlines() if line.count("│") > 10]
    assert rows == ["004_816c855b418fc27c.txt"]
    assert "loaded 1 of 1 document\nthe store holds 5 documents: `plankg stats` lists them all\n" in result.stdout
    listed = [line.split("│")[1].strip() for line in plankg("stats", store=store).stdout.splitlines() if line.count("│") > 10]
    assert listed == [Path(f).name for f in files]


def test_unknown_subcommand_is_a_usage_error(built) -> None:
    store_dir, _ = built
    assert plankg("frobnicate", store=store_dir).returncode == 2


def test_a_failing_document_is_reported_and_changes_nothing(tmp_path: Path, built) -> None:
    store_dir, _ = built
    before = open_store(store_dir, read_only=True).dump(format=__import__("pyoxigraph").RdfFormat.N_QUADS)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    notes = tmp_path / "notes.txt"
    notes.write_text("会议纪要\n今天天气很好。\n", encoding="utf-8")
    result = plankg(
        "build",
        "--no-validate",
        "--no-lineage",
        "--no-views",
        str(empty),
        str(notes),
        str(tmp_path / "missing.txt"),
        store=store_dir,
    )
    assert result.returncode == 1
    assert f"error {empty}: the file is empty" in result.stdout
    assert f"error {notes}: no policy content" in result.stdout
    assert f"error {tmp_path / 'missing.txt'}: no such file" in result.stdout
    assert "loaded 0 of 3 documents, 3 failed" in result.stdout
    after = open_store(store_dir, read_only=True).dump(format=__import__("pyoxigraph").RdfFormat.N_QUADS)
    assert after == before


def test_brackets_in_a_file_name_or_a_message_are_printed_as_written(tmp_path: Path, built) -> None:
    """A file name (规划[draft].txt) and a message that hold square brackets are shown as they are: the terminal's
    markup had taken [draft] and [formats] for style tags and left them out (pip install 'plankg[formats]' was shown
    as pip install 'plankg')."""
    store_dir, _ = built
    bracketed = tmp_path / "规划[draft].txt"
    bracketed.write_bytes(b"")
    result = plankg("build", "--no-validate", "--no-lineage", "--no-views", str(bracketed), store=store_dir)
    assert result.returncode == 1
    assert f"error {bracketed}: the file is empty" in result.stdout


def test_lineage_min_score_sets_the_least_probability_of_a_copied_clause(built) -> None:
    import re

    store_dir, _ = built

    def copied(*args: str) -> int:
        result = plankg("lineage", *args, store=store_dir)
        assert result.returncode == 0, result.stderr
        return int(re.search(r"copied clauses \(directed\)\D*(\d+)", result.stdout).group(1))

    assert copied("--min-score", "0.99") < copied() < copied("--min-score", "0.1")
    refused = plankg("lineage", "--min-score", "1.5", store=store_dir)
    assert refused.returncode == 2 and "--min-score" in refused.stderr
