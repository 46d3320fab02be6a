"""The offline views (plankg viz), opened in Debian's Chromium with every non-file: request refused.

Expected counts come from the bundled documents: a plan view shows its region, its plan and every
chapter, section, part, box, indicator table, measure, indicator row and project (the per-document
counts of the summary table), joined as a tree. Screenshots are saved under the tests' temporary output.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from dataclasses import replace
from itertools import combinations
from pathlib import Path

import pytest

from plankg.graph.store import open_store
from plankg.graph.vocab import PK, SKOS, SPARQL_PREFIXES
from plankg.lineage.graph import rebuild_lineage
from plankg.loading.documents import load_paths
from plankg.query.library import run as run_query
from plankg.viz.site import json_block, write_site

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PLAN = "https://w3id.org/plankg/id/plan/"
CAP = 50  # the node cap the synthetic corpus is drawn with
CORPUS_PAGES = [
    "index.html",
    "plan-000_7c45746ca5003da4.html",
    "plan-001_e6d1326eb6e5ef17.html",
    "plan-002_1d4cc66293008ec4.html",
    "plan-003_1530986ba0a39128.html",
    "plan-004_816c855b418fc27c.html",
    "lineage.html",
    "indicators.html",
]


def _unavailable(what: str) -> None:
    message = f"{what} is not available (.ci/run installs it)"
    pytest.fail(message) if os.environ.get("CI") == "true" else pytest.skip(message)


def plankg(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    command = [sys.executable, "-c", "from plankg.cli import main; main()", *args]
    return subprocess.run(command, capture_output=True, text=True, cwd=cwd, timeout=600)


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright")
    if not Path(CHROMIUM).exists():
        _unavailable(CHROMIUM)
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("screenshots")


@pytest.fixture(scope="module")
def site(corpus_store, tmp_path_factory: pytest.TempPathFactory) -> Path:
    rebuild_lineage(corpus_store)
    out = tmp_path_factory.mktemp("site")
    assert [p.name for p in write_site(corpus_store, out)] == CORPUS_PAGES
    return out


class Opened:
    """A page opened offline, with what it tried to fetch, its console errors and the dialogs it raised."""

    def __init__(self, browser, path: Path, shots: Path) -> None:
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.refused: list[str] = []
        self.requested: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.route("**/*", self._route)
        self.page.on("request", lambda r: self.requested.append(r.url))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto(path.as_uri())
        if path.name != "index.html":
            self.page.locator("body[data-ready=true]").wait_for(state="attached")
        self.page.screenshot(path=str(shots / f"{path.parent.parent.name}-{path.stem}.png"))

    def _route(self, route) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            self.refused.append(route.request.url)
            route.abort()

    def counts(self) -> tuple[int, int]:
        return tuple(self.page.evaluate("[plankgView.nodes.length, plankgView.edges.length]"))

    def click_node(self, node: str) -> str:
        """Click the node on the canvas like a person would; returns the details panel's text. The canvas is let
        redraw before the focus and after it (a viewport just resized is laid out on the next frames)."""
        self.next_frames()
        self.page.evaluate("id => plankgView.network.focus(id, {scale: 1.5, animation: false})", node)
        self.next_frames()
        box = self.page.locator("#graph").bounding_box()
        self.page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        return self.page.locator("#details").inner_text()

    def next_frames(self) -> None:
        self.page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")

    def text(self, selector: str) -> str:
        return self.page.locator(selector).inner_text()

    def assert_clean(self) -> None:
        assert (self.refused, self.errors, self.dialogs) == ([], [], [])
        assert all(u.startswith("file:") for u in self.requested), self.requested


def test_json_blocks_cannot_close_their_script_element() -> None:
    text = json_block({"quote": "</script><img src=x onerror=alert(1)>&"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"quote": "</script><img src=x onerror=alert(1)>&"}


def shared_files(name: str) -> list[str]:
    """What a page reads from assets/ (one copy for every page), in the order it asks for them."""
    own = {"index.html": ["marks.js", "index.js"], "indicators.html": ["plotly.min.js", "chart.js"]}
    return own.get(name, ["vis-network.min.css", "vis-network.min.js", "network.js"])


def test_every_page_opens_offline_without_errors(browser, site: Path, shots: Path) -> None:
    for name in CORPUS_PAGES:
        opened = Opened(browser, site / name, shots)
        opened.assert_clean()
        # the page, then the scripts and styles the pages share, from the folder beside them
        assert opened.requested == [(site / name).as_uri()] + [(site / "assets" / f).as_uri() for f in shared_files(name)]
        opened.page.close()
    assert sorted(p.name for p in (site / "assets").iterdir()) == [
        "LICENSE-vis-network.txt",
        "chart.js",
        "index.js",
        "marks.js",
        "network.js",
        "overview.js",
        "plotly.min.js",
        "vis-network.min.css",
        "vis-network.min.js",
    ]


def test_the_policy_runs_the_loader_alone_and_what_it_inserts(browser, site: Path, shots: Path) -> None:
    """Every page allows one inline script, its loader, by hash; a script the HTML parser meets runs only with that
    hash, so markup put into a page runs nothing: an inline script, an event handler, not even a <script> of the
    site's own shared files (a hash matches an external script only through Subresource Integrity, which Chromium
    cannot check on file: URLs), while the scripts the loader inserts run ('strict-dynamic')."""
    import base64
    import hashlib
    import re

    for name in CORPUS_PAGES:
        text = (site / name).read_text(encoding="utf-8")
        [policy] = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', text)
        inline = re.findall(r"<script>(.*?)</script>", text, flags=re.S)
        assert len(inline) == 1 and "<script src" not in text  # the loader; the JSON block has a type and no hash
        digest = base64.b64encode(hashlib.sha256(inline[0].encode()).digest()).decode()
        assert policy == (
            f"default-src 'none'; script-src 'strict-dynamic' 'sha256-{digest}'; style-src 'self' 'unsafe-inline'; "
            "img-src data:; font-src data:"
        )
    page = (site / "plan-003_1530986ba0a39128.html").read_text(encoding="utf-8")
    planted = (
        '<script src="assets/index.js"></script><script>window.pwned = 1</script>'
        '<img src="data:," onerror="window.pwned = 2"><script src="assets/network.js" integrity="sha256-x"></script>'
    )
    (site / "planted.html").write_text(page.replace("<main ", planted + "<main ", 1), encoding="utf-8")
    try:
        opened = Opened(browser, site / "planted.html", shots)
        assert opened.page.evaluate("window.pwned") is None
        original = Opened(browser, site / "plan-003_1530986ba0a39128.html", shots)
        assert opened.counts() == original.counts()  # the view drew: the scripts the loader inserts ran
        original.page.close()
        refused = [e for e in opened.errors if "violates the following Content Security Policy directive" in e]
        assert (len(refused), len(opened.errors)) == (4, 4)  # two <script src>, the inline script, the handler
        assert (opened.refused, opened.dialogs) == ([], [])
        opened.page.close()
    finally:
        (site / "planted.html").unlink()


def test_a_page_without_its_assets_says_what_it_needs(browser, site: Path, tmp_path: Path, shots: Path) -> None:
    from shutil import copyfile

    copyfile(site / "lineage.html", tmp_path / "lineage.html")
    page = browser.new_page()
    page.goto((tmp_path / "lineage.html").as_uri())
    page.locator("p.notice").nth(1).wait_for()
    assert page.locator("p.notice").all_inner_texts()[-2:] == [
        "assets/vis-network.min.js cannot be read: the pages need the assets folder written beside them.",
        "assets/network.js cannot be read: the pages need the assets folder written beside them.",
    ]
    page.screenshot(path=str(shots / "without-assets.png"))
    page.close()


def tree_sizes(store) -> dict[str, int]:
    """Nodes a plan view must show, by document: its region, its plan and every element of its tree."""
    query = (
        SPARQL_PREFIXES
        + """
    SELECT ?file (COUNT(DISTINCT ?n) AS ?size) WHERE { GRAPH ?g {
      ?n a ?cls . VALUES ?cls { pk:Chapter pk:Section pk:Part pk:Box pk:IndicatorTable pk:Measure pk:Indicator pk:Project }
      ?src a pk:SourceDocument ; dct:identifier ?file } } GROUP BY ?file"""
    )
    return {r["file"].value: int(r["size"].value) + 2 for r in store.query(query)}


def test_plan_views_show_the_whole_tree(browser, corpus_store, site: Path, shots: Path) -> None:
    sizes = tree_sizes(corpus_store)
    # 001: 6 chapters, 35 sections, 5 boxes, 1 table, 107 measures, 20 indicator rows, 12 targets in prose, 34 projects;
    # 002 (Traditional): 11 chapters, 56 sections, 1 part, 8 boxes, 2 tables, 52 measures, 26 rows, 11 targets in
    # prose, 35 projects (23 box items, 12 quantified undertakings: lines 493 (2), 497, 513 (4), 601, 651, 655 (3)).
    assert (sizes["001_e6d1326eb6e5ef17.txt"], sizes["002_1d4cc66293008ec4.txt"]) == (222, 204)
    # 000 states no chapters (its 83 measures and 8 boxes hang from the plan): 14 theme nodes group them, so its view
    # has 14 nodes more than its tree (test_a_plan_without_chapters_is_grouped_by_theme); its tree holds 7
    # quantified undertakings (lines 268 (2), 273, 279, 297, 308, 325).
    sizes["000_7c45746ca5003da4.txt"] += 14
    assert sizes["000_7c45746ca5003da4.txt"] == 185
    for file, nodes in sorted(sizes.items()):
        opened = Opened(browser, site / f"plan-{Path(file).stem}.html", shots)
        assert opened.counts() == (nodes, nodes - 1)  # one edge from each node to its parent
        status = opened.text("#status")
        assert status.startswith(f"{nodes} of {nodes} nodes and {nodes - 1} of {nodes - 1} edges shown")
        # a plan's tree is laid out once, by level, whatever its size: physics only pulled nodes onto labels (004's
        # region onto its plan's title)
        assert status.endswith(" · tree laid out by level, physics off")
        opened.page.close()


def test_clicking_a_measure_shows_its_text_and_source(browser, site: Path, shots: Path) -> None:
    opened = Opened(browser, site / "plan-003_1530986ba0a39128.html", shots)
    shown = opened.click_node(f"{PLAN}320214/fyp/2021-2025/5ccb1f6a/zh-Hans/chp_4__sec_2__para_1")
    assert shown.startswith("优化供给提升养老服务水平。\nclass\nmeasure 任务措施\ntext\n1.优化供给提升养老服务水平。")
    assert "quote\n1.优化供给提升养老服务水平。保障优化基本养老服务。" in shown  # 003 line 552
    assert "source\n003_1530986ba0a39128.txt line 552" in shown
    opened.page.screenshot(path=str(shots / "clicked-measure-003.png"))
    opened.page.close()


def test_clicking_a_traditional_indicator_shows_its_numbers(browser, site: Path, shots: Path) -> None:
    opened = Opened(browser, site / "plan-002_1d4cc66293008ec4.html", shots)
    shown = opened.click_node(f"{PLAN}431200/fyp/2021-2025/c1126cbe/zh-Hant/tbl_2__row_8")
    # 002 lines 327-335: 8 | 養老機構護理型床位占比(% | —— | ≥55 | 約束性
    assert shown.startswith("養老機構護理型床位占比(%\nclass\nbinding indicator 约束性指标")
    assert "numbers\nActual 2020: ——\nTarget 2025: ≥55 (≥ 55 %)" in shown
    assert "source\n002_1d4cc66293008ec4.txt line 327" in shown
    opened.page.screenshot(path=str(shots / "clicked-indicator-002.png"))
    opened.page.close()


def test_folding_at_the_chapters_hides_what_lies_under_them(browser, corpus_store, site: Path, shots: Path) -> None:
    nodes = tree_sizes(corpus_store)["003_1530986ba0a39128.txt"]
    opened = Opened(browser, site / "plan-003_1530986ba0a39128.html", shots)
    opened.page.select_option("#depth", "2")  # region, plan and the 5 chapters (第一章 … 第五章) stay
    assert opened.text("#status").startswith(f"7 of {nodes} nodes and 6 of {nodes - 1} edges shown")
    opened.page.select_option("#depth", "")
    assert opened.text("#status").startswith(f"{nodes} of {nodes} nodes")
    opened.page.close()


def instrument_regions(store) -> dict[str, set[str]]:
    """The regions of every instrument several plans name (shared-instruments lists them, instrument-mentions gives
    the places each is named)."""
    return {
        row[0]: {mention[4] for mention in run_query(store, "instrument-mentions", {"instrument": row[0]})[1]}
        for row in run_query(store, "shared-instruments", {})[1]
    }


def shared_regions(store) -> tuple[list[list[str]], list[set[str]]]:
    """The policy-families rows, and the regions of every family, shared indicator concept and shared instrument
    (library queries)."""
    _, families = run_query(store, "policy-families", {})
    by_concept: dict[str, set[str]] = {}
    for row in run_query(store, "shared-indicator-concepts", {})[1]:
        by_concept.setdefault(row[0], set()).add(row[2])
    by_instrument = instrument_regions(store)
    return families, [set(f[5].split("、")) for f in families] + list(by_concept.values()) + list(by_instrument.values())


def test_lineage_view_plans_families_and_shared_indicators(browser, corpus_store, site: Path, shots: Path) -> None:
    families, regions = shared_regions(corpus_store)
    pairs = {pair for r in regions for pair in combinations(sorted(r), 2)}
    assert len(pairs) == 10  # every two of the five plans share a family or an indicator
    opened = Opened(browser, site / "lineage.html", shots)
    assert opened.counts() == (5 + len(regions), sum(len(r) for r in regions) + len(pairs))
    # the score filter hides the families whose copied clauses are less probable, never a plan or an indicator
    opened.page.fill("#score", "0.9")
    opened.page.dispatch_event("#score", "input")
    kept = opened.page.evaluate("""(() => { const d = JSON.parse(document.getElementById("view-data").textContent);
        return d.nodes.filter(n => !plankgView.nodes.get(n.id).hidden).map(n => d.meta[n.id]); })()""")
    assert sum(m["kind"] == "plan" for m in kept) == 5
    assert all(m["score"] >= 0.9 for m in kept if m["kind"] == "item" and m["score"] is not None)
    assert sum(m["kind"] == "item" and m["score"] is None for m in kept) == len(regions) - len(families)
    assert 0 < sum(m["kind"] == "item" and m["score"] is not None for m in kept) < len(families)
    opened.page.fill("#score", "0")
    opened.page.dispatch_event("#score", "input")
    opened.page.select_option("#level", "District")  # 新吴区 (003) alone, with what it shares
    assert opened.text("#status").startswith(f"{1 + sum('新吴区' in r for r in regions)} of ")
    opened.page.select_option("#level", "")
    opened.page.select_option("#theme", "养老服务")
    visible = opened.page.evaluate("""(() => { const d = JSON.parse(document.getElementById("view-data").textContent);
        return d.nodes.filter(n => !plankgView.nodes.get(n.id).hidden).map(n => d.meta[n.id]); })()""")
    items = [m["themes"] for m in visible if m["kind"] == "item"]
    assert sum(m["kind"] == "plan" for m in visible) == 5 and items and all("养老服务" in t for t in items)
    assert sum(f[2] == "养老服务" for f in families) <= len(items)  # every elderly-care family is among them
    shown = opened.click_node(f"{PLAN}320214/fyp/2021-2025/5ccb1f6a")
    assert shown.startswith("无锡高新区(新吴区)民政事业 “十四五”发展规划\nclass\nplan 规划\nregion\n新吴区\nlevel\nDistrict")
    opened.page.close()


SHOWN_META = """(() => { const d = JSON.parse(document.getElementById("view-data").textContent);
    return d.nodes.filter(n => !plankgView.nodes.get(n.id).hidden).map(n => d.meta[n.id]); })()"""


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)])
def test_lineage_view_shows_shared_instruments(browser, corpus_store, site: Path, shots: Path, size) -> None:
    """Each instrument two plans or more name is a node linked to those plans; its panel lists where each names it;
    a toggle hides the instruments (and the plan-to-plan counts drop what they shared), like families and indicators."""
    instruments = instrument_regions(corpus_store)
    assert len(instruments) == 142
    opened = Opened(browser, site / "lineage.html", shots)
    opened.page.set_viewport_size({"width": size[0], "height": size[1]})
    shown = opened.page.evaluate(SHOWN_META)
    assert sum(m.get("cls") == "PolicyInstrument" for m in shown) == 142
    [node] = [
        r["c"].value
        for r in corpus_store.query(
            f"""SELECT ?c WHERE {{ GRAPH ?g {{ ?c <{SKOS}prefLabel> "收养评估制度"@zh-Hans ; a <{PK}PolicyInstrument> }} }}"""
        )
    ]
    plans = opened.page.evaluate(f"plankgView.network.getConnectedNodes('{node}')")
    assert sorted(p.removeprefix(PLAN) for p in plans) == [
        "210000/fyp/2021-2025/6362853e",
        "431200/fyp/2021-2025/c1126cbe",
        "440200/annual/2021/97646312",
        "450900/fyp/2021-2025/05cd351b",
    ]
    panel = opened.click_node(node)
    # 001 line 408, 002 line 551 (Traditional, as written), 004 line 21, 000 line 309: the name and its sentence
    occurrences = panel.split("occurrences\n")[-1].split("\nIRI")[0].splitlines()
    assert occurrences == [
        "辽宁省 line 408: 收养评估制度 — 全面实施收养评估制度,研究推动收养病残儿童的家庭支持政策措施,鼓励收养病残儿童",
        "怀化市 line 551: 收養評估制度 — 實施收養評估制度,嚴格落實收養登記評估實施細則,執行收養評估標準,"
        "切實保障收養關系當事人合法權益",
        "韶关市 line 21: 收养评估制度 — 贯彻落实《中华人民共和国民法典》关于收养的规定,做好收养登记相关规定变更后的办理工作,"
        "全面实施收养评估制度,严格把握收养条件,理顺收养登记程序,规范收养登记工作",
        "玉林市 line 309: 收养评估制度 — 规范儿童送养管理,规范收养登记程序,全面推进实施收养评估制度,逐步建立完善收养评估标准体系",
    ]
    assert (
        "shared instrument 共享政策工具" in panel and "occurrences per plan\n辽宁省: 1\n怀化市: 1\n韶关市: 1\n玉林市: 1" in panel
    )
    opened.page.screenshot(path=str(shots / f"lineage-instrument-{size[0]}.png"))
    before = {(a, b): label for a, b, label, _hidden, _n in opened.page.evaluate(PAIRS_SHOWN)}
    opened.page.uncheck("input.relation[value=PolicyInstrument]")
    shown = opened.page.evaluate(SHOWN_META)
    assert not any(m.get("cls") == "PolicyInstrument" for m in shown) and sum(m["kind"] == "plan" for m in shown) == 5
    assert opened.text("#status").startswith(f"{len(shown)} of {len(shown) + 142} nodes")
    after = opened.page.evaluate(PAIRS_SHOWN)
    for a, b, label, hidden, shared in after:  # what the two plans share among the families and indicators left
        assert (label, hidden) == (str(shared), shared == 0), (a, b)
    assert sum(int(label) for _a, _b, label, _h, _n in after) < sum(int(v) for v in before.values())
    opened.page.uncheck("input.relation[value=PolicyFamily]")
    opened.page.uncheck("input.relation[value=IndicatorConcept]")
    opened.page.check("input.relation[value=PolicyInstrument]")
    shown = opened.page.evaluate(SHOWN_META)
    assert sorted({m.get("cls", "plan") for m in shown}) == ["PolicyInstrument", "plan"] and len(shown) == 5 + 142
    opened.page.evaluate("plankgView.network.fit({animation: false})")
    opened.page.screenshot(path=str(shots / f"lineage-instruments-only-{size[0]}.png"))
    for box in ("PolicyFamily", "IndicatorConcept"):
        opened.page.check(f"input.relation[value={box}]")
    assert {(a, b): label for a, b, label, _h, _n in opened.page.evaluate(PAIRS_SHOWN)} == before
    opened.assert_clean()
    opened.page.close()


DRAWN = """(indices) => Promise.all(indices.map((i) => plankgCharts.draw(i))).then(() => indices.map((i) => {
  const plot = document.querySelectorAll("#chart figure")[i].querySelector(".plot");
  return [document.querySelectorAll("#chart figcaption")[i].textContent, plot.data.length, plot.data[0]]; }))"""


def test_indicator_comparison_puts_targets_side_by_side(browser, site: Path, shots: Path) -> None:
    opened = Opened(browser, site / "indicators.html", shots)
    # one chart, and one bar trace, per shared concept with targets (17: 3 of them shared through targets in prose)
    counted = "[document.querySelectorAll('#chart figure').length, plankgCharts.figure.charts.length]"
    assert opened.page.evaluate(counted) == [17, 17]
    # opened at 1400x900: the charts in view (and 200 px below) are drawn, those further down only when scrolled to
    drawn = opened.page.evaluate("[...document.querySelectorAll('#chart figure')].map((f) => f.dataset.drawn === 'true')")
    assert drawn[:4] == [True] * 4 and drawn[-2:] == [False, False]
    nursing = opened.page.evaluate(
        "plankgCharts.figure.charts.flatMap((c, i) => "
        "c.trace.hovertext.some((h) => /护理型床位占比|護理型床位占比/.test(h)) ? [i] : [])"
    )
    assert len(nursing) == 1
    [(title, traces, trace)] = opened.page.evaluate(DRAWN, nursing)
    assert (title, traces) == ("养老机构护理型床位占比 (%)", 1)
    bars = [[x, y, text] for x, y, text in zip(trace["x"], trace["y"], trace["text"], strict=True)]
    # 怀化市 (002 line 333) ≥55, 新吴区 (003 line 552, in prose) 达到90%以上, 玉林市 (000 line 168) ≥60, 辽宁省 (001
    # line 252) ≥55: a plan's table row before the targets it restates in prose (000 lines 269, 274; 002 line 523)
    assert bars == [["怀化市", 55, "≥55"], ["新吴区", 90, "达到90%以上"], ["玉林市", 60, "≥60"], ["辽宁省", 55, "≥55"]]
    opened.page.mouse.wheel(0, 20_000)  # scrolled to the end: the last charts are drawn as they come into view
    opened.page.locator("#chart figure:last-child[data-drawn=true]").wait_for(state="attached")
    opened.page.screenshot(path=str(shots / "indicators-scrolled.png"))
    opened.assert_clean()
    opened.page.close()


def test_an_indicator_of_many_plans_is_charted_per_province(corpus_store, monkeypatch) -> None:
    """Above MAX_BARS plans an indicator's chart is one per province (by its GB/T 2260 code), each led by the national
    plans' targets. The corpus's four nursing-bed targets (see above) with a cap of 3: 辽宁省 210000, 新吴区 320214 of
    江苏省, 怀化市 431200 of 湖南省, 玉林市 450900 of 广西壮族自治区."""
    from plankg.viz import chart, data

    plans = data.plans(corpus_store)
    monkeypatch.setattr(chart, "MAX_BARS", 3)
    figure = chart.comparison_figure(plans, data.shared_targets(corpus_store), provinces=data.provinces(corpus_store, plans))
    nursing = [c for c in figure["charts"] if c["title"].startswith("养老机构护理型床位占比 (%)")]
    assert [(c["title"], c["trace"]["x"], c["trace"]["text"]) for c in nursing] == [
        ("养老机构护理型床位占比 (%) · 辽宁省: 1 of 4 plans", ["辽宁省"], ["≥55"]),
        ("养老机构护理型床位占比 (%) · 江苏省: 1 of 4 plans", ["新吴区"], ["达到90%以上"]),
        ("养老机构护理型床位占比 (%) · 湖南省: 1 of 4 plans", ["怀化市"], ["≥55"]),
        ("养老机构护理型床位占比 (%) · 广西壮族自治区: 1 of 4 plans", ["玉林市"], ["≥60"]),
    ]
    assert max(len(c["trace"]["x"]) for c in figure["charts"]) == 3  # the rest stay whole
    target = data.Target("", "养老机构护理型床位占比", "≥55", 55.0, "≥", "%", "2025", "f.txt", "1")
    national, *rest = [replace(target, plan=p) for p in ("cn", "a1", "a2", "b1")]
    provinces = {"cn": ("000000", "全国"), "a1": ("210000", "辽宁省"), "a2": ("210000", "辽宁省"), "b1": ("130000", "河北省")}
    assert chart.by_province([national, *rest], provinces) == [
        ("河北省: 1 of 4 plans", [national, rest[2]]),
        ("辽宁省: 2 of 4 plans", [national, rest[0], rest[1]]),
    ]


@pytest.fixture(scope="module")
def injected(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """003 with a <script> in its title line and an <img onerror> and a <script> in a measure (line 572)."""
    from plankg.loading.documents import bundled_corpus

    lines = (bundled_corpus() / "003_1530986ba0a39128.txt").read_text(encoding="utf-8").split("\n")
    lines[0] = lines[0].replace("民政事业", '民政事业<script>alert("title")</script>', 1)
    lines[571] = lines[571].replace(
        "深化绿色惠民殡葬改革。", '深化绿色惠民殡葬改革<img src=x onerror=alert("measure")>。<script>window.pwned=1</script>', 1
    )
    folder = tmp_path_factory.mktemp("injected")
    (folder / "injected.txt").write_text("\n".join(lines), encoding="utf-8")
    store = open_store(folder / "store")
    assert [r.ok for r in load_paths(store, [folder / "injected.txt"])] == [True]
    rebuild_lineage(store)
    write_site(store, folder / "site")
    return folder / "site"


def test_injected_markup_shows_as_text_and_runs_nothing(browser, injected: Path, shots: Path) -> None:
    title = '无锡高新区(新吴区)民政事业<script>alert("title")</script> “十四五”发展规划'
    index = Opened(browser, injected / "index.html", shots)
    index.assert_clean()
    assert title in index.text("#plans")
    view = Opened(browser, injected / "plan-injected.html", shots)
    assert view.text("#heading") == title
    shown = view.click_node(f"{PLAN}320214/fyp/2021-2025/b4b5bab0/zh-Hans/chp_4__sec_4__para_3")  # its title's key
    assert '3. 深化绿色惠民殡葬改革<img src=x onerror=alert("measure")>。<script>window.pwned=1</script>强化殡葬' in shown
    assert view.page.evaluate("[window.pwned, document.querySelectorAll('#details img, #details script').length]") == [None, 0]
    view.assert_clean()  # no alert dialog, no request for "x", no console error
    view.page.screenshot(path=str(shots / "injected-measure.png"))
    for page in (index, view):
        page.page.close()


@pytest.fixture(scope="module")
def capped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic corpus of 12 plans written with a cap of CAP nodes per view."""
    folder = tmp_path_factory.mktemp("synthetic")
    assert plankg("synth", "--plans", "12", "-o", str(folder / "corpus")).returncode == 0
    built = plankg("build", str(folder / "corpus"), "--store", str(folder / "store"), "--no-validate", "--no-views")
    assert built.returncode == 0, built.stderr
    written = plankg("viz", "--store", str(folder / "store"), "-o", str(folder / "site"), "--max-nodes", str(CAP))
    assert written.stdout == f"wrote 15 pages to {folder / 'site'}; open {folder / 'site' / 'index.html'}\n"
    return folder / "site"


