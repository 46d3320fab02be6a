"""`plankg export` on the bundled corpus: every RDF export reads back in rdflib as exactly the store's quads, with
prefixes and a JSON-LD @context; the CSV carries the plan and indicator IRIs; -o picks the format; a terminal is
not flooded."""

from __future__ import annotations

import csv
import io
import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib
from pyoxigraph import RdfFormat, Store

from plankg.graph.export import export_store

PLAN_001 = "https://w3id.org/plankg/id/plan/210000/fyp/2021-2025/6362853e"


def quads(dataset: rdflib.Dataset) -> set:
    return set(dataset.quads((None, None, None, None)))


@pytest.fixture(scope="module")
def expected(corpus_store: Store) -> set:
    reference = rdflib.Dataset()
    reference.parse(data=corpus_store.dump(format=RdfFormat.N_QUADS), format="nquads")
    return quads(reference)


@pytest.mark.parametrize(("fmt", "rdflib_format"), [("trig", "trig"), ("nquads", "nquads"), ("jsonld", "json-ld")])
def test_dataset_exports_read_back_as_the_stores_quads(corpus_store: Store, expected: set, fmt: str, rdflib_format: str) -> None:
    data = export_store(corpus_store, fmt)
    dataset = rdflib.Dataset()
    dataset.parse(data=data, format=rdflib_format)
    assert len(expected) == len(corpus_store)
    assert quads(dataset) == expected  # the named graphs kept, not one merged graph
    if fmt == "trig":
        assert data.startswith(b"@prefix ") and b"@prefix pk: <https://w3id.org/plankg/ontology#> ." in data


def test_jsonld_has_a_context_with_short_names(corpus_store: Store) -> None:
    document = json.loads(export_store(corpus_store, "jsonld"))
    context = document["@context"]
    assert context["pk"] == "https://w3id.org/plankg/ontology#"
    assert {context[k] for k in ("Plan", "Indicator", "inPlan", "name", "hasValue")} == {
        "pk:Plan",
        "pk:Indicator",
        "pk:inPlan",
        "pk:name",
        "pk:hasValue",
    }
    graphs = {g["@id"]: g["@graph"] for g in document["@graph"]}
    nodes = {n["@id"]: n for n in graphs["pkid:graph/plan/210000/fyp/2021-2025/6362853e/zh-Hans"]}
    row = nodes["pkid:plan/210000/fyp/2021-2025/6362853e/zh-Hans/tbl_1__row_18"]  # 001 line 246-254
    assert row["name"] == [{"@value": "养老机构护理型床位占比", "@language": "zh-hans"}] or row["name"] == [
        {"@language": "zh-hans", "@value": "养老机构护理型床位占比"}
    ]
    assert "Indicator" in row["@type"] and row["inPlan"] == [{"@id": "pkid:plan/210000/fyp/2021-2025/6362853e"}]


def test_turtle_is_the_union_with_prefixes(corpus_store: Store, expected: set) -> None:
    data = export_store(corpus_store, "turtle")
    assert b"@prefix skos: <http://www.w3.org/2004/02/skos/core#> ." in data
    graph = rdflib.Graph().parse(data=data, format="turtle")
    assert set(graph) == {(s, p, o) for s, p, o, _ in expected}


def test_csv_rows_carry_the_plan_and_indicator_iris(corpus_store: Store) -> None:
    rows = list(csv.DictReader(io.StringIO(export_store(corpus_store, "csv").decode("utf-8"))))
    assert len(rows) == 208 + 53  # every indicator value of the five plans: table rows', and 53 targets in prose
    # 003 line 564: 每万人拥有持证社会工作专业人才数达到16人, a target in prose, is in no table
    [prose] = [
        r for r in rows if r["file"].startswith("003") and r["name"] == "每万人拥有持证社会工作专业人才数" and r["line"] == "564"
    ]
    assert (prose["table"], prose["year"], prose["kind"], prose["asWritten"], prose["value"], prose["line"]) == (
        "",
        "2025",
        "Target",
        "达到16人",
        "16",
        "564",
    )
    # 001 专栏1 row 18 (lines 246-254): 养老机构护理型床位占比, target ≥55 in 2025, 约束性
    [target] = [
        r for r in rows if r["file"].startswith("001") and r["name"] == "养老机构护理型床位占比" and r["kind"] == "Target"
    ]
    assert target == {
        "file": "001_e6d1326eb6e5ef17.txt",
        "region": "辽宁省",
        "plan": PLAN_001,
        "table": "专栏1",
        "indicator": PLAN_001 + "/zh-Hans/tbl_1__row_18",
        "number": "18",
        "category": "",
        "name": "养老机构护理型床位占比",
        "unit": "%",
        "attribute": "约束性",
        "year": "2025",
        "kind": "Target",
        "group": "",
        "asWritten": "≥55",
        "comparator": "≥",
        "value": "55",
        "line": "252",
    }
    assert all(r["plan"].startswith("https://w3id.org/plankg/id/plan/") and r["indicator"].startswith(r["plan"]) for r in rows)


def plankg(*args: str, store: Path, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", "from plankg.cli import main; main()", *args, "--store", str(store)], capture_output=True, cwd=cwd
    )


def test_the_output_file_names_the_format(store_dir: Path, tmp_path: Path) -> None:
    assert plankg("export", "-o", "graph.jsonld", store=store_dir, cwd=tmp_path).returncode == 0
    assert json.loads((tmp_path / "graph.jsonld").read_text(encoding="utf-8"))["@context"]["pk"]
    assert plankg("export", "-o", "graph.nq", store=store_dir, cwd=tmp_path).returncode == 0
    assert (tmp_path / "graph.nq").read_text(encoding="utf-8").count("\n") == len(Store.read_only(str(store_dir)))
    unknown = plankg("export", "-o", "graph.xyz", store=store_dir, cwd=tmp_path)
    assert unknown.returncode == 2 and b"graph.xyz: give --format, or an extension that names one" in unknown.stderr
    piped = plankg("export", store=store_dir, cwd=tmp_path)  # not a terminal: TriG, as asked by a pipe
    assert piped.returncode == 0 and piped.stdout.startswith(b"@prefix ")


def test_a_terminal_is_not_flooded(store_dir: Path, tmp_path: Path) -> None:
    controller, terminal = pty.openpty()
    try:
        result = subprocess.run(
            [sys.executable, "-c", "from plankg.cli import main; main()", "export", "--store", str(store_dir)],
            stdout=terminal,
            stderr=subprocess.PIPE,
            cwd=tmp_path,
        )
        os.close(terminal)
        shown = b""
        while True:
            try:
                chunk = os.read(controller, 65536)
            except OSError:
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(controller)
    assert result.returncode == 2 and shown == b""
    assert b"write it to a file with -o" in result.stderr
