"""Ad-hoc SPARQL on the bundled corpus: predefined prefixes, the union default graph, every query form, the
SPARQL 1.1 result formats, readable tables at 80 and 120 columns, clear errors and exit codes."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import rdflib
from pyoxigraph import Store
from rich.cells import cell_len
from rich.console import Console

from plankg.lineage.graph import rebuild_lineage
from plankg.query.library import QueryError, execute, run_library
from plankg.query.results import curie, print_table, write

PLANS = {
    "https://w3id.org/plankg/id/plan/210000/fyp/2021-2025/6362853e",
    "https://w3id.org/plankg/id/plan/320214/fyp/2021-2025/5ccb1f6a",
    "https://w3id.org/plankg/id/plan/431200/fyp/2021-2025/c1126cbe",
    "https://w3id.org/plankg/id/plan/440200/annual/2021/97646312",
    "https://w3id.org/plankg/id/plan/450900/fyp/2021-2025/05cd351b",
}
MEASURE = "https://w3id.org/plankg/id/plan/210000/fyp/2021-2025/6362853e/zh-Hans/chp_5__sec_2__para_7"  # 001 line 471


def plankg(*args: str, store: Path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", "from plankg.cli import main; main()", *args, "--store", str(store)],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "PYTHONIOENCODING": "utf-8", **env},
    )


def test_prefixes_are_predefined_and_the_default_graph_is_the_union(corpus_store: Store) -> None:
    plans = {row["p"].value for row in execute(corpus_store, "SELECT ?p WHERE { ?p a pk:Plan }")}
    assert plans == PLANS
    [count] = execute(corpus_store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert int(count["n"].value) == len(corpus_store)  # no quad of the corpus is in the store's own default graph
    assert list(execute(corpus_store, "SELECT * WHERE { ?s ?p ?o }", union=False)) == []


def test_ask_construct_and_describe(corpus_store: Store) -> None:
    assert bool(execute(corpus_store, 'ASK { ?r skos:prefLabel "辽宁省"@zh-hans }'))
    assert not bool(execute(corpus_store, 'ASK { ?r skos:prefLabel "辽宁"@zh-hans }'))
    out = io.BytesIO()
    write(
        execute(corpus_store, "CONSTRUCT { ?p dct:title ?t } WHERE { ?p a pk:Plan . ?e eli:realizes ?p ; dct:title ?t }"),
        "turtle",
        out,
        Console(),
    )
    graph = rdflib.Graph().parse(data=out.getvalue(), format="turtle")
    assert "@prefix dct: <http://purl.org/dc/terms/> ." in out.getvalue().decode()
    titles = {str(o) for o in graph.objects(rdflib.URIRef("https://w3id.org/plankg/id/plan/210000/fyp/2021-2025/6362853e"))}
    assert titles == {"辽宁省民政事业发展第十四个五年规划"}  # 001 line 1
    out = io.BytesIO()
    write(execute(corpus_store, f"DESCRIBE <{MEASURE}>"), "ntriples", out, Console())
    described = rdflib.Graph().parse(data=out.getvalue(), format="nt")
    assert rdflib.Literal("提升应急救援能力。", lang="zh-hans") in set(described.objects())


def test_a_parse_error_names_the_line_the_column_and_the_reason(corpus_store: Store) -> None:
    with pytest.raises(QueryError) as error:
        execute(corpus_store, "SELECT ?p WHERE {\n  ?p a foo:Plan\n}")
    message = str(error.value)
    assert message.startswith("SPARQL syntax error at line 2, column 8: unknown prefix foo:")
    assert message.splitlines()[1:] == ["    ?p a foo:Plan", "         ^"]
    with pytest.raises(QueryError, match=r"line 1, column 16: \{ is never closed"):
        execute(corpus_store, "SELECT * WHERE { ?s ?p ?o ")
    with pytest.raises(QueryError, match="line 1, column 1: a query starts with SELECT, ASK, CONSTRUCT or DESCRIBE"):
        execute(corpus_store, "SELEC * { ?s ?p ?o }")


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_results_in_the_sparql_result_formats(corpus_store: Store, fmt: str) -> None:
    out = io.BytesIO()
    write(run_library(corpus_store, "binding-indicators", {"region": "辽宁省"}), fmt, out, Console())
    text = out.getvalue().decode()
    # 001 专栏1: rows 4, 13, 14, 18 are 约束性 (lines 110, 198, 208, 248)
    if fmt == "json":
        results = json.loads(text)
        assert results["head"]["vars"] == ["indicator", "unit", "target", "line"]
        first = results["results"]["bindings"][0]
        assert first["line"] == {"type": "literal", "value": "110", "datatype": "http://www.w3.org/2001/XMLSchema#integer"}
        assert [b["line"]["value"] for b in results["results"]["bindings"]] == ["110", "198", "208", "248"]
    elif fmt == "xml":
        ns = {"s": "http://www.w3.org/2005/sparql-results#"}
        lines = ET.fromstring(text).findall(".//s:binding[@name='line']/s:literal", ns)
        assert [e.text for e in lines] == ["110", "198", "208", "248"]
    elif fmt == "csv":  # plain values
        rows = list(csv.reader(io.StringIO(text)))
        assert rows[0] == ["indicator", "unit", "target", "line"]
        assert rows[4] == ["养老机构护理型床位占比", "%", "≥55", "248"]
    else:  # RDF terms
        rows = [line.split("\t") for line in text.splitlines()]
        assert rows[0] == ["?indicator", "?unit", "?target", "?line"]
        assert rows[4] == ['"养老机构护理型床位占比"@zh-hans', '"%"@zh-hans', '"≥55"', "248"]


def shown(text: str, columns: list[str]) -> list[str]:
    """Each column's text as printed, its lines joined (a table's columns, or a record's `name  value` lines)."""
    joined = dict.fromkeys(columns, "")
    if "┃" in text:
        for line in text.splitlines():
            if line.startswith("│"):
                for column, piece in zip(columns, line.split("│")[1:-1], strict=True):
                    joined[column] += piece.strip()
        return list(joined.values())
    key = None
    for line in text.splitlines()[:-1]:  # the last line counts the rows
        name = line.split("  ")[0]
        if name in joined:
            key, line = name, line[len(name) :]
        if key and not line.startswith("──"):
            joined[key] += line.strip()
    return list(joined.values())