def test_views_above_the_cap_aggregate_and_say_so(browser, capped: Path, shots: Path) -> None:
    from plankg.viz import data
    from plankg.viz.grouping import group_by_theme

    store = open_store(capped.parent / "store", read_only=True)
    sizes = tree_sizes(store)
    assert len(sizes) == 12 and min(sizes.values()) <= CAP < max(sizes.values())  # both kinds of plan are there
    # a plan without chapters also draws its theme nodes (plankg.viz.grouping), which count towards the cap
    themes = {p.file: len(group_by_theme(data.plan_tree(store, p.graph))[1]) for p in data.plans(store)}
    for file, size in sorted(sizes.items()):
        opened = Opened(browser, capped / f"plan-{Path(file).stem}.html", shots)
        opened.assert_clean()
        nodes, edges = opened.counts()
        notices = opened.page.locator(".notice").all_inner_texts()
        grouped = [n for n in notices if n.startswith("This plan states no chapters:")]
        assert len(grouped) == (themes[file] > 0)
        if size + themes[file] > CAP:
            assert nodes <= CAP and edges == nodes - 1
            added = f" and {themes[file]} theme nodes" if themes[file] else ""
            assert notices[0].startswith(f"This plan has {size} nodes{added}, more than the cap of {CAP} per view")
            assert f"({nodes} nodes shown)" in notices[0]
        else:
            assert (nodes, edges, notices) == (size + themes[file], size + themes[file] - 1, grouped)
        opened.page.close()
    _, regions = shared_regions(store)
    pairs = len({pair for r in regions for pair in combinations(sorted(r), 2)})
    assert len(regions) > CAP - 12 and pairs > CAP
    lineage = Opened(browser, capped / "lineage.html", shots)
    assert lineage.counts()[0] == CAP  # the 12 plans and the most widely shared families, indicators and instruments
    assert lineage.page.locator(".notice").all_inner_texts() == [
        f"{len(regions)} families, shared indicators and instruments exceed the cap of {CAP} nodes per view: "
        f"the {CAP - 12} shared by the most plans are shown. Plan-to-plan edges count all of them.",
        f"{pairs} pairs of plans share something: the {CAP} pairs that share the most are drawn.",
    ]
    lineage.page.close()


