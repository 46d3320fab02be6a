"""Query results written out: the SPARQL 1.1 result formats and RDF formats serialised by pyoxigraph, or a table.

A table never cuts a value: IRIs are shortened to CURIEs with the project's prefixes (whole, never wrapped) and
long text is wrapped. When the columns cannot fit the terminal side by side, each row is printed as a record,
one `name  value` line per column, so that nothing is cut at 80 columns either.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import BinaryIO

from pyoxigraph import BlankNode, Literal, NamedNode, QueryBoolean, QueryResultsFormat, QuerySolutions, RdfFormat, Triple
from pyoxigraph import serialize as serialize_rdf
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from plankg.errors import UsageProblem
from plankg.graph.solutions import written
from plankg.graph.vocab import QUERY_PREFIXES, XSD

RESULT_FORMATS = {
    "csv": QueryResultsFormat.CSV,
    "tsv": QueryResultsFormat.TSV,
    "json": QueryResultsFormat.JSON,
    "xml": QueryResultsFormat.XML,
}
GRAPH_FORMATS = {
    "turtle": RdfFormat.TURTLE,
    "ntriples": RdfFormat.N_TRIPLES,
    "jsonld": RdfFormat.JSON_LD,
    "rdfxml": RdfFormat.RDF_XML,
}
# A graph asked for in a result format's name gets that name's RDF counterpart.
GRAPH_EQUIVALENTS = {"table": "turtle", "json": "jsonld", "xml": "rdfxml"}
FORMAT_NAMES = ["table", *RESULT_FORMATS, *GRAPH_FORMATS]
NUMERIC_TYPES = {"integer", "decimal", "double", "float", "int", "long", "nonNegativeInteger", "positiveInteger"}
TEXT_MIN_WIDTH = 12  # a wrapped text column narrower than this is harder to read than a record


class FormatError(UsageProblem):
    """A result format that does not fit the query's form (csv for a graph, turtle for a SELECT)."""


def curie(iri: str) -> str:
    """The IRI shortened with the longest matching prefix of QUERY_PREFIXES, or the IRI itself."""
    best = max((ns for ns in QUERY_PREFIXES.values() if iri.startswith(ns)), key=len, default=None)
    if best is None:
        return iri
    prefix = next(p for p, ns in QUERY_PREFIXES.items() if ns == best)
    return f"{prefix}:{iri[len(best) :]}"


def cell(term, full_iris: bool = False) -> str:
    """How a term reads in a table: a CURIE (or the full IRI), a literal's text, a blank node's label."""
    if term is None:
        return ""
    if isinstance(term, NamedNode):
        return term.value if full_iris else curie(term.value)
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    return term.value


def write(results, fmt: str, out: BinaryIO, console: Console, full_iris: bool = False) -> None:
    """Results of any query form in fmt: a table on the console, else bytes to out."""
    if isinstance(results, QuerySolutions | QueryBoolean):
        if fmt in GRAPH_FORMATS:
            raise FormatError(
                f"--format {fmt} is for CONSTRUCT and DESCRIBE; a SELECT or ASK query's results "
                f"are written as {', '.join(['table', *RESULT_FORMATS])}"
            )
        if fmt == "table":
            print_table(console, results, full_iris)
        else:
            _write_lines(out, written(results.serialize(format=RESULT_FORMATS[fmt])))
        return
    fmt = GRAPH_EQUIVALENTS.get(fmt, fmt)
    if fmt not in GRAPH_FORMATS:
        raise FormatError(f"a CONSTRUCT or DESCRIBE query gives a graph, written as {', '.join(GRAPH_FORMATS)} (not {fmt})")
    _write_lines(out, serialize_graph(results, GRAPH_FORMATS[fmt]))


def _write_lines(out: BinaryIO, data: bytes) -> None:
    """data, ending with a line break (pyoxigraph ends JSON and XML results without one)."""
    out.write(data if data.endswith(b"\n") else data + b"\n")


def serialize_graph(triples: Iterable[Triple], fmt: RdfFormat) -> bytes:
    """Triples in fmt, with the vocabularies' prefixes (not pkid:, whose local names need escaped slashes)."""
    prefixes = {p: ns for p, ns in QUERY_PREFIXES.items() if p != "pkid"}
    with_prefixes = fmt in (RdfFormat.TURTLE, RdfFormat.RDF_XML)
    return written(serialize_rdf(triples, format=fmt, prefixes=prefixes if with_prefixes else None))


def print_table(console: Console, results: QuerySolutions | QueryBoolean, full_iris: bool = False) -> None:
    """SELECT results as a table (or records when the columns cannot fit side by side), ASK as true/false."""
    if isinstance(results, QueryBoolean):
        console.print("true" if bool(results) else "false")
        return
    columns = [v.value for v in results.variables]
    rows = [[solution[c] for c in columns] for solution in results]
    cells = [[cell(term, full_iris) for term in row] for row in rows]
    iri_columns = {i for i in range(len(columns)) if any(isinstance(row[i], NamedNode) for row in rows)}
    numeric = {
        i
        for i in range(len(columns))
        if any(row[i] is not None for row in rows) and all(_is_number(row[i]) for row in rows if row[i] is not None)
    }
    widths = [max([cell_len(columns[i]), *(cell_len(r[i]) for r in cells)]) for i in range(len(columns))]
    iri_widths = {
        i: max([cell_len(columns[i]), *(cell_len(c[i]) for c, r in zip(cells, rows, strict=True) if isinstance(r[i], NamedNode))])
        for i in iri_columns
    }
    needed = [
        max(iri_widths[i], min(w, TEXT_MIN_WIDTH)) if i in iri_columns else min(w, TEXT_MIN_WIDTH) for i, w in enumerate(widths)
    ]
    if sum(needed) + 3 * len(columns) + 1 <= console.width:
        table = Table(*columns, header_style="bold")
        for i, column in enumerate(table.columns):
            column.overflow = "fold"  # text wraps; an IRI is never wider than its column's minimum, so stays whole
            if i in iri_columns:
                column.min_width = iri_widths[i]
            if i in numeric:
                column.justify = "right"
        for row in cells:
            table.add_row(*row)
        console.print(table)
    else:
        _print_records(console, columns, cells, rows)
    console.print(f"{len(rows)} row" + ("" if len(rows) == 1 else "s"))


def _is_number(term) -> bool:
    return isinstance(term, Literal) and term.datatype.value.removeprefix(XSD) in NUMERIC_TYPES


def _print_records(console: Console, columns: list[str], cells: list[list[str]], rows: list[list]) -> None:
    """One block per row, one `name  value` line per column: text wrapped under its value, IRIs left whole
    (a long one runs on, as the terminal wraps it, so that it can still be copied)."""
    key_width = max(cell_len(c) for c in columns)
    indent = " " * (key_width + 2)
    for number, (row, terms) in enumerate(zip(cells, rows, strict=True), start=1):
        console.print(Text(f"── {number} ", style="dim") + Text("─" * max(console.width - 8, 4), style="dim"))
        for column, value, term in zip(columns, row, terms, strict=True):
            key = Text(column.ljust(key_width) + "  ", style="bold")
            if isinstance(term, NamedNode) or not value:
                console.print(key + Text(value), soft_wrap=True)
                continue
            lines = Text(value).wrap(console, max(console.width - len(indent), 10))
            for i, line in enumerate(lines):
                console.print((key if i == 0 else Text(indent)) + line, soft_wrap=True)
