"""Writes the site: index.html, plan-<document>.html per document, lineage.html and indicators.html.

Every page is self-contained and works without a network: vis-network (viz/vendor) and plotly.js (the copy the
plotly package ships) are inlined, page data sits in a JSON block with <, > and & escaped, and a
Content-Security-Policy allows only the page's own scripts (by hash) and no network fetch at all, so text from a
document can never run.
"""

from __future__ import annotations

import base64
import hashlib
import json
from functools import cache, lru_cache
from importlib import resources, util
from pathlib import Path

from pyoxigraph import Store

from plankg.viz import MAX_NODES, data
from plankg.viz.network import NAMES, RELATIONS, View, lineage_view, plan_view


@cache
def _resource(folder: str, name: str) -> str:
    return resources.files("plankg.viz").joinpath(folder, name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def plotly_js() -> str:
    """plotly.min.js from the plotly package, found without importing it (its import costs more than the chart)."""
    spec = util.find_spec("plotly")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("plotly, which draws the charts, is not installed", name="plotly")
    folder = Path(next(iter(spec.submodule_search_locations)))
    return (folder / "package_data" / "plotly.min.js").read_text(encoding="utf-8")


def json_block(value) -> str:
    """JSON safe inside <script type="application/json">: no <, > or & can close the element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@lru_cache(maxsize=16)
def _hash(script: str) -> str:
    return f"'sha256-{base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()}'"


def _hashes(*scripts: str) -> str:
    return " ".join(_hash(s) for s in scripts)


class Site:
    """Pages rendered through the project's templates, with Jinja autoescaping every value not marked raw."""

    def __init__(self, out: Path) -> None:
        from jinja2 import Environment, PackageLoader, select_autoescape

        self.out = out
        self.env = Environment(loader=PackageLoader("plankg.viz", "templates"), autoescape=select_autoescape(["html"]))
        out.mkdir(parents=True, exist_ok=True)

    def write(self, name: str, template: str, raw: dict[str, str], **context) -> Path:
        """Render a page; raw holds the inlined scripts, styles and JSON block, the only text not escaped."""
        from markupsafe import Markup

        scripts = [v for k, v in raw.items() if k.endswith("_js")]
        page = self.env.get_template(template).render(
            {**context, **{k: Markup(v) for k, v in raw.items()}, "script_hashes": _hashes(*scripts) or "'none'"}
        )
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
        raw = {
            "data": json_block(payload),
            "vis_js": _resource("vendor", "vis-network.min.js"),
            "vis_css": _resource("vendor", "vis-network.min.css"),
            "page_js": _resource("templates", "network.js"),
        }
        return self.write(
            name,
            "network.html",
            raw,
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


def write_site(store: Store, out: Path, max_nodes: int = MAX_NODES) -> list[Path]:
    """Write every view of the store into out; returns the pages written, index first."""
    from plankg.viz.chart import CHART_HEIGHT, MAX_CHARTS, comparison_figure

    site = Site(out)
    plans = data.plans(store)
    pages, elements = [], []  # each plan's element titles, which the index's search looks through
    for info in plans:
        tree = data.plan_tree(store, info.graph)
        elements.append([[NAMES[n.cls].rsplit(" ", 1)[0], n.label, *_simplified(n.label)] for n in tree])
        pages.append(site.network(page_name(info), plan_view(info, tree, max_nodes)))
    raw = {"data": json_block({"elements": elements}), "page_js": _resource("templates", "index.js")}
    pages.insert(
        0,
        site.write(
            "index.html",
            "index.html",
            raw,
            title="plankg: plans in the store",
            notes=[],
            plans=[(p, page_name(p)) for p in plans],
            max_nodes=max_nodes,
        ),
    )
    found = data.lineage(store)
    view = lineage_view(plans, found, max_nodes)
    levels = sorted({p.level for p in plans if p.level})
    pages.append(site.network("lineage.html", view, themes=found.themes, levels=levels, relations=list(RELATIONS.items())))
    targets = data.shared_targets(store)
    figure = comparison_figure(plans, targets)
    notes = [] if targets else ["No indicator with numeric targets is shared by two plans or more in this store."]
    if len(targets) > MAX_CHARTS:
        notes.append(
            f"{len(targets)} shared indicators exceed the cap of {MAX_CHARTS} charts: the first {MAX_CHARTS} "
            "(by name) are shown; `plankg query shared-indicator-concepts` lists them all."
        )
    raw = {"data": json_block(figure), "plotly_js": plotly_js(), "page_js": _resource("templates", "chart.js")}
    title = "Shared indicators: the plans' targets side by side"
    pages.append(site.write("indicators.html", "chart.html", raw, title=title, notes=notes, chart_height=CHART_HEIGHT))
    return pages
