"""`plankg validate` and the validation step of `plankg build`, end to end on the bundled corpus."""

from __future__ import annotations

import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pyoxigraph import RdfFormat, serialize
from rdflib import Graph, Namespace, URIRef

from plankg.graph.store import document_graphs, open_store
from plankg.validation.shacl import document_triples
from tests.test_cli import plankg
from tests.test_viz import Opened, browser, shots  # noqa: F401 (the Chromium fixtures of the views' tests)

SH = Namespace("http://www.w3.org/ns/shacl#")
PKS = "https://w3id.org/plankg/shapes#"
MEASURE_004 = "https://w3id.org/plankg/id/plan/440200/annual/2021/97646312/zh-Hans/chp_3__para_3"  # line 16: (十二)完善社区…
# Warnings per document (see tests/test_shapes.py for what each is in the source).
# The table rows' missing attributes, baselines and units, and the targets stated in prose without a year
# (pks:ProseIndicator-year: 000 3, 001 10, 002 4, 003 3), plus 000's and 004's missing date and issuer.
EXPECTED = {
    "000_7c45746ca5003da4.txt": 22,
    "001_e6d1326eb6e5ef17.txt": 31,
    "002_1d4cc66293008ec4.txt": 22,
    "003_1530986ba0a39128.txt": 12,
    "004_816c855b418fc27c.txt": 3,
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess]:
    store = tmp_path_factory.mktemp("validate") / "store"
    return store, plankg("build", "--no-lineage", "--no-views", store=store)


@pytest.fixture(scope="module")
def broken_004(built, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Document 004 as N-Triples, one measure without its plan, the source's file name holding markup."""
    store_dir, _ = built
    store = open_store(store_dir, read_only=True)
    graph = next(g for g, file, _ in document_graphs(store) if file.startswith("004_"))
    text = serialize(document_triples(store, graph), format=RdfFormat.N_TRIPLES).decode()
    del store
    lines = [line for line in text.splitlines() if not (line.startswith(f"<{MEASURE_004}> ") and "ontology#inPlan>" in line)]
    path = tmp_path_factory.mktemp("data") / "broken.nt"
    path.write_text(
        "\n".join(lines).replace('"004_816c855b418fc27c.txt"', '"x<script>alert(1)</script>.txt"') + "\n", encoding="utf-8"
    )
    return path


def test_build_validates_what_it_loaded(built):
    _, result = built
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if line.startswith("validation: ")]
    assert [line.split(" (")[0] for line in lines] == [
        f"validation: {file} conforms, 0 violations, {n} warning{'' if n == 1 else 's'}" for file, n in EXPECTED.items()
    ]


def test_text_report_summarises_and_points_at_the_source(built):
    store_dir, _ = built
    result = plankg("validate", store=store_dir)
    assert result.returncode == 0, result.stderr
    out = result.stdout.splitlines()
    assert out[-1] == "5 documents: conforms, 0 violations, 90 warnings"
    assert out[0].startswith("000_7c45746ca5003da4.txt: conforms (0 violations, 22 warnings, 0 infos; pyrudof")
    assert out[1:3] == ["  Warning   pks:Indicator-attribute          9", "  Warning   pks:Indicator-baseline           8"]
    # 000 line 207: row 15 每百户拥有社区服务设施建筑面积 has no 2020 cell.
    at = out.index("    focus https://w3id.org/plankg/id/plan/450900/fyp/2021-2025/05cd351b/zh-Hans/tbl_2__row_15")
    assert out[at - 1] == "  - Warning pks:Indicator-baseline  path pk:hasValue"
    assert out[at + 2] == (
        "    000_7c45746ca5003da4.txt:207  「15 | ⏎ 每百户拥有社区服务设施建筑面积 | ⏎ 平方米 | ⏎ ≥35 | ⏎ 预期性」"
    )


def test_one_document_with_the_reference_engine(built):
    store_dir, _ = built
    result = plankg("validate", "--document", "004_816c855b418fc27c.txt", "--engine", "pyshacl", store=store_dir)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("004_816c855b418fc27c.txt: conforms (0 violations, 3 warnings, 0 infos; pyshacl")
    assert "  Warning   pks:Plan-indicatorTable          1" in result.stdout
    assert result.stdout.splitlines()[-1] == "1 document: conforms, 0 violations, 3 warnings"


def test_unknown_document_is_a_usage_error(built):
    store_dir, _ = built
    result = plankg("validate", "--document", "nope.txt", store=store_dir)
    assert (result.returncode, "Traceback" in result.stderr) == (2, False)
    assert "no document 'nope.txt' in the store" in result.stderr


def test_data_file_in_trig_validates_per_document(built, tmp_path):
    store_dir, _ = built
    trig = tmp_path / "corpus.trig"
    assert plankg("export", "--format", "trig", "-o", str(trig), store=store_dir).returncode == 0
    result = plankg("validate", "--data", str(trig), store=tmp_path / "unused")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "5 documents: conforms, 0 violations, 90 warnings"