def test_a_large_store_is_listed_by_province(browser, capped: Path, tmp_path: Path, shots: Path) -> None:
    """Above plans_per_index plans, index.html lists the provinces (a region's province: the first two digits of
    its GB/T 2260 code) with their plans' counts, each province's plans on a page of their own; its search lists
    the plans whose fields hold the words and opens a province's page searching them."""
    from plankg.viz import data
    from plankg.viz.site import page_name

    store = open_store(capped.parent / "store", read_only=True)
    plans = data.plans(store)
    expected: dict[str, list[str]] = {}
    for p in plans:
        code = p.region.rsplit("/", 1)[-1]
        expected.setdefault("000000" if code == "CN" else code[:2] + "0000", []).append(page_name(p))
    assert len(plans) == 12 and len(expected) > 2  # several provinces, several plans in some
    site = tmp_path / "site"
    names = [p.name for p in write_site(store, site, max_nodes=CAP, plans_per_index=5)]
    assert names[0] == "index.html" and names[-2:] == ["lineage.html", "indicators.html"]
    assert sorted(names[1:13]) == sorted(page_name(p) for p in plans)
    assert names[13:-2] == [f"plans-{code}.html" for code in sorted(expected)]
    index = Opened(browser, site / "index.html", shots)
    index.assert_clean()
    assert index.page.locator(".notice").all_inner_texts() == [
        "12 plans, more than 5 for one table: they are listed by province, each province's plans on a page of their "
        "own, whose search also looks through their headings, measures, indicators and projects."
    ]
    listed = index.page.locator("#provinces tbody tr").evaluate_all(
        "rows => rows.map(r => [r.querySelector('a.province').getAttribute('href'), Number(r.cells[1].textContent)])"
    )
    assert listed == [[f"plans-{code}.html", len(files)] for code, files in sorted(expected.items())]
    for code, files in sorted(expected.items()):
        page = Opened(browser, site / f"plans-{code}.html", shots)
        page.assert_clean()
        assert sorted(page.page.locator("a.plan-view").evaluate_all("links => links.map(a => a.getAttribute('href'))")) == (
            sorted(files)
        )
        page.page.close()
    one = plans[3]
    code = next(c for c, files in expected.items() if page_name(one) in files)
    index.page.fill("#search", one.file)
    assert index.text("#found") == "1 of 12 plans match, listed above the provinces"
    assert index.page.locator("#matches tbody tr").evaluate_all(
        "rows => rows.map(r => [r.cells[5].textContent, ...Array.from(r.querySelectorAll('a'), a => a.getAttribute('href'))])"
    ) == [[one.file, f"{page_name(one)}#search={one.file}", f"plans-{code}.html#search={one.file}"]]
    matching = index.page.locator("#provinces td.matching").all_inner_texts()
    assert matching == ["1" if c == code else "0" for c in sorted(expected)]
    index.page.screenshot(path=str(shots / "by-province-searched.png"))
    index.page.locator(f'#matches a[href^="plans-{code}.html"]').click()
    index.page.locator("body[data-ready=true]").wait_for(state="attached")
    assert index.text("#found") == f"1 of {len(expected[code])} plans match"
    assert index.page.locator("#plans tr[data-plan]:not([hidden]) td.document").all_inner_texts() == [one.file]
    index.assert_clean()
    index.page.close()


