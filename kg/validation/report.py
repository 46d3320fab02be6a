"""Validation reports for people (text, one offline HTML file) and for tools (the standard sh:ValidationReport)."""

from __future__ import annotations

import html
from collections import Counter

from plankg.graph.vocab import LINEAGE_GRAPH, RDF, SH, SHAPES, XSD
from plankg.validation.shacl import SEVERITIES, DocumentReport, Finding, shapes_graph, short
from plankg.wording import counted

QUOTE_CHARS = 120


def one_line(quote: str) -> str:
    """A quote on one line, shortened for the terminal."""
    text = " ⏎ ".join(part.strip() for part in quote.splitlines() if part.strip())
    return text if len(text) <= QUOTE_CHARS else text[:QUOTE_CHARS] + "…"


def summary(report: DocumentReport) -> str:
    counts = ", ".join(counted(report.count(s), s.lower()) for s in SEVERITIES)
    outcome = "conforms" if report.conforms else "DOES NOT CONFORM"
    return f"{report.name}: {outcome} ({counts}; {report.engine}, {report.triples} triples, {report.seconds:.2f} s)"


def per_shape(report: DocumentReport) -> list[tuple[str, str, int]]:
    """(severity, shape, count), most severe first."""
    counts = Counter((f.severity, f.shape) for f in report.findings)
    return sorted(
        ((sev, shape, n) for (sev, shape), n in counts.items()),
        key=lambda row: (SEVERITIES.index(row[0]) if row[0] in SEVERITIES else 3, row[1]),
    )


def where(f: Finding) -> str:
    return f"{f.file}:{f.line}" if f.line else f.file


def render_text(reports: list[DocumentReport]) -> str:
    lines = []
    for report in reports:
        lines.append(summary(report))
        lines.extend(f"  {sev:<9} {short(shape):<32} {n}" for sev, shape, n in per_shape(report))
        for f in report.findings:
            lines.append(f"  - {f.severity} {short(f.shape)}" + (f"  path {f.path}" if f.path else ""))
            lines.append(f"    focus {f.focus}" + (f"  value {f.value}" if f.value and f.value != f.focus else ""))
            lines.append(f"    {f.message_zh} / {f.message_en}")
            if f.quote:
                lines.append(f"    {where(f)}  「{one_line(f.quote)}」")
        lines.append("")
    violations = sum(r.count("Violation") for r in reports)
    warnings = sum(r.count("Warning") for r in reports)
    outcome = "conforms" if violations == 0 else "does not conform"
    documents = sum(r.graph != str(LINEAGE_GRAPH) for r in reports)
    what = counted(documents, "document") + (" and the lineage graph" if documents < len(reports) else "")
    lines.append(f"{what}: {outcome}, {counted(violations, 'violation')}, {counted(warnings, 'warning')}")
    return "\n".join(lines) + "\n"


STYLE = """
body { font-family: "Noto Sans CJK SC", "Noto Sans SC", sans-serif; margin: 2em; color: #222; }
h1 { font-size: 1.4em; } h2 { font-size: 1.15em; margin-top: 2em; }
table { border-collapse: collapse; margin: .5em 0 1em; }
td, th { border: 1px solid #ccc; padding: .3em .5em; vertical-align: top; }
th { background: #f3f3f3; text-align: left; } code { font-size: .85em; word-break: break-all; }
.Violation { color: #b00020; font-weight: bold; } .Warning { color: #8a5a00; } .Info { color: #225; }
.ok { color: #1b5e20; }
blockquote { margin: .3em 0; padding: .3em .6em; background: #fafafa; border-left: 3px solid #999; white-space: pre-wrap; }
details.quote summary { list-style: none; cursor: pointer; } details.quote summary::-webkit-details-marker { display: none; }
details.quote .more { color: #1a56a0; text-decoration: underline; font-size: .9em; }
details.quote[open] summary { display: none; }
"""


QUOTE_LINES, QUOTE_CHARS = 10, 240  # a quote longer than this is folded to its first FOLDED_LINES, with "show all"
FOLDED_LINES = 5


def quote_html(quote: str) -> str:
    """A source quote; a long one (a whole table row over many lines) folded to its first lines, which a click on
    "show all" opens (an HTML details element: no script)."""
    e = html.escape
    lines = quote.splitlines()
    if len(lines) <= QUOTE_LINES and len(quote) <= QUOTE_CHARS:
        return f"<blockquote>{e(quote)}</blockquote>"
    start = "\n".join(lines[:FOLDED_LINES])[:QUOTE_CHARS]
    return (
        f'<details class="quote"><summary><blockquote class="start">{e(start)} …</blockquote>'
        f'<span class="more">show all ({len(lines)} lines, {len(quote)} characters)</span></summary>'
        f"<blockquote>{e(quote)}</blockquote></details>"
    )


