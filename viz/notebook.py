"""The views as objects for notebooks: a networkx graph, or a pyvis Network that renders inline in Jupyter.

Both are drawn from the same View (plankg.viz.network) as the offline site's pages: the same nodes, labels,
colours, positions and collapsing above the node cap, so a notebook and the site show one picture.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pyvis.network import Network

from plankg.viz.network import NAMES, View

if TYPE_CHECKING:
    import networkx as nx

REMOTE = re.compile(r'<link\b[^>]*\bhref="https?://[^"]*"[^>]*>|<script\b[^>]*\bsrc="https?://[^"]*"[^>]*>\s*</script>')
VIS_OPTIONS = {"configure", "edges", "interaction", "layout", "nodes", "physics"}  # what vis-network reads (not labelZoom)
FRAME_MARGIN = 40  # pixels the page pyvis writes adds around the network (its card and margins): no scroll bar
KINDS = {name: kind for kind, name in NAMES.items()}  # "measure 任务措施" -> "Measure"


def _kind(details: dict[str, Any]) -> str:
    """A node's class (Measure, Plan, PolicyFamily …), read from the view's click details."""
    fields = dict((f[0], f[1]) for f in details.get("fields", []))
    return KINDS.get(str(fields.get("class", "")), "Collapsed" if "members" in fields else "")


def _edge_kind(view: View, edge: dict[str, Any]) -> str:
    """tree (a plan's part of), member (a family's or shared indicator's plan), shared (two plans), basis (依据)."""
    if view.tree:
        return "tree"
    if edge.get("pair"):
        return "shared"
    return "basis" if edge.get("dashes") else "member"


def to_networkx(view: View) -> nx.MultiDiGraph:
    """The view as a networkx graph: node attributes kind, label (whole), the click details' fields (text, quote,
    source …), x and y; edge attributes kind and weight. A plan's tree points from parent to child; in the lineage
    network a family or shared indicator points to its plans, a plan to the plans it shares with (the pair's weight)
    and to the plans it cites as its basis (kind basis) — a multigraph, since two plans can do both.

    Example:
        >>> graph = to_networkx(kg.plan_view("001_e6d1326eb6e5ef17.txt"))
        >>> graph.nodes["https://w3id.org/plankg/id/region/210000"]["kind"]
        'Region'
    """
    import networkx as nx

    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph(title=view.title, notes=list(view.notes))
    for node in view.nodes:
        details = view.details.get(node["id"], {})
        fields = {str(f[0]): f[1] for f in details.get("fields", []) if f[0] != "class"}
        graph.add_node(
            node["id"],
            **fields,
            kind=_kind(details),
            label=details.get("title") or node["label"],
            x=node.get("x"),
            y=node.get("y"),
        )
    for edge in view.edges:
        kind = _edge_kind(view, edge)
        graph.add_edge(edge["from"], edge["to"], key=kind, kind=kind, weight=edge.get("weight", edge.get("value", 1)))
    return graph


class ViewNetwork(Network):
    """A pyvis Network that shows itself in a notebook cell: the page pyvis writes, vis-network inlined, in an
    iframe. Its pages fetch nothing: pyvis's template links Bootstrap's style from a CDN, which is left out (the
    network does not use it), and they are written in UTF-8 whatever the platform's encoding.

    Example:
        >>> kg.plan_network("001_e6d1326eb6e5ef17.txt")  # the value of a cell: the network, drawn
    """

    def generate_html(self, name: str = "index.html", local: bool = True, notebook: bool = False) -> str:
        """The page pyvis writes, without the links to a CDN.

        Example:
            >>> "cdn.jsdelivr" in network.generate_html()
            False
        """
        self.html: str = REMOTE.sub("", super().generate_html(name, local, notebook))
        return self.html

    def write_html(self, name: str, local: bool = True, notebook: bool = False, open_browser: bool = False) -> None:
        """Write the page to the file name, in UTF-8 (local is pyvis's, unused; open_browser opens it).

        Example:
            >>> network.write_html("lineage.html")
        """
        path = Path(name)
        path.write_text(self.generate_html(notebook=notebook), encoding="utf-8")
        if open_browser:
            import webbrowser

            webbrowser.open(path.resolve().as_uri())

    def _repr_html_(self) -> str:
        page = self.generate_html(notebook=True)
        height = str(self.height)
        frame = f"{int(height[:-2]) + FRAME_MARGIN}px" if height.endswith("px") and height[:-2].isdigit() else height
        # sandboxed without allow-same-origin: the page's scripts run apart from the notebook's own page
        return (
            f'<iframe sandbox="allow-scripts" srcdoc="{html.escape(page, quote=True)}" width="100%" height="{frame}" '
            'style="border: none"></iframe>'
        )


def to_pyvis(view: View, height: str = "720px") -> ViewNetwork:
    """The view as a pyvis Network with the site's labels, colours, positions and options; a notebook cell whose
    value it is renders it, and .write_html("plan.html") writes it as a page.

    Example:
        >>> network = to_pyvis(kg.lineage_view())
        >>> network.write_html("lineage.html")
    """
    network = ViewNetwork(height=height, width="100%", directed=view.tree, notebook=True, cdn_resources="in_line", heading="")
    for node in view.nodes:
        details = view.details.get(node["id"], {})
        attributes = {k: v for k, v in node.items() if k not in ("id", "label")}
        network.add_node(node["id"], label=node["label"], title=_tooltip(details), **attributes)
    for edge in view.edges:
        attributes = {k: v for k, v in edge.items() if k in ("width", "value", "label", "color", "dashes", "arrows")}
        network.add_edge(edge["from"], edge["to"], **attributes)
    network.options = {k: v for k, v in view.options.items() if k in VIS_OPTIONS}
    return network


def _tooltip(details: dict[str, Any]) -> str:
    """What hovering a node shows: its title and the short fields of its click details, as plain text.

    vis-network shows a text title as text; pyvis, when a title holds "href", swaps in a popup that sets it as HTML,
    so "href" in a document's text is written with an invisible word joiner that keeps it text.
    """
    lines = [str(details.get("title", ""))]
    for name, value in details.get("fields", []):
        if isinstance(value, str) and value and len(value) <= 200:
            lines.append(f"{name}: {value}")
    return "\n".join(line for line in lines if line).replace("href", "hre\u2060f")