def test_small_caps_collapse_further(corpus_store, site: Path) -> None:
    from plankg.viz import data
    from plankg.viz.network import lineage_view, plan_view

    plans = data.plans(corpus_store)
    liaoning = next(p for p in plans if p.file == "001_e6d1326eb6e5ef17.txt")
    tree = data.plan_tree(corpus_store, liaoning.graph)
    by_chapter = plan_view(liaoning, tree, max_nodes=20)  # 001's 6 chapters (第一章 … 第六章), one grey node each
    assert len(by_chapter.nodes) == 14 and "everything below each chapter is collapsed" in by_chapter.notes[0]
    whole = plan_view(liaoning, tree, max_nodes=10)
    assert [n["label"] for n in whole.nodes] == ["辽宁省", "辽宁省民政事业发展第十四个五年…", "220 collapsed"]
    assert whole.notes == [
        "This plan has 222 nodes, more than the cap of 10 per view: everything below the plan is collapsed "
        "into one grey node (3 nodes shown). Click a grey node for the list."
    ]
    few = lineage_view(plans, data.lineage(corpus_store), max_nodes=6)
    assert few.notes[0] == "5 plans exceed half the cap of 6 nodes per view: the 3 plans that share the most are shown."
    assert len(few.nodes) == 6


def test_a_plan_tree_is_laid_out_around_its_plan(corpus_store) -> None:
    """001's view: the plan at the centre, 辽宁省 straight above it, the 6 chapters (第一章 … 第六章) on the same circle,
    clockwise in document order, and each of the 222 nodes at a position of its own."""
    from plankg.viz import data
    from plankg.viz.network import plan_view

    liaoning = next(p for p in data.plans(corpus_store) if p.file == "001_e6d1326eb6e5ef17.txt")
    tree = data.plan_tree(corpus_store, liaoning.graph)
    at = {n["id"]: (n["x"], n["y"]) for n in plan_view(liaoning, tree).nodes}
    assert len(set(at.values())) == len(at) == 222
    assert at[liaoning.plan] == (0, 0)
    x, y = at[liaoning.region]
    assert x == 0 and y < 0  # vis-network's y axis points down
    chapters = sorted((n for n in tree if n.cls == "Chapter"), key=lambda n: n.order)
    assert len(chapters) == 6
    radii = [math.hypot(*at[c.iri]) for c in chapters] + [-y]
    assert max(radii) - min(radii) < 0.2  # positions are rounded to 0.1
    clockwise = [(math.atan2(at[c.iri][1], at[c.iri][0]) + math.pi / 2) % (2 * math.pi) for c in chapters]
    assert clockwise == sorted(clockwise)