@pytest.fixture(scope="module")
def with_lineage(corpus_store: Store) -> Store:
    """The corpus store with its lineage graph, whose name keys indicators-shared joins on."""
    rebuild_lineage(corpus_store)
    return corpus_store


@pytest.mark.parametrize("width", [80, 120])
def test_tables_fit_the_terminal_and_cut_nothing(with_lineage: Store, width: int) -> None:
    for name, params in [
        ("measure-search", {"text": "平战结合"}),
        ("plans-overview", {}),
        ("indicators-shared", {"min_plans": "3"}),
        ("provenance", {"node": MEASURE}),
    ]:
        console = Console(width=width, file=io.StringIO(), color_system=None)
        print_table(console, run_library(with_lineage, name, params))
        text = console.file.getvalue()
        assert all(cell_len(line) <= width for line in text.splitlines()), (name, width, text)
        assert "…" not in text, (name, width)
        results = run_library(with_lineage, name, params)
        columns = [v.value for v in results.variables]
        rows = [[row[c] for c in columns] for row in results]
        expected = [
            "".join(
                ""
                if t is None
                else curie(t.value)
                if t.__class__.__name__ == "NamedNode"
                else t.value.replace(" ", "").replace("\n", "")
                for t in column
            )
            for column in zip(*rows, strict=True)
        ]
        assert [s.replace(" ", "") for s in shown(text, columns)] == expected, (name, width, text)
        for row in rows:  # an IRI is never broken across lines
            assert all(
                curie(t.value) in text.splitlines() or any(curie(t.value) in line for line in text.splitlines())
                for t in row
                if t.__class__.__name__ == "NamedNode"
            )
    console = Console(width=80, file=io.StringIO(), color_system=None)
    print_table(console, run_library(with_lineage, "measure-search", {"text": "平战结合"}))
    assert "pkid:plan/210000/fyp/2021-2025/6362853e/zh-Hans/chp_5__sec_2__para_7" in console.file.getvalue()
    assert console.file.getvalue().endswith("2 rows\n")