def render_html(reports: list[DocumentReport]) -> str:
    """One self-contained page (no external CSS, scripts or fonts); every text from the data is escaped."""
    e = html.escape
    parts = [
        "<!DOCTYPE html>",
        '<html lang="zh-Hans"><head><meta charset="utf-8">',
        "<title>plankg validation report · 验证报告</title>",
        f"<style>{STYLE}</style></head><body>",
        "<h1>plankg validation report · 验证报告</h1>",
        "<table><tr><th>document</th><th>outcome</th>"
        + "".join(f"<th>{s.lower()}s</th>" for s in SEVERITIES)
        + "<th>engine</th></tr>",
    ]
    for r in reports:
        outcome = '<span class="ok">conforms</span>' if r.conforms else '<span class="Violation">does not conform</span>'
        parts.append(
            f'<tr><td><a href="#{e(r.name)}">{e(r.name)}</a></td><td>{outcome}</td>'
            + "".join(f"<td>{r.count(s)}</td>" for s in SEVERITIES)
            + f"<td>{e(r.engine)}</td></tr>"
        )
    parts.append("</table>")
    for r in reports:
        parts.append(f'<h2 id="{e(r.name)}">{e(r.name)}</h2><p>{e(summary(r))}</p>')
        if r.graph:
            parts.append(f"<p>graph <code>{e(r.graph)}</code></p>")
        parts.append("<table><tr><th>severity</th><th>shape</th><th>count</th></tr>")
        parts.extend(
            f'<tr><td class="{e(sev)}">{e(sev)}</td><td><code>{e(short(shape))}</code></td><td>{n}</td></tr>'
            for sev, shape, n in per_shape(r)
        )
        parts.append("</table>")
        if r.findings:
            parts.append("<table><tr><th>severity</th><th>finding</th><th>source</th></tr>")
            for f in r.findings:
                detail = (
                    f"<code>{e(short(f.shape))}</code>"
                    + (f" · path <code>{e(f.path)}</code>" if f.path else "")
                    + f"<br>focus <code>{e(f.focus)}</code>"
                    + (f"<br>value <code>{e(f.value)}</code>" if f.value and f.value != f.focus else "")
                    + f"<br>{e(f.message_zh)}<br>{e(f.message_en)}"
                )
                source = e(where(f)) + (quote_html(f.quote) if f.quote else "")
                parts.append(f'<tr><td class="{e(f.severity)}">{e(f.severity)}</td><td>{detail}</td><td>{source}</td></tr>')
            parts.append("</table>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def report_graph(reports: list[DocumentReport]):
    """The standard SHACL validation report of all the documents, as an rdflib graph."""
    from rdflib import BNode, Graph, Literal, URIRef

    shapes = shapes_graph("plankg") + shapes_graph("lineage")
    graph = Graph()
    graph.bind("sh", SH)
    graph.bind("pks", SHAPES)
    report = BNode()
    graph.add((report, RDF.type, SH.ValidationReport))
    graph.add((report, SH.conforms, Literal(all(r.conforms for r in reports), datatype=XSD.boolean)))
    for f in (f for r in reports for f in r.findings):
        result = BNode()
        graph.add((report, SH.result, result))
        graph.add((result, RDF.type, SH.ValidationResult))
        graph.add((result, SH.focusNode, BNode(f.focus[2:]) if f.focus.startswith("_:") else URIRef(f.focus)))
        graph.add((result, SH.resultSeverity, SH[f.severity]))
        graph.add((result, SH.sourceShape, URIRef(f.shape)))
        if f.component:
            graph.add((result, SH.sourceConstraintComponent, URIRef(f.component)))
        path = shapes.value(URIRef(f.shape), SH.path)
        if path is not None:
            graph.add((result, SH.resultPath, path))
            for triple in shapes.triples((path, None, None)) if isinstance(path, BNode) else ():
                graph.add(triple)
        if f.value.startswith("http"):
            graph.add((result, SH.value, URIRef(f.value)))
        for text, lang in ((f.message_en, "en"), (f.message_zh, "zh-Hans")):
            if text:
                graph.add((result, SH.resultMessage, Literal(text, lang=lang)))
    return graph


def render_ttl(reports: list[DocumentReport]) -> str:
    return report_graph(reports).serialize(format="turtle")
