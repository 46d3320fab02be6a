"""Writes the site: index.html, plan-<document>.html per document, lineage.html and indicators.html.

The site works without a network. The scripts and styles every page shares (vis-network from viz/vendor, plotly.js
as the plotly package ships it, the pages' own scripts) are written once, into assets/ beside the pages, instead
of inlined into each (690 KB of vis-network per plan page: 7 GB at 10,000 plans). Page data sits in a JSON block
with <, > and & escaped. A Content-Security-Policy lets no text from a document run: the one inline script a page
may run is its loader, allowed by hash, and only the scripts that loader inserts run after it ('strict-dynamic');
a script the HTML parser meets (an injected <script>, whatever its source), an event handler attribute and any
network fetch are refused. A hash cannot vouch for the shared files themselves: a hash matches an external script
only through Subresource Integrity, which Chromium cannot check on file: URLs (it needs CORS); so the shared files
are trusted as the pages are, being written together into one folder.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections import Counter
from functools import lru_cache
from importlib import resources, util
from pathlib import Path
from shutil import copyfile

from pyoxigraph import Store

from plankg.viz import MAX_NODES, data
from plankg.viz.network import NAMES, RELATIONS, View, lineage_view, plan_view


def plotly_path() -> Path:
    """plotly.min.js from the plotly package, found without importing it (its import costs more than the chart)."""
    spec = util.find_spec("plotly")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("plotly, which draws the charts, is not installed", name="plotly")
    return Path(next(iter(spec.submodule_search_locations))) / "package_data" / "plotly.min.js"


ASSETS = "assets"  # the folder beside the pages holding what they share, one copy of each
VIS = ["vis-network.min.js", "network.js"]  # the scripts of a network view, in the order they run
SHARED = {  # file in assets/ -> where it is copied from: a package folder of plankg.viz, or plotly
    "vis-network.min.js": "vendor",
    "vis-network.min.css": "vendor",
    "LICENSE-vis-network.txt": "vendor",
    "network.js": "templates",
    "marks.js": "templates",
    "index.js": "templates",
    "overview.js": "templates",
    "chart.js": "templates",
    "plotly.min.js": "plotly",
}


def write_assets(out: Path) -> None:
    """Copy the shared scripts and styles into out/assets."""
    folder = out / ASSETS
    folder.mkdir(parents=True, exist_ok=True)
    for name, source in SHARED.items():
        if source == "plotly":
            copyfile(plotly_path(), folder / name)
        else:
            (folder / name).write_bytes(resources.files("plankg.viz").joinpath(source, name).read_bytes())


def loader(scripts: list[str]) -> str:
    """The page's one inline script: it inserts the shared scripts, which run in this order ('strict-dynamic' lets
    them run because a script the policy allows inserted them), and says so on the page if one cannot be read."""
    sources = json.dumps([f"{ASSETS}/{name}" for name in scripts])
    return (
        f"for (const src of {sources}) {{ const s = document.createElement('script'); s.src = src; s.async = false; "
        "s.onerror = () => { const p = document.createElement('p'); p.className = 'notice'; "
        "p.textContent = `${src} cannot be read: the pages need the ${src.split('/')[0]} folder written beside them.`; "
        "document.querySelector('header').append(p); }; document.body.append(s); }"
    )


def json_block(value) -> str:
    """JSON safe inside <script type="application/json">: no <, > or & can close the element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@lru_cache(maxsize=16)
def script_hash(script: str) -> str:
    """The policy's source for an inline script: its SHA-256."""
    return f"'sha256-{base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()}'"


