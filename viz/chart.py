"""The indicator comparison: each indicator shared by several plans, the plans' targets side by side (plotly.js).

The figure is written as plotly.js's JSON (data and layout) directly: building it with plotly's Python objects
cost more than the rest of the views of the bundled corpus, and one trace per plan and chart grew to tens of
thousands of traces at a thousand plans, which no browser draws in reasonable time. One bar trace per chart,
each bar coloured by its plan (the same colour for a plan everywhere), stays light at any size.
Plotly renders a few HTML tags inside its text, so every text from a document is HTML-escaped before it is
handed over (plotly shows the entities as the characters they stand for).
"""

from __future__ import annotations

import html
import math
from collections import Counter

from plankg.viz.data import PlanInfo, Target

MAX_CHARTS = 40
MAX_LABELLED_BARS = 24  # beyond, a chart's plan names would overlap the chart below: they show on hover only
COLUMNS = 2
PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf")
HORIZONTAL_SPACING = 0.2 / COLUMNS  # plotly's make_subplots default
AXIS = {"gridcolor": "white", "linecolor": "white", "zerolinecolor": "white", "automargin": True}  # plotly's default look


def _e(text: str) -> str:
    return html.escape(text, quote=False)


def _search_words(label: str, plan: str, target: Target) -> str:
    """What the page's search looks through for one bar, as plain text (never rendered): the chart's indicator, the
    plan's name, the indicator's name in that plan (and its Simplified form, so 护理 finds 護理) and the file."""
    from plankg.loaders.script import to_simplified

    return " ".join(dict.fromkeys([label, plan, target.name, to_simplified(target.name), target.file]))


def plan_names(plans: list[PlanInfo]) -> dict[str, str]:
    """Plan → the name its bars carry: the region, with the period where two plans share a region (then the file)."""
    by_region = Counter(p.region_label for p in plans)
    names = {p.plan: p.region_label if by_region[p.region_label] == 1 else f"{p.region_label} {p.period}" for p in plans}
    repeated = Counter(names.values())
    return {p.plan: names[p.plan] if repeated[names[p.plan]] == 1 else f"{names[p.plan]} {p.file}" for p in plans}


def _grid(count: int, rows: int, spacing: float) -> tuple[dict, list[tuple[float, float]]]:
    """The axes of a grid of `count` charts, row by row (as plotly's make_subplots lays them), and each chart's top
    centre for its title."""
    width = (1 - HORIZONTAL_SPACING * (COLUMNS - 1)) / COLUMNS
    height = (1 - spacing * (rows - 1)) / rows
    axes, tops = {}, []
    for i in range(count):
        row, col, suffix = i // COLUMNS, i % COLUMNS, str(i + 1) if i else ""
        left, top = col * (width + HORIZONTAL_SPACING), 1 - row * (height + spacing)
        axes[f"xaxis{suffix}"] = {**AXIS, "anchor": f"y{suffix}", "domain": [round(left, 6), round(left + width, 6)]}
        axes[f"yaxis{suffix}"] = {
            **AXIS,
            "anchor": f"x{suffix}",
            "domain": [round(max(top - height, 0), 6), round(top, 6)],
            "rangemode": "tozero",
        }
        tops.append((left + width / 2, top))
    return axes, tops


def comparison_figure(plans: list[PlanInfo], targets: dict[str, list[Target]], max_charts: int = MAX_CHARTS) -> dict:
    """One bar chart per shared indicator, one bar per plan (same colour for a plan everywhere), value as written:
    plotly.js's {"data": …, "layout": …}."""
    name = plan_names(plans)
    order = sorted({t.plan for ts in targets.values() for t in ts}, key=lambda p: (name.get(p, p), p))
    rank = {plan: i for i, plan in enumerate(order)}
    colour = {plan: PALETTE[i % len(PALETTE)] for i, plan in enumerate(order)}
    shown = list(targets.items())[:max_charts]
    rows = max(math.ceil(len(shown) / COLUMNS), 1)
    axes, tops = _grid(len(shown), rows, min(0.3 / rows, 0.08))
    data, titles = [], []
    for i, ((label, ts), (x, y)) in enumerate(zip(shown, tops, strict=True)):
        ts = sorted(ts, key=lambda t: rank[t.plan])
        names = [_e(name.get(t.plan, t.plan)) for t in ts]
        suffix = str(i + 1) if i else ""
        data.append(
            {
                "type": "bar",
                "x": names,
                "y": [t.value for t in ts],
                "text": [_e(t.written) for t in ts],
                "marker": {"color": [colour[t.plan] for t in ts]},
                "textposition": "outside",
                "cliponaxis": False,
                "hoverinfo": "text",
                "showlegend": False,
                "xaxis": f"x{suffix}",
                "yaxis": f"y{suffix}",
                "hovertext": [
                    f"{n}: {_e(t.name)} — target {t.year} as written {_e(t.written)} ({_e(t.file)} line {t.line})"
                    for n, t in zip(names, ts, strict=True)
                ],
                "customdata": [_search_words(label, name.get(t.plan, t.plan), t) for t in ts],
            }
        )
        units = ", ".join(sorted({t.unit for t in ts if t.unit})) or "no unit"
        title = f"{label} ({units})"
        if len(ts) > MAX_LABELLED_BARS:
            axes[f"xaxis{suffix}"]["showticklabels"] = False
            title += f": {len(ts)} plans, hover a bar for its plan"
        titles.append(
            {
                "text": _e(title),
                "x": x,
                "y": y,
                "xref": "paper",
                "yref": "paper",
                "xanchor": "center",
                "yanchor": "bottom",
                "showarrow": False,
                "font": {"size": 16},
            }
        )
    layout = {
        **axes,
        "annotations": titles,
        "height": max(280 * rows, 320),
        "bargap": 0.35,
        "margin": {"t": 60, "l": 50, "r": 20, "b": 40},
        "plot_bgcolor": "#E5ECF6",
        "font": {"family": "Noto Sans CJK SC, Noto Sans CJK TC, sans-serif"},
        "uniformtext": {"mode": "hide", "minsize": 8},
    }
    return {"data": data, "layout": layout}