def test_build_writes_the_views_unless_told_not_to(tmp_path: Path) -> None:
    result = plankg("build", "--store", str(tmp_path / "store"), "--no-validate", "--no-lineage", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "views: 8 pages in plankg-site; open plankg-site/index.html" in result.stdout
    assert sorted(p.name for p in (tmp_path / "plankg-site").iterdir()) == sorted([*CORPUS_PAGES, "assets"])


def test_viz_without_a_store_is_a_clear_error(tmp_path: Path) -> None:
    result = plankg("viz", "--store", str(tmp_path / "missing"), "-o", str(tmp_path / "site"))
    assert (result.returncode, result.stderr) == (1, f"Error: no store at {tmp_path / 'missing'}: run `plankg build` first\n")


def test_viz_into_an_unwritable_place_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("a file, not a folder", encoding="utf-8")
    store = open_store(tmp_path / "store")  # an empty store is enough: writing fails first
    del store
    target = tmp_path / "notes.txt" / "site"
    result = plankg("viz", "--store", str(tmp_path / "store"), "-o", str(target))
    assert (result.returncode, result.stderr) == (1, f"Error: cannot write the views to {target}: Not a directory\n")


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)])
def test_search_selects_focuses_and_shows_the_matches(browser, corpus_store, site: Path, shots: Path, size) -> None:
    measure = "https://w3id.org/plankg/id/plan/210000/fyp/2021-2025/6362853e/zh-Hans/chp_5__sec_2__para_7"  # 001 line 471
    opened = Opened(browser, site / "plan-001_e6d1326eb6e5ef17.html", shots)
    opened.page.set_viewport_size({"width": size[0], "height": size[1]})
    opened.page.fill("#search", "平战结合")
    assert opened.text("#found") == "1 node matches"
    assert opened.page.evaluate("plankgView.network.getSelectedNodes()") == [measure]
    assert opened.page.evaluate(f"plankgView.network.getPositions(['{measure}'])['{measure}'] !== undefined")
    details = opened.text("#details")
    assert details.startswith("提升应急救援能力。") and "001_e6d1326eb6e5ef17.txt line 471" in details
    opened.page.screenshot(path=str(shots / f"search-plan-{size[0]}.png"))
    opened.page.fill("#search", "")
    assert opened.text("#found") == "" and opened.page.evaluate("plankgView.network.getSelectedNodes()") == []
    opened.assert_clean()
    opened.page.close()

    lineage = Opened(browser, site / "lineage.html", shots)
    lineage.page.set_viewport_size({"width": size[0], "height": size[1]})
    lineage.page.fill("#search", "辽宁省")
    selected = lineage.page.evaluate("plankgView.network.getSelectedNodes()")
    assert "https://w3id.org/plankg/id/plan/210000/fyp/2021-2025/6362853e" in selected
    assert lineage.text("#found") == f"{len(selected)} nodes match"
    # a family's panel lists each member's text with its plan and line: 玉林 line 283 and 辽宁 line 471 are one family
    [family] = [
        r["f"].value
        for r in corpus_store.query(f"""SELECT ?f WHERE {{ GRAPH ?g {{ ?f <{PK}member>
        <https://w3id.org/plankg/id/plan/450900/fyp/2021-2025/05cd351b/zh-Hans/para_17> , <{measure}> }} }}""")
    ]
    panel = lineage.click_node(family)
    assert "member texts" in panel
    assert "玉林市 line 283: 提升应急救援能力。按照“分层分类、平战结合、高效协作”原则" in panel
    assert "辽宁省 line 471: 提升应急救援能力。" in panel
    lineage.page.screenshot(path=str(shots / f"search-lineage-{size[0]}.png"))
    lineage.assert_clean()
    lineage.page.close()