def test_full_iris_on_request(corpus_store: Store) -> None:
    console = Console(width=80, file=io.StringIO(), color_system=None)
    print_table(console, run_library(corpus_store, "measure-search", {"text": "平战结合"}), full_iris=True)
    assert MEASURE in console.file.getvalue().replace("\n", "")
    assert MEASURE in [line.split()[-1] for line in console.file.getvalue().splitlines() if line.startswith("measure")]


def test_the_command_line(store_dir: Path) -> None:
    piped = plankg("sparql", "SELECT ?p WHERE { ?p a pk:Plan } ORDER BY ?p", store=store_dir)
    assert piped.returncode == 0, piped.stderr
    assert piped.stdout.splitlines() == ["p", *sorted(PLANS)]  # CSV when stdout is not a terminal
    assert (
        plankg("sparql", "ASK { ?p a pk:Plan }", "--format", "json", store=store_dir).stdout.strip()
        == '{"head":{},"boolean":true}'
    )
    constructed = plankg("sparql", "CONSTRUCT WHERE { ?p a pk:Plan }", store=store_dir)
    assert len(rdflib.Graph().parse(data=constructed.stdout, format="turtle")) == 5
    assert plankg("sparql", "SELECT * { ?s ?p ?o }", "--no-union", store=store_dir).stdout == "o,p,s\n"
    listed = plankg("sparql", "--prefixes", store=store_dir).stdout.splitlines()
    assert "PREFIX pk: <https://w3id.org/plankg/ontology#>" in listed and "PREFIX pkid: <https://w3id.org/plankg/id/>" in listed
    stdin = subprocess.run(
        [sys.executable, "-c", "from plankg.cli import main; main()", "sparql", "--file", "-", "--store", str(store_dir)],
        input="SELECT (COUNT(*) AS ?n) { ?p a pk:Plan }",
        capture_output=True,
        text=True,
    )
    assert stdin.stdout.splitlines() == ["n", "5"]


def test_messages_and_exit_codes(store_dir: Path) -> None:
    bare = plankg("sparql", store=store_dir)
    assert bare.returncode == 2 and "give a query: plankg sparql 'SELECT" in bare.stderr
    bad = plankg("sparql", "SELECT ?p WHERE { ?p a foo:Plan }", store=store_dir)
    assert bad.returncode == 2 and "Usage:" not in bad.stderr
    assert "line 1, column 24: unknown prefix foo:" in bad.stderr
    graph_as_csv = plankg("sparql", "CONSTRUCT WHERE { ?p a pk:Plan }", "--format", "csv", store=store_dir)
    assert graph_as_csv.returncode == 2 and "written as turtle, ntriples, jsonld, rdfxml" in graph_as_csv.stderr
    missing = plankg("query", "measure-search", store=store_dir)
    assert missing.returncode == 2
    assert "query measure-search is missing --param text=…; it takes text (string)" in missing.stderr
    unknown = plankg("query", "measure-search", "--param", "txt=平战结合", store=store_dir)
    assert "has no parameter txt (did you mean text?)" in unknown.stderr
    close = plankg("query", "binding-indicators", "--param", "region=辽宁", store=store_dir)
    assert close.returncode == 0 and close.stdout == "indicator,unit,target,line\n"
    assert "no rows: region=辽宁 matches no region in the store; did you mean 辽宁省?" in close.stderr
    unreachable = plankg("query", "plans-overview", "--endpoint", "http://127.0.0.1:9/query", store=store_dir)
    assert unreachable.returncode == 1 and "Usage:" not in unreachable.stderr
    assert "http://127.0.0.1:9/query: cannot reach the endpoint" in unreachable.stderr


def test_an_iri_parameter_takes_the_curie_a_table_shows(corpus_store: Store) -> None:
    row = "https://w3id.org/plankg/id/plan/210000/fyp/2021-2025/6362853e/zh-Hans/tbl_1__row_18"  # 001 lines 246-254
    full = [[t.value for t in r] for r in run_library(corpus_store, "provenance", {"node": row})]
    short = [[t.value for t in r] for r in run_library(corpus_store, "provenance", {"node": curie(row)})]
    assert curie(row) == "pkid:plan/210000/fyp/2021-2025/6362853e/zh-Hans/tbl_1__row_18"
    assert short == full and full[0][:2] == ["001_e6d1326eb6e5ef17.txt", "246"]