class Site:
    """Pages rendered through the project's templates, with Jinja autoescaping every value not marked raw."""

    def __init__(self, out: Path) -> None:
        from jinja2 import Environment, PackageLoader, select_autoescape

        self.out = out
        self.env = Environment(loader=PackageLoader("plankg.viz", "templates"), autoescape=select_autoescape(["html"]))
        write_assets(out)

    def write(self, name: str, template: str, raw: dict[str, str], scripts: list[str], **context) -> Path:
        """Render a page that runs these shared scripts; raw holds its JSON block, the only text not escaped."""
        from markupsafe import Markup

        load = loader(scripts)
        own = {"loader_js": Markup(load), "loader_hash": Markup(script_hash(load)), "assets": ASSETS}
        page = self.env.get_template(template).render({**context, **{k: Markup(v) for k, v in raw.items()}, **own})
        path = self.out / name
        path.write_text(page, encoding="utf-8")
        return path

    def network(self, name: str, view: View, **context) -> Path:
        payload = {
            "nodes": view.nodes,
            "edges": view.edges,
            "options": view.options,
            "details": view.details,
            "meta": view.meta,
            "simplified": search_words(view),
        }
        return self.write(
            name,
            "network.html",
            {"data": json_block(payload)},
            VIS,
            title=view.title,
            notes=view.notes,
            legend=view.legend,
            edge_legend=view.edge_legend,
            tree=view.tree,
            depths=view.depths,
            **context,
        )


def _simplified(text: str) -> list[str]:
    """[text in Simplified] when it is written in Traditional, else []: the search finds 護理 when one types 护理."""
    from plankg.loaders.script import to_simplified

    simple = to_simplified(text)
    return [simple] if simple != text else []


def search_words(view: View) -> dict[str, str]:
    """Node -> the Simplified form of what the search looks through (label, title, details), for the nodes of a
    Traditional text only: the page searches those words too."""
    out = {}
    for node in view.nodes:
        d = view.details.get(node["id"], {"title": "", "fields": []})
        values = [" ".join(map(str, v)) if isinstance(v, list) else str(v) for _k, v in d["fields"]]
        for simple in _simplified(" ".join([node.get("label", ""), d["title"] or "", *values])):
            out[node["id"]] = simple
    return out


def page_name(info: data.PlanInfo) -> str:
    """plan-<file stem>.html: stable across builds, one per loaded document."""
    return f"plan-{Path(info.file).stem}.html"


def province_page(code: str) -> str:
    """plans-<province code>.html, the page listing a province's plans (000000: the national ones; plans-none.html
    those without a region)."""
    return f"plans-{code or 'none'}.html"


def _plan_pages(site: Site, store: Store, plans: list[data.PlanInfo], max_nodes: int) -> tuple[list[Path], list]:
    """A view per plan; with each plan's element titles, which the search of the page listing it looks through."""
    pages, elements = [], []
    for info in plans:
        tree = data.plan_tree(store, info.graph)
        elements.append([[NAMES[n.cls].rsplit(" ", 1)[0], n.label, *_simplified(n.label)] for n in tree])
        pages.append(site.network(page_name(info), plan_view(info, tree, max_nodes)))
    return pages, elements


def _plans_page(site: Site, name: str, title: str, plans: list[data.PlanInfo], elements: list, max_nodes: int) -> Path:
    """The table of these plans, with its search through their fields and element titles."""
    return site.write(
        name,
        "index.html",
        {"data": json_block({"elements": elements})},
        ["marks.js", "index.js"],
        title=title,
        notes=[],
        plans=[(p, page_name(p)) for p in plans],
        max_nodes=max_nodes,
    )


OVERVIEW_LEVELS = {"Country": "national", "Province": "provincial", "PrefectureCity": "prefecture", "District": "county"}


def _overview(site: Site, groups: dict[tuple[str, str], list[data.PlanInfo]], limit: int, max_nodes: int) -> Path:
    """index.html of a large store: the provinces, each with its plans' counts and a link to its page; the search
    lists the plans whose region, level, genre, period, title or file hold the words, and counts them by province."""
    rows = []
    for (code, name), members in groups.items():
        levels = Counter(p.level for p in members)
        totals: Counter[str] = Counter()
        for p in members:
            totals.update(p.counts)
        rows.append(
            {
                "name": name,
                "page": province_page(code),
                "plans": len(members),
                "levels": [levels.get(level, 0) for level in OVERVIEW_LEVELS],
                "other": len(members) - sum(levels.get(level, 0) for level in OVERVIEW_LEVELS),
                "counts": [totals.get(key, 0) for key in ("Measure", "Indicator", "Project", "Citation")],
            }
        )
    fields = [
        [p.region_label, p.level, p.genre, p.period, p.title, p.file, page_name(p), group, *_simplified(p.title)]
        for group, (_key, members) in enumerate(groups.items())
        for p in members
    ]
    notes = [
        f"{len(fields):,} plans, more than {limit:,} for one table: they are listed by province, each province's "
        "plans on a page of their own, whose search also looks through their headings, measures, indicators and projects."
    ]
    return site.write(
        "index.html",
        "overview.html",
        {"data": json_block({"plans": fields, "pages": [r["page"] for r in rows]})},
        ["marks.js", "overview.js"],
        title="plankg: plans in the store, by province",
        notes=notes,
        provinces=rows,
        levels=list(OVERVIEW_LEVELS.values()),
        max_nodes=max_nodes,
    )


