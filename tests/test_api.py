"""The Python API (plankg.open, plankg.build, KnowledgeGraph) on the bundled corpus, and the docs' walk-through."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from pyoxigraph import RdfFormat, Store

import plankg
from plankg.graph.vocab import LINEAGE_GRAPH
from plankg.query.library import QueryError

REPO = Path(__file__).resolve().parent.parent
LIAONING = "001_e6d1326eb6e5ef17.txt"
FILES = ["000_7c45746ca5003da4.txt", LIAONING, "002_1d4cc66293008ec4.txt", "003_1530986ba0a39128.txt", "004_816c855b418fc27c.txt"]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, plankg.BuildReport]:
    """The bundled corpus built by the API into a new store: loaded, validated, lineage rebuilt."""
    store = tmp_path_factory.mktemp("api") / "store"
    steps: list[plankg.Step] = []
    report = plankg.build(store=store, progress=steps.append)
    # the progress callback: once before each file, then as validation and the lineage rebuild start
    assert [(s.stage, s.done, s.total, s.path.name if s.path else "") for s in steps] == [
        *(("loading", i, 5, name) for i, name in enumerate(FILES)),
        ("validating", 0, 0, ""),
        ("lineage", 0, 0, ""),
    ]
    return store, report


@pytest.fixture(scope="module")
def kg(built) -> plankg.KnowledgeGraph:
    return plankg.open(built[0])


def test_build_returns_each_documents_graph_counts_and_findings(built) -> None:
    store, report = built
    assert report.ok and report.store == store
    assert [d.path.name for d in report.documents] == FILES
    liaoning = report.documents[1]
    assert liaoning.graph == "https://w3id.org/plankg/id/graph/plan/210000/fyp/2021-2025/6362853e/zh-Hans"
    # 001: 6 chapters (第一章 line 25 … 第六章 line 502), 35 sections, 5 boxes (专栏1-5 … 专栏6 is the table's), 32 indicators:
    # 20 rows of 专栏1 (lines 61-274) and 12 targets stated in prose (lines 356-497), as `plankg build` prints them
    assert (
        liaoning.counts["chapters"],
        liaoning.counts["sections"],
        liaoning.counts["boxes"],
        liaoning.counts["indicators"],
    ) == (6, 35, 5, 32)
    assert liaoning.triples > 0 and liaoning.warnings == [] and liaoning.error == ""
    # validated: no violation, 90 warnings in all (20 of them a target in prose stating no year)
    assert liaoning.validation is not None and liaoning.validation.conforms
    assert sum(d.validation.count("Warning") for d in report.documents if d.validation) == 90
    assert report.findings() == {d.graph: (0, d.validation.count("Warning")) for d in report.documents if d.validation}
    # the bundled corpus is its five documents: its notes and package files are not named as skipped
    assert report.skipped == []
    assert report.lineage is not None
    assert (report.lineage.plans, report.lineage.citations, report.lineage.reuse_links, report.lineage.indicator_concepts) == (
        5,
        79,
        103,  # copied clauses (tests/test_lineage.py test_corpus_summary says which changed with the model)
        19,
    )
    assert report.inferred is None and report.pages == []
    assert repr(report) == (
        f"<BuildReport {store}: 5 of 5 documents loaded; 0 failed; 0 violations, 90 warnings; "
        f"lineage: 103 reuse links, {report.lineage.families} policy families>"
    )


def test_a_failing_document_is_reported_in_the_result_and_changes_nothing(built, tmp_path: Path) -> None:
    store, _ = built
    before = Store.read_only(str(store)).dump(format=RdfFormat.N_QUADS)
    empty, notes = tmp_path / "empty.txt", tmp_path / "notes.txt"
    empty.write_bytes(b"")
    notes.write_text("会议纪要\n今天天气很好。\n", encoding="utf-8")
    report = plankg.build([empty, notes, tmp_path / "missing.txt"], store=store, validate=False, lineage=False)
    assert not report.ok and report.loaded == [] and report.validation is None and report.lineage is None
    assert [(d.path.name, d.error.split(":")[0]) for d in report.failed] == [
        ("empty.txt", "the file is empty"),
        ("notes.txt", "no policy content"),
        ("missing.txt", f"no such file: {tmp_path / 'missing.txt'}".split(":")[0]),
    ]
    assert Store.read_only(str(store)).dump(format=RdfFormat.N_QUADS) == before
    nothing = plankg.build([], store=store, validate=False, lineage=False)  # an empty list is no document, not the corpus
    assert nothing.documents == [] and nothing.ok


def test_a_build_that_raises_leaves_the_store_free_to_open_again(tmp_path: Path) -> None:
    """A notebook keeps the last exception: its traceback must not keep the store a failed build opened locked."""

    def interrupted(step: plankg.Step) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt) as kept:
        plankg.build([], store=tmp_path / "store", lineage=False, progress=interrupted)
    assert kept.value is not None  # the exception and its traceback are still referred to here
    with plankg.open(tmp_path / "store", read_only=False) as again:
        assert again.documents() == []


def test_documents(kg: plankg.KnowledgeGraph) -> None:
    documents = kg.documents()
    assert [d.file for d in documents] == FILES
    assert [d.region for d in documents] == ["玉林市", "辽宁省", "怀化市", "新吴区", "韶关市"]
    liaoning = kg.document(LIAONING)
    assert (liaoning.title, liaoning.level, liaoning.period) == ("辽宁省民政事业发展第十四个五年规划", "Province", "2021–2025")
    assert kg.document(liaoning.graph) == liaoning
    with pytest.raises(QueryError, match="no document 'nowhere.txt' in the store; it holds 000_7c45746ca5003da4.txt"):
        kg.document("nowhere.txt")


def test_library_query_rows_hold_python_values(kg: plankg.KnowledgeGraph) -> None:
    rows = kg.query("indicators-shared", min_plans=3)
    assert rows.columns == ["name", "plans", "region", "target", "number", "year", "line", "source"]
    assert {r["name"] for r in rows} == {
        "养老机构护理型床位占比",
        "城乡低保标准年度增速",
        "志愿服务站点在社区综合服务设施中的覆盖率",
    }
    # 001 专栏1 row 18, line 252: 养老机构护理型床位占比 ≥55 in 2025
    assert {
        "name": "养老机构护理型床位占比",
        "plans": 3,
        "region": "辽宁省",
        "target": "≥55",
        "number": Decimal("55"),
        "year": 2025,
        "line": 252,
        "source": "table",
    } in rows
    with pytest.raises(QueryError, match="no query named 'nothing'"):
        kg.query("nothing")
    with pytest.raises(QueryError, match="has no parameter min_plan .did you mean min_plans"):
        kg.query("indicators-shared", min_plan=3)


def test_sparql_gives_rows_a_boolean_or_a_graph(kg: plankg.KnowledgeGraph) -> None:
    assert kg.sparql("SELECT (COUNT(?p) AS ?plans) WHERE { ?p a pk:Plan }") == [{"plans": 5}]
    # 001 was issued 2021-09-06 (辽民发〔2021〕33号); 004 states no date
    dates = kg.sparql(
        "SELECT ?file ?date WHERE { ?e a pk:PlanText ; eli:realizes ?p ; prov:wasDerivedFrom/dct:identifier "
        "?file OPTIONAL { ?p eli:date_document ?date } } ORDER BY ?file"
    )
    assert isinstance(dates, plankg.Rows)
    assert dates[1] == {"file": LIAONING, "date": date(2021, 9, 6)} and dates[4]["date"] is None
    assert kg.sparql("ASK { ?p a pk:Plan }") is True
    assert kg.sparql("ASK { ?p a pk:Plan }", union=False) is False  # the store's own default graph is empty
    graph = kg.sparql("CONSTRUCT { ?p a pk:Plan } WHERE { ?p a pk:Plan }")
    assert len(graph) == 5 and dict(graph.namespaces())["pk"].toPython() == "https://w3id.org/plankg/ontology#"
    with pytest.raises(QueryError, match="line 1, column 1: a query starts with SELECT"):
        kg.sparql("SELEC ?x WHERE { ?x ?p ?o }")


def test_rows_to_pandas(kg: plankg.KnowledgeGraph, monkeypatch: pytest.MonkeyPatch) -> None:
    frame = kg.query("plans-overview").to_pandas()
    assert list(frame.columns[:3]) == ["plan", "region", "level"]
    assert dict(zip(frame["region"], frame["measures"], strict=True)) == {
        "玉林市": 83,
        "辽宁省": 107,
        "怀化市": 52,
        "新吴区": 19,
        "韶关市": 40,
    }
    assert str(frame["measures"].dtype) == "int64"
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ModuleNotFoundError, match=r"pip install 'plankg\[notebook\]'"):
        kg.query("plans-overview").to_pandas()


def test_validate_returns_reports(kg: plankg.KnowledgeGraph) -> None:
    (report,) = kg.validate(LIAONING)
    assert (report.name, report.conforms, report.count("Violation"), report.count("Warning")) == (LIAONING, True, 0, 31)
    # 专栏1 row 1 (line 75): 城乡低保标准年度增速 states no baseline value
    first = report.findings[0]
    assert (first.severity, first.path, first.file, first.line) == ("Warning", "pk:hasValue", LIAONING, 75)
    assert "城乡低保标准年度增速" in first.quote
    with pytest.raises(QueryError, match="no document 'x.txt'"):
        kg.validate(["x.txt"])


def test_export_writes_the_named_graphs(kg: plankg.KnowledgeGraph, tmp_path: Path) -> None:
    path = kg.export(tmp_path / "plans.trig")
    dataset = Store()
    dataset.load(path.read_bytes(), format=RdfFormat.TRIG)
    graphs = {g.value for g in dataset.named_graphs()}
    assert {d.graph for d in kg.documents()} | {str(LINEAGE_GRAPH)} <= graphs
    assert len(dataset) == len(kg.store)
    table = kg.export(tmp_path / "values.csv").read_text(encoding="utf-8").splitlines()
    assert table[0].startswith("file,region,plan,table,indicator")
    with pytest.raises(ValueError, match="unknown export format 'xlsx'"):
        kg.export(tmp_path / "x.xlsx", format="xlsx")


def test_writing_needs_a_store_opened_for_writing_and_a_closed_one_answers_nothing(built, kg) -> None:
    with pytest.raises(QueryError, match=r"cannot reason: the store is open read-only"):
        kg.reason()
    with plankg.open(built[0]) as other:
        assert len(other.documents()) == 5
    with pytest.raises(QueryError, match="is closed: open it again"):
        other.documents()


def test_views_as_networkx_and_pyvis(kg: plankg.KnowledgeGraph) -> None:
    tree = kg.plan_graph(LIAONING)
    kinds = [kind for _, kind in tree.nodes(data="kind")]
    assert (kinds.count("Region"), kinds.count("Plan"), kinds.count("Chapter"), kinds.count("Section")) == (1, 1, 6, 35)
    assert tree.number_of_edges() == tree.number_of_nodes() - 1  # a tree, nothing collapsed
    plan = next(n for n, kind in tree.nodes(data="kind") if kind == "Plan")
    assert tree.nodes[plan]["label"] == "辽宁省民政事业发展第十四个五年规划" and tree.nodes[plan]["period"] == "2021–2025"
    lineage = kg.lineage_graph()
    plans = sorted(n for n, kind in lineage.nodes(data="kind") if kind == "Plan")
    assert plans == sorted(d.plan for d in kg.documents())
    assert {kind for *_, kind in lineage.edges(data="kind")} >= {"member", "shared"}
    # the pyvis network draws the same view as the site's page: its nodes, labels and positions
    view = kg.plan_view(LIAONING)
    network = kg.plan_network(LIAONING)
    assert [(n["id"], n["label"], n["x"], n["y"]) for n in network.nodes] == [
        (n["id"], n["label"], n["x"], n["y"]) for n in view.nodes
    ]
    page = network._repr_html_()
    assert page.startswith("<iframe sandbox=") and "vis-network" in page
    assert not re.search(r'(?:src|href)="https?:', network.generate_html())  # vis-network inlined, nothing fetched


def test_write_views_writes_the_site(kg: plankg.KnowledgeGraph, tmp_path: Path) -> None:
    pages = kg.write_views(tmp_path / "site")
    assert [page.name for page in pages] == [
        "index.html",
        *(f"plan-{Path(f).stem}.html" for f in FILES),
        "lineage.html",
        "indicators.html",
    ]
    assert "辽宁省民政事业发展第十四个五年规划" in pages[2].read_text(encoding="utf-8")


def test_a_documents_text_stays_text_in_a_pyvis_network() -> None:
    """pyvis sets a node title holding "href" as HTML in a popup of its own: a title from a document never does."""
    from plankg.viz.network import View
    from plankg.viz.notebook import to_pyvis

    hostile = '<img src=x onerror="alert(1)"> <a href="javascript:alert(2)">'
    view = View("t", [{"id": "n", "label": "n", "x": 0, "y": 0}], [], {}, {"n": {"title": hostile, "fields": []}}, [])
    network = to_pyvis(view)
    assert "popup.innerHTML" not in network.generate_html(notebook=True)
    assert network.nodes[0]["title"].replace("\u2060", "") == hostile  # shown as written, as text
    assert network._repr_html_().startswith('<iframe sandbox="allow-scripts" srcdoc=')


def test_imports_are_lazy_and_all_names_resolve() -> None:
    code = (
        "import sys, plankg; assert 'pyoxigraph' not in sys.modules and 'plankg.api' not in sys.modules; "
        "print(sorted(plankg.__all__) == sorted(n for n in plankg.__all__ if getattr(plankg, n) is not None))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "True", result.stderr
    assert plankg.open.__module__ == "plankg.api" and "KnowledgeGraph" in dir(plankg)
    with pytest.raises(AttributeError, match="has no attribute 'nothing'"):
        plankg.nothing  # noqa: B018


def test_the_walkthrough_runs(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(REPO / "docs" / "walkthrough.py")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "PYTHONIOENCODING": "utf-8"},
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "loaded 5 of 5 documents; ok: True"
    assert "  001_e6d1326eb6e5ef17.txt: 107 measures, 32 indicators, 31 SHACL warnings" in lines
    assert lines[6].endswith("19 shared indicator concepts")
    # indicators-shared: 养老机构护理型床位占比 in the tables of 002 (line 333), 000 (line 168) and 001 (line 252)
    assert [line.split() for line in lines[lines.index("region target number  year  line") + 1 :][:3]] == [
        ["怀化市", "≥55", "55", "2025", "333"],
        ["玉林市", "≥60", "60", "2025", "168"],
        ["辽宁省", "≥55", "55", "2025", "252"],
    ]
    assert "001_e6d1326eb6e5ef17.txt: conforms True, 0 violations, 31 warnings" in lines
    assert "plan tree: 222 nodes, 6 chapters, the first 开启我省民政事业现代化建设新征程" in lines  # 001 line 25
