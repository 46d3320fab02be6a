"""The indicator comparison: each indicator shared by several plans, the plans' targets side by side (plotly).

Plotly renders a few HTML tags inside its text, so every text from a document is HTML-escaped before it is
handed over (plotly shows the entities as the characters they stand for).
"""

from __future__ import annotations

import html
import math

from plankg.viz.data import PlanInfo, Target

MAX_CHARTS = 40
COLUMNS = 2
PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf")


def _e(text: str) -> str:
    return html.escape(text, quote=False)


def comparison_figure(plans: list[PlanInfo], targets: dict[str, list[Target]], max_charts: int = MAX_CHARTS):
    """One bar chart per shared indicator, one bar per plan (same colour for a plan everywhere), value as written."""
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    region = {p.plan: p.region_label for p in plans}
    order = sorted({t.plan for ts in targets.values() for t in ts}, key=lambda p: region.get(p, p))
    colour = {plan: PALETTE[i % len(PALETTE)] for i, plan in enumerate(order)}
    shown = list(targets.items())[:max_charts]
    rows = max(math.ceil(len(shown) / COLUMNS), 1)
    titles = [_e(f"{label} ({', '.join(sorted({t.unit for t in ts if t.unit})) or 'no unit'})") for label, ts in shown]
    fig = make_subplots(rows=rows, cols=COLUMNS, subplot_titles=titles or None, vertical_spacing=min(0.3 / rows, 0.08))
    seen: set[str] = set()
    for i, (_label, ts) in enumerate(shown):
        ts = sorted(ts, key=lambda t: order.index(t.plan))
        for t in ts:
            name = region.get(t.plan, t.plan)
            fig.add_trace(go.Bar(
                x=[_e(name)], y=[t.value], name=_e(name), legendgroup=t.plan, showlegend=t.plan not in seen,
                marker_color=colour[t.plan], text=[_e(t.written)], textposition="outside", cliponaxis=False,
                hoverinfo="text", hovertext=[_e(f"{name}: {t.name} — target {t.year} as written {t.written} "
                                                f"({t.file} line {t.line})")],
            ), row=i // COLUMNS + 1, col=i % COLUMNS + 1)
            seen.add(t.plan)
    fig.update_layout(height=max(280 * rows, 320), bargap=0.35, margin={"t": 60, "l": 50, "r": 20, "b": 40},
                      font={"family": "Noto Sans CJK SC, Noto Sans CJK TC, sans-serif"}, legend_title_text="plan")
    fig.update_yaxes(rangemode="tozero")
    return fig