PAIRS_SHOWN = """(() => {
  const d = JSON.parse(document.getElementById("view-data").textContent);
  const shown = (id) => !plankgView.nodes.get(id).hidden;
  return plankgView.edges.get({ filter: (e) => e.pair }).map((e) => {
    const both = plankgView.network.getConnectedNodes(e.from)
      .filter((n) => d.meta[n].kind === "item" && shown(n) && plankgView.network.getConnectedNodes(e.to).includes(n));
    return [e.from, e.to, e.label, e.hidden === true, both.length];
  });
})()"""


def test_a_filter_applies_to_the_plan_to_plan_counts(browser, site: Path, shots: Path) -> None:
    opened = Opened(browser, site / "lineage.html", shots)
    opened.page.set_viewport_size({"width": 1280, "height": 800})
    before = {(a, b): label for a, b, label, _hidden, _n in opened.page.evaluate(PAIRS_SHOWN)}
    assert all(int(label) >= n for a, b, label, _h, n in opened.page.evaluate(PAIRS_SHOWN))  # all themes counted
    opened.page.select_option("#theme", "养老服务")
    after = opened.page.evaluate(PAIRS_SHOWN)
    for a, b, label, hidden, shared in after:  # each pair's number is what the two plans share among what is shown
        assert (label, hidden) == (str(shared), shared == 0), (a, b)
    assert sum(int(label) for _a, _b, label, _h, _n in after) < sum(int(v) for v in before.values())
    opened.page.screenshot(path=str(shots / "lineage-elderly-care.png"))
    opened.page.select_option("#theme", "")
    assert {(a, b): label for a, b, label, _h, _n in opened.page.evaluate(PAIRS_SHOWN)} == before
    opened.assert_clean()
    opened.page.close()


LABEL_SIZES = """(() => {
  const n = plankgView.network, d = JSON.parse(document.getElementById("view-data").textContent);
  const drawn = (id) => n.body.nodes[id].options.font.size * n.getScale()
    >= n.body.nodes[id].options.scaling.label.drawThreshold;
  return d.nodes.map((node) => [d.meta[node.id].kind, drawn(node.id)]);
})()"""


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)])
def test_lineage_labels_by_zoom_level(browser, site: Path, shots: Path, size) -> None:
    """At the fitted zoom only the plans are named (the families' labels piled up); zoomed in, all are."""
    opened = Opened(browser, site / "lineage.html", shots)
    opened.page.set_viewport_size({"width": size[0], "height": size[1]})
    opened.page.evaluate("plankgView.network.fit({animation: false})")
    opened.page.reload()
    opened.page.locator("body[data-ready=true]").wait_for(state="attached")
    fitted = opened.page.evaluate(LABEL_SIZES)
    assert {kind for kind, drawn in fitted if drawn} == {"plan"} and all(d for k, d in fitted if k == "plan")
    opened.page.evaluate("plankgView.network.moveTo({scale: plankgView.network.getScale() * 1.5, animation: false})")
    assert all(drawn for _kind, drawn in opened.page.evaluate(LABEL_SIZES))
    opened.page.screenshot(path=str(shots / f"lineage-zoomed-{size[0]}.png"))
    opened.assert_clean()
    opened.page.close()