PLANS_PER_INDEX = 1000  # beyond, index.html lists the provinces, and each province's plans have a page of their own


def write_site(store: Store, out: Path, max_nodes: int = MAX_NODES, plans_per_index: int = PLANS_PER_INDEX) -> list[Path]:
    """Write every view of the store into out; returns the pages written, index first.

    Up to plans_per_index plans, index.html lists them all, with a search through their element titles. Beyond,
    one table of every plan is too long to open in seconds (10,000 rows and their titles: 39 MB, 23 s in
    Chromium), and too long to read: index.html lists the provinces with their plans' counts and searches the
    plans' own fields, and each province's plans are listed on a page of their own, as the single index lists them.
    """
    site = Site(out)
    plans = data.plans(store)
    # the views across plans first: they can be opened while the plans' own views are written
    across = [lineage_page(site, store, plans, max_nodes), indicators_page(site, store, plans)]
    if len(plans) <= plans_per_index:
        plan_pages, elements = _plan_pages(site, store, plans, max_nodes)
        index = _plans_page(site, "index.html", "plankg: plans in the store", plans, elements, max_nodes)
        return [index, *plan_pages, *across]
    province = data.provinces(store, plans)
    groups: dict[tuple[str, str], list[data.PlanInfo]] = {}
    for info in plans:
        groups.setdefault(province[info.plan], []).append(info)
    groups = dict(sorted(groups.items(), key=lambda kv: kv[0][0] or "999999"))  # by code; no region last
    pages, listed = [], []
    for (code, name), members in groups.items():
        plan_pages, elements = _plan_pages(site, store, members, max_nodes)  # a province at a time: memory flat
        title = f"plankg: the {len(members)} plans of {name}"
        listed.append(_plans_page(site, province_page(code), title, members, elements, max_nodes))
        pages += plan_pages
    return [_overview(site, groups, plans_per_index, max_nodes), *pages, *listed, *across]


def lineage_page(site: Site, store: Store, plans: list[data.PlanInfo], max_nodes: int) -> Path:
    """lineage.html: plans, policy families, shared indicators and instruments."""
    found = data.lineage(store)
    view = lineage_view(plans, found, max_nodes)
    levels = sorted({p.level for p in plans if p.level})
    return site.network("lineage.html", view, themes=found.themes, levels=levels, relations=list(RELATIONS.items()))


def indicators_page(site: Site, store: Store, plans: list[data.PlanInfo]) -> Path:
    """indicators.html: each shared indicator's targets, side by side."""
    from plankg.viz.chart import CHART_HEIGHT, MAX_BARS, MAX_CHARTS, comparison_figure

    targets = data.shared_targets(store)
    figure = comparison_figure(plans, targets, provinces=data.provinces(store, plans))
    notes = [] if targets else ["No indicator with numeric targets is shared by two plans or more in this store."]
    if any(len(ts) > MAX_BARS for ts in list(targets.values())[:MAX_CHARTS]):
        notes.append(
            f"An indicator shared by more than {MAX_BARS} plans is charted per province, each chart led by the "
            "national plan's target."
        )
    if len(targets) > MAX_CHARTS:
        notes.append(
            f"{len(targets)} shared indicators exceed the cap of {MAX_CHARTS} charts: the first {MAX_CHARTS} "
            "(by name) are shown; `plankg query shared-indicator-concepts` lists them all."
        )
    raw = {"data": json_block(figure)}
    title = "Shared indicators: the plans' targets side by side"
    scripts = ["plotly.min.js", "chart.js"]
    return site.write("indicators.html", "chart.html", raw, scripts, title=title, notes=notes, chart_height=CHART_HEIGHT)
