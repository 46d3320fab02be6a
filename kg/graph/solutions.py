"""Query results with their form in their type.

pyoxigraph's Store.query returns any query form's results (solutions, a boolean, triples) under one union type;
the code asking a SELECT or a CONSTRUCT query knows which it gets, and says so here once, so that a query of
another form is a TypeError naming the query rather than an attribute error in the code reading its results.
"""

from __future__ import annotations

import re
from typing import Any

from pyoxigraph import QuerySolutions, QueryTriples, Store

from plankg.graph.vocab import SPARQL_PREFIXES


def select(store: Store, query: str, **options: Any) -> QuerySolutions:
    """The solutions of a SELECT query (options as Store.query's: prefixes, use_default_graph_as_union …)."""
    results = store.query(query, **options)
    if not isinstance(results, QuerySolutions):
        raise TypeError(f"not a SELECT query: {_head(query)}")
    return results


def construct(store: Store, query: str, **options: Any) -> QueryTriples:
    """The triples of a CONSTRUCT or DESCRIBE query."""
    results = store.query(query, **options)
    if not isinstance(results, QueryTriples):
        raise TypeError(f"not a CONSTRUCT or DESCRIBE query: {_head(query)}")
    return results


def string_rows(store: Store, query: str) -> list[dict[str, str]]:
    """A SELECT query, written with the vocabulary's prefixes, as dicts of strings ("" for an unbound variable)."""
    solutions = select(store, SPARQL_PREFIXES + query)
    names = [v.value for v in solutions.variables]
    return [{k: (r[k].value if r[k] is not None else "") for k in names} for r in solutions]


def written(data: bytes | None) -> bytes:
    """What pyoxigraph's serialize or dump returned, called without an output file: the bytes it wrote.
    (They return None only when given a file to write to.)"""
    if data is None:
        raise TypeError("serialize was given an output file: it returned no bytes")
    return data


def _head(query: str) -> str:
    """The start of a query after its prefix declarations, on one line."""
    return " ".join(_PREFIXES.sub("", query).split())[:100]


_PREFIXES = re.compile(r"^\s*(?:PREFIX\s+[^\s:]*:\s*<[^>]*>\s*)*", re.IGNORECASE)
