"""The indicator comparison: each indicator shared by several plans, the plans' targets side by side (plotly.js).

The figure is written as plotly.js's JSON (data and layout) directly: building it with plotly's Python objects
cost more than the rest of the views of the bundled corpus, and one trace per plan and chart grew to tens of
thousands of traces at a thousand plans, which no browser draws in reasonable time. One bar trace per chart,
each bar coloured by its plan (the same colour for a plan everywhere), stays light at any size. Each chart is a
figure of its own, drawn when it comes into view: drawing all of them when the page opened took 16 s at 1,000
plans (charts of hundreds of bars each).
Plotly renders a few HTML tags inside its text, so every text from a document is HTML-escaped before it is
handed over (plotly shows the entities as the characters they stand for).
"""

from __future__ import annotations

import html
from collections import Counter

from plankg.graph.vocab import NATION_CODE
from plankg.viz.data import NO_REGION, PlanInfo, Target

MAX_CHARTS = 40
MAX_BARS = 300  # an indicator of more plans is charted per province: thousands of bars are neither read nor drawn fast
MAX_LABELLED_BARS = 24  # beyond, a chart's plan names would overlap the chart below: they show on hover only
CHART_HEIGHT = 240  # pixels of one chart (its title above it is the page's)
PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf")
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


def by_province(ts: list[Target], provinces: dict[str, tuple[str, str]]) -> list[tuple[str, list[Target]]]:
    """An indicator's targets as charts of at most about MAX_BARS bars: all in one chart when there are no more, else
    one chart per province, by its code, each led by the national plans' targets (the one every plan inherits)."""
    if len(ts) <= MAX_BARS:
        return [("", ts)]
    national = [t for t in ts if provinces.get(t.plan, ("", ""))[0] == NATION_CODE]
    groups: dict[tuple[str, str], list[Target]] = {}
    for t in ts:
        key = provinces.get(t.plan, ("", NO_REGION))
        if key[0] != NATION_CODE:
            groups.setdefault(key, []).append(t)
    return [
        (f"{name}: {len(part)} of {len(ts)} plans", national + part)
        for (_code, name), part in sorted(groups.items(), key=lambda kv: kv[0][0] or "999999")
    ]


def comparison_figure(
    plans: list[PlanInfo],
    targets: dict[str, list[Target]],
    max_charts: int = MAX_CHARTS,
    provinces: dict[str, tuple[str, str]] | None = None,
) -> dict:
    """One bar chart per shared indicator, one bar per plan (same colour for a plan everywhere), value as written:
    {"layout": plotly.js's layout shared by every chart, "charts": [{"title", "trace", "labelled"}, …]}, each chart
    a figure of its own so that the page draws only the charts in view. Given each plan's province, an indicator of
    more than MAX_BARS plans is charted per province (see by_province)."""
    name = plan_names(plans)
    order = sorted({t.plan for ts in targets.values() for t in ts}, key=lambda p: (name.get(p, p), p))
    rank = {plan: i for i, plan in enumerate(order)}
    colour = {plan: PALETTE[i % len(PALETTE)] for i, plan in enumerate(order)}
    charts = []
    for label, every in list(targets.items())[:max_charts]:
        units = ", ".join(sorted({t.unit for t in every if t.unit})) or "no unit"
        every = sorted(every, key=lambda t: rank[t.plan])
        for part, ts in by_province(every, provinces) if provinces else [("", every)]:
            charts.append(_chart(label, units, part, ts, name, colour))
    layout = {
        "xaxis": dict(AXIS),
        "yaxis": {**AXIS, "rangemode": "tozero"},
        "height": CHART_HEIGHT,
        "bargap": 0.35,
        "margin": {"t": 24, "l": 50, "r": 20, "b": 40},
        "plot_bgcolor": "#E5ECF6",
        "font": {"family": "Noto Sans CJK SC, Noto Sans CJK TC, sans-serif"},
        "uniformtext": {"mode": "hide", "minsize": 8},
    }
    return {"layout": layout, "charts": charts}


def _chart(label: str, units: str, part: str, ts: list[Target], name: dict[str, str], colour: dict[str, str]) -> dict:
    """One chart: a bar per plan's target; part names the province it is of (with its share of the plans), if any."""
    names = [_e(name.get(t.plan, t.plan)) for t in ts]
    trace = {
        "type": "bar",
        "x": names,
        "y": [t.value for t in ts],
        "text": [_e(t.written) for t in ts],
        "marker": {"color": [colour[t.plan] for t in ts]},
        "textposition": "outside",
        "cliponaxis": False,
        "hoverinfo": "text",
        "showlegend": False,
        "hovertext": [
            f"{n}: {_e(t.name)} — target {t.year} as written {_e(t.written)} ({_e(t.file)} line {t.line})"
            for n, t in zip(names, ts, strict=True)
        ],
        "customdata": [_search_words(label, name.get(t.plan, t.plan), t) for t in ts],
    }
    title = f"{label} ({units})"  # shown as text (never as markup) above the chart
    labelled = len(ts) <= MAX_LABELLED_BARS
    if part:
        title += f" · {part}" + ("" if labelled else ", hover a bar for its plan")
    elif not labelled:
        title += f": {len(ts)} plans, hover a bar for its plan"
    return {"title": title, "trace": trace, "labelled": labelled}