def test_violation_exits_1_and_names_the_shape(broken_004, tmp_path):
    result = plankg("validate", "--data", str(broken_004), store=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "broken.nt: DOES NOT CONFORM (1 violation, 3 warnings, 0 infos; pyrudof" in result.stdout
    assert "  - Violation pks:Element-inPlan  path pk:inPlan" in result.stdout
    assert "文本要素没有唯一的所属规划 / Element without exactly one Plan it belongs to" in result.stdout
    assert "x<script>alert(1)</script>.txt:16  「(十二)完善社区和居家养老服务体系。" in result.stdout


def test_ttl_is_the_standard_report(broken_004, tmp_path):
    out = tmp_path / "report.ttl"
    result = plankg("validate", "--data", str(broken_004), "--format", "ttl", "-o", str(out), store=tmp_path)
    assert result.returncode == 1, result.stderr
    report = Graph().parse(out, format="turtle")
    (node,) = report.subjects(None, SH.ValidationReport)
    assert report.value(node, SH.conforms).toPython() is False
    violations = [r for r in report.objects(node, SH.result) if report.value(r, SH.resultSeverity) == SH.Violation]
    assert [
        (
            report.value(r, SH.focusNode),
            report.value(r, SH.sourceShape),
            report.value(r, SH.resultPath),
            report.value(r, SH.sourceConstraintComponent),
        )
        for r in violations
    ] == [
        (
            URIRef(MEASURE_004),
            URIRef(PKS + "Element-inPlan"),
            URIRef("https://w3id.org/plankg/ontology#inPlan"),
            SH.MinCountConstraintComponent,
        )
    ]


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def test_html_is_self_contained_and_escaped(broken_004, tmp_path):
    out = tmp_path / "report.html"
    result = plankg("validate", "--data", str(broken_004), "--format", "html", "-o", str(out), store=tmp_path)
    assert result.returncode == 1, result.stderr
    page = _Elements()
    page.feed(out.read_text(encoding="utf-8"))
    tags = {tag for tag, _ in page.tags}
    assert "script" not in tags and "link" not in tags and "img" not in tags
    assert not [a for _, attrs in page.tags for a in attrs.values() if a and "//" in a]
    text = "".join(page.text)
    # The file name with markup is shown as text, never interpreted.
    assert "x<script>alert(1)</script>.txt" in text
    assert "(十二)完善社区和居家养老服务体系。新建风采长者饭堂6间" in text


def test_bad_data_files_give_clear_errors(tmp_path):
    broken = tmp_path / "bad.ttl"
    broken.write_text("<a> <b> .\n", encoding="utf-8")
    result = plankg("validate", "--data", str(broken), store=tmp_path)
    assert (result.returncode, "Traceback" in result.stderr) == (1, False)
    assert f"{broken}: not valid turtle" in result.stderr
    odd = tmp_path / "graph.xyz"
    odd.write_text("", encoding="utf-8")
    result = plankg("validate", "--data", str(odd), store=tmp_path)
    assert (result.returncode, "Traceback" in result.stderr) == (2, False)
    assert "unknown RDF file extension '.xyz'" in result.stderr


def test_html_report_opens_offline_in_chromium(browser, shots, broken_004, tmp_path):  # noqa: F811
    out = tmp_path / "report" / "index.html"
    out.parent.mkdir()
    result = plankg("validate", "--data", str(broken_004), "--format", "html", "-o", str(out), store=tmp_path)
    assert result.returncode == 1, result.stderr
    opened = Opened(browser, out, shots)
    opened.assert_clean()  # no request but the file, no console error, no dialog: the markup in the data did not run
    assert opened.requested == [out.as_uri()]
    body = opened.text("body")
    assert "x<script>alert(1)</script>.txt:16" in body
    assert "文本要素没有唯一的所属规划" in body
    opened.page.close()


def test_long_quotes_are_folded_with_show_all(built, browser, shots, tmp_path):  # noqa: F811
    store_dir, _ = built
    out = tmp_path / "report" / "index.html"
    out.parent.mkdir()
    result = plankg("validate", "--document", "002_1d4cc66293008ec4.txt", "--format", "html", "-o", str(out), store=store_dir)
    assert result.returncode == 0, result.stderr
    opened = Opened(browser, out, shots)
    opened.page.set_viewport_size({"width": 1280, "height": 800})
    # 002 line 45: 表1's row 最低生活保障平均標準(元/月), 21 lines: its first 5 lines, then "show all"
    first = opened.page.locator("details.quote").first
    assert first.locator("summary").inner_text().startswith("最低生活保障平均標準(元/月)")
    assert "show all (21 lines, 121 characters)" in first.locator("summary").inner_text()
    assert not first.locator("blockquote:not(.start)").is_visible()
    first.locator("summary").click()
    assert first.locator("blockquote:not(.start)").is_visible()
    assert len(first.locator("blockquote:not(.start)").inner_text().splitlines()) >= 11
    # folded: the quotes of over 10 lines, 表1 rows 1, 2, 3, 6 (lines 45, 67, 89, 131) and 表2 rows 1, 3 (253, 275)
    assert opened.page.locator("details.quote").count() == 6
    opened.page.screenshot(path=str(shots / "report-folded.png"))
    opened.assert_clean()
    opened.page.close()