def test_a_plan_without_chapters_is_grouped_by_theme(corpus_store, site: Path) -> None:
    """000 lost its headings: its 83 measures and 8 boxes (专栏) hang from the plan. Its view groups them under the
    themes their texts are assigned, in document order; a box goes with the text it follows (of equal themes)."""
    from dataclasses import replace

    from plankg.viz import data
    from plankg.viz.grouping import MAX_FAN, group_by_theme
    from plankg.viz.network import plan_view

    plans = {p.file: p for p in data.plans(corpus_store)}
    yulin = plans["000_7c45746ca5003da4.txt"]
    tree = data.plan_tree(corpus_store, yulin.graph)
    view = plan_view(yulin, tree)
    label = {n["id"]: n["label"] for n in view.nodes}
    top = [e["to"] for e in view.edges if e["from"] == yulin.plan]
    # the two indicator tables (lines 9, 97) and parts 发展机遇 / 发展挑战 (lines 76, 79) stay; the groups follow
    assert [label[t] for t in top] == [
        "“十三五”时期民政事业发展规划…",
        "发展机遇",
        "发展挑战",
        "玉林市“十四五”时期民政事业发…",
        "社会救助 (1)",
        "养老服务 (18)",
        "基层治理 (8)",
        "党建与保障 (12)",
        "社会组织 (8)",
        "慈善 (3)",
        "福利彩票 (2)",
        "儿童福利 (12)",
        "婚姻收养 (3)",
        "残疾人福利 (2)",
        "殡葬 (6)",
        "区划地名 (6)",
        "社会工作 (5)",
        "志愿服务 (5)",
    ]
    assert view.notes == [
        "This plan states no chapters: its 91 items (measure 83, box 8) are grouped under 14 theme nodes, "
        "from the themes assigned to their texts (not headings of the document)."
    ]
    members = {label[t]: dict(view.details[t]["fields"])["members"] for t in top if "#theme/" in t}
    assert sum(len(m) for m in members.values()) == 91  # each measure and box in one group
    assert members["养老服务 (18)"][:2] == ["搭建城乡大养老服务体系。 (line 267)", "持续提升养老服务质量。 (line 268)"]
    assert "“幸福颐养”专项工程 (line 284)" in members["养老服务 (18)"]  # a box of elderly-care projects
    # line 355: its one project is 志愿服务, 基层治理 and 养老服务 alike; it follows the 志愿服务 measures of lines 351-354
    assert members["志愿服务 (5)"] == [
        "健全志愿服务组织体系。 (line 351)",
        "完善志愿服务项目体系。 (line 352)",
        "构建志愿服务协作机制。 (line 353)",
        "建立志愿服务大系统平台。 (line 354)",
        "“志愿者服务”专项工程 (line 355)",
    ]
    # general, not fitted to 000: a plan with chapters is left as it is, so is a flat plan of at most MAX_FAN items,
    # and items without themes (no lineage graph) are grouped in runs of document order
    liaoning = plans["001_e6d1326eb6e5ef17.txt"]
    assert group_by_theme(data.plan_tree(corpus_store, liaoning.graph))[1] == []
    known = {n.iri for n in tree}
    flat = [n for n in tree if n.parent not in known and n.cls == "Measure"]
    assert group_by_theme(flat[:MAX_FAN])[1] == []
    runs = group_by_theme([replace(n, themes=[]) for n in tree])[1]
    # 91 items: box 1 (line 264) and the measures of lines 267-277 first, then 278-283, box 2 (284) and 287-291 …
    assert [g.label for g in runs] == [
        "第264–277行 (12)",
        "第278–291行 (12)",
        "第292–305行 (12)",
        "第306–320行 (12)",
        "第321–332行 (12)",
        "第333–346行 (12)",
        "第347–361行 (12)",
        "第362–368行 (7)",
    ]
    without = [replace(n, themes=[]) for n in tree if n.line not in {"362", "363", "364", "365", "366", "367"}]
    assert group_by_theme(without)[1][-1].label == "第368行 (1)"  # 85 items: the last run is line 368 alone


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)])
def test_a_theme_group_panel_and_search_in_a_plan_without_chapters(browser, site: Path, shots: Path, size) -> None:
    opened = Opened(browser, site / "plan-000_7c45746ca5003da4.html", shots)
    opened.page.set_viewport_size({"width": size[0], "height": size[1]})
    assert opened.text(".notice").startswith("This plan states no chapters: its 91 items (measure 83, box 8)")
    shown = opened.click_node(f"{PLAN}450900/fyp/2021-2025/05cd351b/zh-Hans#theme/志愿服务")
    assert shown.startswith("志愿服务 (5)\nclass\ntheme group 主题分组\ntheme\n志愿服务")
    assert "“志愿者服务”专项工程 (line 355)" in shown
    opened.page.fill("#search", "志愿者服务")  # the box's title, and its project's text
    selected = opened.page.evaluate("plankgView.network.getSelectedNodes()")
    assert f"{PLAN}450900/fyp/2021-2025/05cd351b/zh-Hans/box_8" in selected
    assert opened.text("#found") == f"{len(selected)} nodes match"
    # the graph fits the window below the notice: nothing of it is cut off at the bottom
    box = opened.page.locator("#graph").bounding_box()
    assert box["y"] + box["height"] <= size[1]
    opened.page.screenshot(path=str(shots / f"theme-groups-000-{size[0]}.png"))
    opened.assert_clean()
    opened.page.close()


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)])
def test_index_search_marks_the_plans_and_opens_their_views_searching(browser, site: Path, shots: Path, size) -> None:
    opened = Opened(browser, site / "index.html", shots)
    opened.page.set_viewport_size({"width": size[0], "height": size[1]})
    opened.page.fill("#search", "护理型床位")
    # 000 line 168 and 001 line 252 (Simplified), 002 line 327 (Traditional: 護理型床位), 003 line 552 (in prose);
    # 004 states no such indicator
    assert opened.text("#found") == "4 of 5 plans match"
    rows = opened.page.locator("#plans tr[data-plan]")
    assert [rows.nth(i).is_visible() for i in range(5)] == [True, True, True, True, False]
    huaihua = opened.page.locator("#plans tr[data-plan='2'] + tr.hits")
    assert huaihua.inner_text().startswith("target stated in prose 1, binding indicator 1: 養老機構護理型床位占比")
    assert huaihua.locator("mark").first.inner_text() == "護理型床位"
    opened.page.screenshot(path=str(shots / f"index-search-{size[0]}.png"), full_page=True)
    opened.page.fill("#search", "District")  # a region level: 新吴区 (003) alone
    assert opened.text("#found") == "1 of 5 plans match"
    assert opened.page.locator("#plans tr[data-plan='3'] mark").inner_text() == "District"
    opened.page.fill("#search", "护理型床位")
    opened.page.locator("#plans tr[data-plan='2'] a.plan-view").click()
    opened.page.locator("body[data-ready=true]").wait_for(state="attached")
    assert opened.page.input_value("#search") == "护理型床位"
    selected = opened.page.evaluate("plankgView.network.getSelectedNodes()")
    assert f"{PLAN}431200/fyp/2021-2025/c1126cbe/zh-Hant/tbl_2__row_8" in selected  # 002 line 327, found in Simplified
    assert opened.text("#found") == f"{len(selected)} nodes match"
    opened.page.go_back()
    opened.page.fill("#search", "")
    assert opened.text("#found") == "" and opened.page.locator("#plans tr.hits:visible").count() == 0
    assert all(rows.nth(i).is_visible() for i in range(5))
    opened.assert_clean()
    opened.page.close()


CHARTS = """(() => { const c = document.getElementById("chart"), matches = JSON.parse(c.dataset.matches || "[]");
  const boxes = document.querySelectorAll("#chart figure");
  return Promise.all(matches.map((i) => plankgCharts.draw(i))).then(() => ({
    matched: matches.map((i) => { const bars = boxes[i].querySelector(".plot").data[0];
      return [boxes[i].querySelector("figcaption").textContent, bars.x.filter((x, j) => bars.marker.line.width[j] > 0)]; }),
    frames: document.querySelectorAll("#chart figure.matched").length,
    top: matches.length ? boxes[matches[0]].getBoundingClientRect().top : 0,
    bar: document.getElementById("search-bar").getBoundingClientRect().bottom })); })()"""


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)])
def test_indicator_search_frames_the_charts_and_brings_the_first_into_view(browser, site: Path, shots: Path, size) -> None:
    opened = Opened(browser, site / "indicators.html", shots)
    opened.page.set_viewport_size({"width": size[0], "height": size[1]})
    opened.page.fill("#search", "婚姻登记")  # the 6th chart (by name), in the third row
    assert opened.text("#found") == "1 chart matches"
    found = opened.page.evaluate(CHARTS)
    assert found["matched"] == [["婚姻登记跨省通办实施率 (%)", ["新吴区", "玉林市", "辽宁省"]]] and found["frames"] == 1
    assert found["bar"] <= found["top"] < size[1] / 2  # scrolled to just below the search bar, which stays in view
    opened.page.screenshot(path=str(shots / f"indicators-search-{size[0]}.png"))
    opened.page.fill("#search", "護理型床位")  # 002's name for it (line 327), in Traditional
    assert opened.page.evaluate(CHARTS)["matched"] == [["养老机构护理型床位占比 (%)", ["怀化市"]]]
    opened.page.fill("#search", "怀化")  # a plan: its bars outlined in every chart it has one in
    matched = opened.page.evaluate(CHARTS)["matched"]
    assert (
        len(matched) == opened.page.evaluate("plankgCharts.figure.charts.filter((c) => c.trace.x.includes('怀化市')).length") > 1
    )
    assert all(bars == ["怀化市"] for _title, bars in matched)
    opened.page.fill("#search", "")
    assert opened.text("#found") == "" and opened.page.evaluate(CHARTS)["frames"] == 0
    opened.assert_clean()
    opened.page.close()


