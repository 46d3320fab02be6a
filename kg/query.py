"""The SPARQL query library: one .rq file per analyst question, run on the store or a remote endpoint.

Each file starts with comment lines `# Question:`, `# Parameters:` (`name (IRI|string|integer) - meaning`,
several separated by `;`, or `none.`) and examples. Parameters are bound as RDF terms, never pasted into
query text: a VALUES block at the start of the WHERE clause binds them, its terms serialised by pyoxigraph
(so quotes and braces in a value stay inside its literal). The same binding runs on the embedded store and
on remote endpoints; a query uses its parameters in the top-level group (patterns and FILTERs there), where
the VALUES block is in scope.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from pyoxigraph import Literal, NamedNode, Store

from plankg.loaders.script import to_simplified

_PARAM = re.compile(r"(\w+) \((IRI|string|integer)\)")
_XSD_INTEGER = NamedNode("http://www.w3.org/2001/XMLSchema#integer")


class QueryError(Exception):
    """A query that cannot run as asked: unknown name, missing or bad parameter, bad SPARQL, endpoint failure."""


@dataclass(frozen=True)
class LibraryQuery:
    name: str
    question: str
    parameters: dict[str, str]  # name -> type
    text: str


@lru_cache(maxsize=1)
def library() -> dict[str, LibraryQuery]:
    """Every query of the library by name (file name without .rq)."""
    queries = {}
    for entry in sorted(resources.files("plankg.queries").iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            text = entry.read_text(encoding="utf-8")
            queries[entry.name[:-3]] = _parse(entry.name[:-3], text)
    return queries


def _parse(name: str, text: str) -> LibraryQuery:
    header = [line[1:].strip() for line in text.splitlines() if line.startswith("#")]
    question, parameters, section = [], {}, ""
    for line in header:
        if m := re.match(r"(Question|Parameters|Graphs|Example[^:]*):\s*(.*)", line):
            section, line = m.group(1), m.group(2)
        if section == "Question":
            question.append(line)
        elif section == "Parameters":
            parameters.update(dict(_PARAM.findall(line)))
    return LibraryQuery(name, " ".join(question).strip(), parameters, text)


def get(name: str) -> LibraryQuery:
    try:
        return library()[name]
    except KeyError:
        raise QueryError(f"no query named {name!r}; the library has: {', '.join(library())}") from None


def bind(query: LibraryQuery, params: dict[str, str]) -> dict[str, NamedNode | Literal]:
    """Parameter values as RDF terms of the declared types; text parameters are matched in Simplified."""
    missing = sorted(set(query.parameters) - set(params))
    unknown = sorted(set(params) - set(query.parameters))
    if missing or unknown:
        expected = ", ".join(f"{k} ({v})" for k, v in query.parameters.items()) or "none"
        raise QueryError(f"query {query.name}: missing {missing or 'nothing'}, unknown {unknown or 'nothing'}; "
                         f"parameters: {expected}")
    terms: dict[str, NamedNode | Literal] = {}
    for key, value in params.items():
        kind = query.parameters[key]
        try:
            if kind == "IRI":
                terms[key] = NamedNode(value)
            elif kind == "integer":
                terms[key] = Literal(str(int(value)), datatype=_XSD_INTEGER)
            else:
                terms[key] = Literal(to_simplified(value))
        except ValueError as exc:
            raise QueryError(f"query {query.name}: parameter {key} is not a valid {kind}: {value!r}") from exc
    return terms


def run(store: Store, name: str, params: dict[str, str]) -> tuple[list[str], list[list[str]]]:
    """Run a library query on the embedded store: (column names, rows of strings)."""
    query = get(name)
    terms = bind(query, params)
    try:
        solutions = store.query(with_values(query.text, terms))
    except SyntaxError as exc:
        raise QueryError(f"query {name}: {exc}") from exc
    return _table(solutions)


def run_sparql(store: Store, text: str) -> tuple[list[str], list[list[str]]]:
    """Run an ad-hoc SELECT query on the embedded store."""
    try:
        return _table(store.query(text))
    except SyntaxError as exc:
        raise QueryError(f"SPARQL syntax error: {exc}") from exc


def _table(solutions) -> tuple[list[str], list[list[str]]]:
    if not hasattr(solutions, "variables"):
        raise QueryError("only SELECT queries print as tables; use `plankg export` for graphs")
    columns = [v.value for v in solutions.variables]
    rows = [[(s[c].value if s[c] is not None else "") for c in columns] for s in solutions]
    return columns, rows


def with_values(text: str, terms: dict[str, NamedNode | Literal]) -> str:
    """The query with its parameters bound by a VALUES block at the start of its WHERE clause."""
    if not terms:
        return text
    names = " ".join(f"?{k}" for k in terms)
    values = " ".join(str(t) for t in terms.values())
    block = f"VALUES ({names}) {{ ({values}) }}"
    m = re.search(r"\bWHERE\s*\{", text, flags=re.IGNORECASE)
    if m is None:
        raise QueryError("cannot bind parameters: the query has no WHERE clause")
    return text[: m.end()] + " " + block + " " + text[m.end() :]


def run_remote(endpoint: str, name: str, params: dict[str, str], timeout: float = 60) -> tuple[list[str], list[list[str]]]:
    """Run a library query against a SPARQL 1.1 endpoint over HTTP."""
    query = get(name)
    return sparql_select(endpoint, with_values(query.text, bind(query, params)), timeout)


def sparql_select(endpoint: str, text: str, timeout: float = 60, opener: urllib.request.OpenerDirector | None = None
                  ) -> tuple[list[str], list[list[str]]]:
    """POST a SELECT query (SPARQL 1.1 Protocol) and read its JSON results; opener carries credentials if any.

    The query goes URL-encoded, the form every endpoint takes (Virtuoso 7 hangs on application/sparql-query).
    """
    request = urllib.request.Request(
        endpoint, data=urllib.parse.urlencode({"query": text}).encode("ascii"), method="POST",
        headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"})
    try:
        with (opener.open if opener else urllib.request.urlopen)(request, timeout=timeout) as response:
            results = json.loads(response.read().decode("utf-8"))
    except urllib.error.HTTPError as exc:
        raise QueryError(f"{endpoint}: HTTP {exc.code}: {exc.read()[:300].decode('utf-8', 'replace')}") from exc
    except (urllib.error.URLError, OSError) as exc:
        raise QueryError(f"{endpoint}: cannot reach the endpoint ({exc})") from exc
    columns = results["head"]["vars"]
    rows = [[b.get(c, {}).get("value", "") for c in columns] for b in results["results"]["bindings"]]
    return columns, rows
