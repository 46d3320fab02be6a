"""Query results as Python values, for notebooks and scripts: rows of dicts, a boolean, or an rdflib graph.

A literal becomes the Python value of its XSD datatype (integers int, xsd:decimal Decimal, doubles float,
dates date, years int, booleans bool); an IRI its string; anything else (a language-tagged string, a duration)
its text. A literal whose text does not parse as its datatype stays text: nothing is guessed.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from pyoxigraph import BlankNode, Literal, NamedNode, QueryBoolean, QuerySolutions, RdfFormat, Triple, serialize

from plankg.graph.vocab import QUERY_PREFIXES, XSD

if TYPE_CHECKING:
    import pandas
    import rdflib

INTEGERS = {
    "integer",
    "int",
    "long",
    "short",
    "byte",
    "nonNegativeInteger",
    "positiveInteger",
    "nonPositiveInteger",
    "negativeInteger",
    "unsignedLong",
    "unsignedInt",
    "unsignedShort",
    "unsignedByte",
    "gYear",
}
FLOATS = {"double", "float"}
NOTEBOOK_EXTRA = "pip install 'plankg[notebook]'"


def python_value(term: object) -> Any:
    """The Python value of an RDF term (None for an unbound variable).

    Example:
        >>> python_value(Literal("55", datatype=NamedNode(XSD + "decimal")))
        Decimal('55')
    """
    if term is None:
        return None
    if isinstance(term, NamedNode):
        return term.value
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    if not isinstance(term, Literal):
        return str(term)
    kind = term.datatype.value.removeprefix(XSD)
    text = term.value
    try:
        if kind in INTEGERS:
            return int(text)
        if kind == "decimal":
            return Decimal(text)
        if kind in FLOATS:
            return float(text)
        if kind == "boolean":
            return {"true": True, "1": True, "false": False, "0": False}[text.strip()]
        if kind == "date":
            return date.fromisoformat(text)
        if kind == "dateTime":
            return datetime.fromisoformat(text)
    except (ValueError, KeyError, InvalidOperation):
        return text
    return text


class Rows(list[dict[str, Any]]):
    """The rows of a SELECT query: one dict per solution, column name → Python value (None when unbound).

    Example:
        >>> rows = kg.sparql("SELECT ?plan WHERE { ?plan a pk:Plan }")
        >>> rows.columns, len(rows)
        (['plan'], 5)
    """

    def __init__(self, columns: list[str], rows: Iterable[dict[str, Any]] = ()) -> None:
        super().__init__(rows)
        self.columns = columns

    def to_pandas(self) -> pandas.DataFrame:
        """The rows as a pandas DataFrame, columns in the query's order (pandas is the `notebook` extra).

        Example:
            >>> kg.query("plans-overview").to_pandas()[["region", "measures"]]
        """
        try:
            import pandas
        except ModuleNotFoundError:
            raise ModuleNotFoundError(
                f"Rows.to_pandas needs pandas, which plankg installs as an extra: {NOTEBOOK_EXTRA}", name="pandas"
            ) from None
        frame = pandas.DataFrame(list(self), columns=self.columns)
        for column in self.columns:  # integers with gaps (a year not stated) stay integers, the gaps <NA>
            values = [row[column] for row in self if row[column] is not None]
            if values and len(values) < len(self) and all(type(v) is int for v in values):
                frame[column] = frame[column].astype("Int64")
        return frame


def solution_rows(solutions: QuerySolutions) -> Rows:
    """The solutions of a SELECT query as Rows of Python values.

    Example:
        >>> solution_rows(Store().query("SELECT ?n WHERE { VALUES ?n { 1 2 } }"))
        [{'n': 1}, {'n': 2}]
    """
    columns = [v.value for v in solutions.variables]
    return Rows(columns, ({c: python_value(s[c]) for c in columns} for s in solutions))


def triples_graph(triples: Iterable[Triple]) -> rdflib.Graph:
    """The triples of a CONSTRUCT or DESCRIBE query as an rdflib Graph with the project's prefixes bound.

    Example:
        >>> len(triples_graph(store.query("CONSTRUCT { ?p a pk:Plan } WHERE { ?p a pk:Plan }", prefixes=QUERY_PREFIXES)))
        5
    """
    from rdflib import Graph

    graph = Graph()
    for prefix, namespace in QUERY_PREFIXES.items():
        graph.bind(prefix, namespace, replace=True)
    data = serialize(list(triples), format=RdfFormat.N_TRIPLES)
    if data:
        graph.parse(data=data.decode("utf-8"), format="nt")
    return graph


def python_results(results: QuerySolutions | QueryBoolean | Iterable[Triple]) -> Rows | bool | rdflib.Graph:
    """Any query form's results as Python values: SELECT rows, an ASK answer, or a CONSTRUCT or DESCRIBE graph.

    Example:
        >>> python_results(Store().query("ASK { ?s ?p ?o }"))
        False
    """
    if isinstance(results, QuerySolutions):
        return solution_rows(results)
    if isinstance(results, QueryBoolean):
        return bool(results)
    return triples_graph(results)  # QueryTriples, or the triples of a remote endpoint