FITTED_LABELS = """(() => { const n = plankgView.network; n.redraw();
  const boxes = [];
  for (const [id, node] of Object.entries(n.body.nodes)) {
    if (node.options.hidden || !node.labelModule.visible()) continue;
    const s = node.labelModule.size;
    boxes.push({ id: id, left: s.left, top: s.top, width: s.width, height: s.height,
                 px: node.labelModule.fontOptions.size * n.getScale() });
  }
  const overlaps = [];
  for (const a of boxes) for (const b of boxes) if (a.id < b.id && a.left < b.left + b.width && b.left < a.left + a.width
    && a.top < b.top + b.height && b.top < a.top + a.height) overlaps.push([a.id, b.id]);
  return { drawn: boxes.map((b) => b.id), smallest: Math.min(...boxes.map((b) => b.px)), overlaps: overlaps }; })()"""


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)])
def test_no_two_labels_collide_at_the_fitted_zoom(browser, corpus_store, site: Path, shots: Path, size) -> None:
    """Every view, fitted to the window: the labels drawn do not overlap and are at least 11 pixels high; a plan
    view names its region and its plan, and a measure's label appears once one zooms in on it."""
    from plankg.viz import data

    for info in data.plans(corpus_store):
        opened = Opened(browser, site / f"plan-{Path(info.file).stem}.html", shots)
        opened.page.set_viewport_size({"width": size[0], "height": size[1]})
        opened.page.reload()
        opened.page.locator("body[data-ready=true]").wait_for(state="attached")
        fitted = opened.page.evaluate(FITTED_LABELS)
        assert fitted["overlaps"] == [] and fitted["smallest"] >= 11, info.file
        assert {info.region, info.plan} <= set(fitted["drawn"])
        measures = [n.iri for n in data.plan_tree(corpus_store, info.graph) if n.cls == "Measure"]
        assert not set(measures) & set(fitted["drawn"])  # the measures wait for a closer look
        opened.page.evaluate(
            "id => plankgView.network.focus(id, {scale: 1.5 * plankgView.network.getScale(), animation: false})", measures[0]
        )
        assert measures[0] in opened.page.evaluate(FITTED_LABELS)["drawn"]
        opened.page.screenshot(path=str(shots / f"zoomed-{Path(info.file).stem}-{size[0]}.png"))
        opened.assert_clean()
        opened.page.close()
    lineage = Opened(browser, site / "lineage.html", shots)
    lineage.page.set_viewport_size({"width": size[0], "height": size[1]})
    lineage.page.reload()
    lineage.page.locator("body[data-ready=true]").wait_for(state="attached")
    fitted = lineage.page.evaluate(FITTED_LABELS)
    assert fitted["overlaps"] == [] and fitted["smallest"] >= 11 and len(fitted["drawn"]) == 5  # the five plans
    lineage.page.close()


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)])
def test_a_search_names_its_matches_and_lists_them(browser, site: Path, shots: Path, size) -> None:
    """Labels by zoom level leave measures unnamed until one zooms in: while a search is on, its matches are named
    (readable, never on top of another label) and the others wait; the panel lists every match, and a click on
    one focuses it. Clearing the search gives the labels back to the zoom."""
    opened = Opened(browser, site / "plan-001_e6d1326eb6e5ef17.html", shots)
    opened.page.set_viewport_size({"width": size[0], "height": size[1]})
    opened.page.reload()
    opened.page.locator("body[data-ready=true]").wait_for(state="attached")
    chapters = set(opened.page.evaluate(FITTED_LABELS)["drawn"])
    opened.page.fill("#search", "应急救援")  # 001 lines 471, 500, 532 and 533
    selected = opened.page.evaluate("plankgView.network.getSelectedNodes()")
    assert len(selected) == 4 and opened.text("#found") == "4 nodes match"
    searched = opened.page.evaluate(FITTED_LABELS)
    assert searched["overlaps"] == [] and searched["smallest"] >= 11
    assert set(searched["drawn"]) - chapters and set(searched["drawn"]) - chapters <= set(selected)
    items = opened.page.locator("#details ul.matches li")
    assert opened.text("#details h2") == "4 matches" and items.count() == 4
    assert [items.nth(i).inner_text().rsplit(" line ", 1)[1] for i in range(4)] == ["471", "500", "532", "533"]
    opened.page.screenshot(path=str(shots / f"search-listed-{size[0]}.png"))
    items.nth(0).locator("a").click()
    assert opened.text("#details").startswith("提升应急救援能力。\nclass\nmeasure 任务措施")
    assert "001_e6d1326eb6e5ef17.txt line 471" in opened.text("#details")
    measure = f"{PLAN}210000/fyp/2021-2025/6362853e/zh-Hans/chp_5__sec_2__para_7"
    centre = opened.page.evaluate(f"[plankgView.network.getViewPosition(), plankgView.network.getPosition('{measure}')]")
    assert math.dist(centre[0].values(), centre[1].values()) < 1  # focused: at the centre of the view
    opened.page.fill("#search", "")
    opened.page.evaluate("plankgView.network.fit({animation: false})")
    fitted = opened.page.evaluate(FITTED_LABELS)
    assert fitted["overlaps"] == [] and set(fitted["drawn"]) == chapters
    opened.assert_clean()
    opened.page.close()


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)])
def test_every_filter_applies_to_the_counts_and_the_panel(browser, corpus_store, site: Path, shots: Path, size) -> None:
    """The score filter, like the theme and level ones, recounts the plan-to-plan edges; a family's panel leaves out
    the lines of the plans a filter hides, and says how many."""
    opened = Opened(browser, site / "lineage.html", shots)
    opened.page.set_viewport_size({"width": size[0], "height": size[1]})
    before = {(a, b): label for a, b, label, _hidden, _n in opened.page.evaluate(PAIRS_SHOWN)}
    opened.page.fill("#score", "0.9")
    opened.page.dispatch_event("#score", "input")
    after = opened.page.evaluate(PAIRS_SHOWN)
    for a, b, label, hidden, shared in after:  # what the two plans share among the families the score leaves
        assert (label, hidden) == (str(shared), shared == 0), (a, b)
    assert sum(int(label) for _a, _b, label, _h, _n in after) < sum(int(v) for v in before.values())
    opened.page.fill("#score", "0")
    opened.page.dispatch_event("#score", "input")
    assert {(a, b): label for a, b, label, _h, _n in opened.page.evaluate(PAIRS_SHOWN)} == before
    # the family of 玉林 line 283 and 辽宁 lines 471, 500 (提升应急救援能力): under the Province level, 辽宁省's only
    measure = f"{PLAN}210000/fyp/2021-2025/6362853e/zh-Hans/chp_5__sec_2__para_7"
    [family] = [
        r["f"].value
        for r in corpus_store.query(f"""SELECT ?f WHERE {{ GRAPH ?g {{ ?f <{PK}member>
        <{PLAN}450900/fyp/2021-2025/05cd351b/zh-Hans/para_17> , <{measure}> }} }}""")
    ]
    panel = opened.click_node(family)
    assert "玉林市: 1" in panel and "玉林市 line 283: 提升应急救援能力。" in panel
    opened.page.select_option("#level", "Province")
    panel = opened.text("#details")
    assert "玉林市" not in panel and "辽宁省: 2" in panel  # 辽宁 lines 471 and 500
    assert "辽宁省 line 471: 提升应急救援能力。" in panel and "辽宁省 line 500: 6.提升应急救援能力。" in panel
    hidden = opened.page.locator("#details li.hidden-by-filter").all_inner_texts()
    plans = len([p for p in panel.split("items per plan\n")[1].split("\nmember texts")[0].splitlines() if ": " in p])
    assert plans == 1 and len(hidden) == 2 and all(h.endswith("hidden by the filter)") for h in hidden)
    opened.page.screenshot(path=str(shots / f"lineage-panel-filtered-{size[0]}.png"))
    opened.page.select_option("#level", "")
    assert "玉林市 line 283: 提升应急救援能力。" in opened.text("#details")
    opened.assert_clean()
    opened.page.close()


def test_items_outside_the_chapters_of_a_plan_are_grouped_and_said_so(corpus_store, site: Path) -> None:
    """The grouping looks at what hangs from the plan node, not at whether the plan has chapters: 004's 8 chapters
    (一 … 八) with its 40 measures moved up under the plan are grouped, and the page does not say it has none."""
    from dataclasses import replace

    from plankg.viz import data
    from plankg.viz.network import plan_view

    shaoguan = next(p for p in data.plans(corpus_store) if p.file == "004_816c855b418fc27c.txt")
    tree = data.plan_tree(corpus_store, shaoguan.graph)
    chapters = {n.iri for n in tree if n.cls == "Chapter"}
    assert len(chapters) == 8
    moved = [replace(n, parent=shaoguan.plan) if n.parent in chapters and n.cls == "Measure" else n for n in tree]
    view = plan_view(shaoguan, moved)
    groups = [n for n in view.nodes if "#theme/" in n["id"] or "#lines/" in n["id"]]
    assert groups and view.notes[0].startswith("Outside its chapters, this plan's 40 items (measure 40) are grouped under")
    assert plan_view(shaoguan, tree).notes == []  # as the document states it: nothing to group
