"""The SPARQL query library: one .rq file per analyst question, run on the store or a remote endpoint.

Each file starts with comment lines `# Question:`, `# Parameters:` (`name (IRI|string|label|integer) - meaning`, or
`name (one|other) - meaning` for a choice among words, bound as a string; `name (one|other, default one)` for one that
may be left out; several separated by `;`, or `none.`) and examples. A label is text bound as a Simplified label
(`"…"@zh-Hans`), so that a query can look up the node it names directly (a BIND making one from a string is evaluated
after the lookups it feeds, over the whole store). Parameters are bound as RDF terms, never pasted into query text: a
VALUES block at the start of the WHERE clause binds them, its terms serialised by pyoxigraph (so quotes and braces in
a value stay inside its literal). The same binding runs on the embedded store and on remote endpoints; a query uses
its parameters in the top-level group (patterns and FILTERs there), where the VALUES block is in scope.
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from pyoxigraph import Literal, NamedNode, QueryBoolean, QuerySolutions, QueryTriples, Store

from plankg.errors import FAILED, UsageProblem
from plankg.graph.service import ServiceRefused, refuse_service
from plankg.graph.solutions import select
from plankg.graph.vocab import LINEAGE_GRAPH, QUERY_PREFIXES, REGIONS_GRAPH, XSD_INTEGER
from plankg.loaders.script import to_simplified
from plankg.remote import redact

_PARAM = re.compile(r"(\w+) \((IRI|string|label|integer|\w+(?:\|\w+)+)(?:, default (\w+))?\)")
Results = QuerySolutions | QueryBoolean | QueryTriples


class QueryError(UsageProblem):
    """A query that cannot run as asked: unknown name, missing or bad parameter, bad SPARQL, endpoint failure."""


class EndpointError(QueryError):
    """The endpoint could not be reached or refused the query: the command ran and failed (not a usage error)."""

    exit_code = FAILED


@dataclass(frozen=True)
class LibraryQuery:
    name: str
    question: str
    parameters: dict[str, str]  # name -> type
    text: str
    defaults: dict[str, str] = field(default_factory=dict)  # name -> the value a parameter left out takes


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
    question, parameters, defaults, section = [], {}, {}, ""
    for line in header:
        if m := re.match(r"(Question|Parameters|Graphs|Example[^:]*):\s*(.*)", line):
            section, line = m.group(1), m.group(2)
        if section == "Question":
            question.append(line)
        elif section == "Parameters":
            for key, kind, default in _PARAM.findall(line):
                parameters[key] = kind
                if default:
                    defaults[key] = default
    return LibraryQuery(name, " ".join(question).strip(), parameters, text, defaults)


def get(name: str) -> LibraryQuery:
    try:
        return library()[name]
    except KeyError:
        raise QueryError(f"no query named {name!r}; the library has: {', '.join(library())}") from None


def bind(query: LibraryQuery, params: dict[str, str]) -> dict[str, NamedNode | Literal]:
    """Parameter values as RDF terms of the declared types; text parameters are matched in Simplified, IRIs may
    be given as CURIEs with the project's prefixes (as tables show them); one left out takes its default."""
    params = {**query.defaults, **params}
    unknown = sorted(set(params) - set(query.parameters))
    if unknown:
        name = unknown[0]
        close = difflib.get_close_matches(name, list(query.parameters), n=1)
        hint = f" (did you mean {close[0]}?)" if close else ""
        raise QueryError(f"query {query.name} has no parameter {name}{hint}; it takes {described(query)}")
    missing = [k for k in query.parameters if k not in params]
    if missing:
        given = " ".join(f"--param {k}=…" for k in missing)
        raise QueryError(f"query {query.name} is missing {given}; it takes {described(query)}")
    terms: dict[str, NamedNode | Literal] = {}
    for key, value in params.items():
        kind = query.parameters[key]
        try:
            if kind == "IRI":
                terms[key] = NamedNode(expand(value))
            elif kind == "integer":
                terms[key] = Literal(str(int(value)), datatype=XSD_INTEGER)
            elif kind == "label":
                terms[key] = Literal(to_simplified(value), language="zh-Hans")
            elif "|" in kind:
                terms[key] = Literal(_choice(value, kind.split("|")))
            else:
                terms[key] = Literal(to_simplified(value))
        except ValueError as exc:
            raise QueryError(f"query {query.name}: parameter {key} is not a valid {kind}: {value!r}") from exc
    return terms


def _choice(value: str, words: list[str]) -> str:
    """The value when it is one of the words: a word mistyped is refused, not taken as another answer's."""
    if value not in words:
        raise ValueError(value)
    return value


def described(query: LibraryQuery) -> str:
    """The parameters as the header declares them: `name (type)`, or `name (type, default value)`."""
    return (
        ", ".join(
            f"{k} ({v}, default {query.defaults[k]})" if k in query.defaults else f"{k} ({v})"
            for k, v in query.parameters.items()
        )
        or "no parameters"
    )


def expand(name: str) -> str:
    """A CURIE with one of the project's prefixes (pkid:plan/…) back to its IRI; anything else unchanged."""
    prefix, sep, local = name.partition(":")
    if sep and prefix in QUERY_PREFIXES and not local.startswith("//"):
        return QUERY_PREFIXES[prefix] + local
    return name


# Where the values of a text parameter come from, to suggest the closest when a value matches nothing.
CANDIDATES = {
    "region": f"SELECT DISTINCT ?v WHERE {{ GRAPH <{REGIONS_GRAPH}> {{ ?r skos:prefLabel ?v }} }}",
    "name": "SELECT DISTINCT ?v WHERE { GRAPH ?g { ?i a pk:Indicator ; pk:name ?v } }",
    "instrument": f"""SELECT ?v WHERE {{ GRAPH <{LINEAGE_GRAPH}> {{ ?c a pk:PolicyInstrument ; skos:prefLabel ?v }}
        FILTER(lang(?v) = "zh-hans") }}""",
}


def suggestions(values: list[str], given: str, limit: int = 5) -> list[str]:
    """The values closest to given: those containing it (辽宁 → 辽宁省) first, then similar spellings."""
    simplified = to_simplified(given)
    containing = sorted({v for v in values if simplified in to_simplified(v) or given in v}, key=len)
    close = difflib.get_close_matches(simplified, values, n=limit, cutoff=0.5)
    return list(dict.fromkeys([*containing, *close]))[:limit]


def candidate_values(store: Store, parameter: str) -> list[str]:
    """The values a text parameter can usefully take, read from the store (empty when the parameter has none)."""
    text = CANDIDATES.get(parameter)
    if text is None:
        return []
    return sorted({row["v"].value for row in select(store, text, prefixes=QUERY_PREFIXES)})


def run(store: Store, name: str, params: dict[str, str]) -> tuple[list[str], list[list[str]]]:
    """Run a library query on the embedded store: (column names, rows of strings)."""
    query = get(name)
    return _table(execute(store, with_values(query.text, bind(query, params)), union=False))


def run_sparql(store: Store, text: str, union: bool = True) -> tuple[list[str], list[list[str]]]:
    """Run an ad-hoc SELECT query on the embedded store: (column names, rows of strings)."""
    return _table(execute(store, text, union))


def execute(store: Store, text: str, union: bool = True, allow_service: bool = False) -> Results:
    """A query on the store with the project's prefixes predefined (QUERY_PREFIXES) and, unless union is False,
    the union of the named graphs as its default graph (the store's own default graph is empty). A SERVICE
    pattern is refused unless allow_service (it would send a request to another endpoint: plankg.graph.service)."""
    _check_service(text, allow_service)
    try:
        return store.query(text, prefixes=QUERY_PREFIXES, use_default_graph_as_union=union)
    except SyntaxError as exc:
        raise QueryError(syntax_message(text, str(exc))) from None


def _check_service(text: str, allow_service: bool) -> None:
    """A SERVICE pattern refused (a QueryError saying why) unless allowed: on the store it would make this machine
    request another endpoint, on a remote endpoint that endpoint's machine."""
    if not allow_service:
        try:
            refuse_service(text)
        except ServiceRefused as exc:
            raise QueryError(str(exc)) from None


def run_library(store: Store, name: str, params: dict[str, str], allow_service: bool = False) -> Results:
    """A library query's results as the store gives them (to serialise in any result format)."""
    query = get(name)
    return execute(store, with_values(query.text, bind(query, params)), union=False, allow_service=allow_service)


_POSITION = re.compile(r"error at (\d+):(\d+): (?:expected one of |expected )?(.*)", re.DOTALL)
_ALTERNATIVE = re.compile(r'"[^"]*"|\[[^\]]*\]|[^,]+')
_FORM = re.compile(r"\s*(?:(?:#[^\n]*|PREFIX\s+[\w.-]*:\s*<[^>]*>|BASE\s*<[^>]*>)\s*)*(\w*)", re.IGNORECASE)
_LEXEMES = re.compile(
    r'#[^\n]*|"""(?:[^\\]|\\.)*?"""|\'\'\'(?:[^\\]|\\.)*?\'\'\'|"(?:[^"\\\n]|\\.)*"|'
    r"'(?:[^'\\\n]|\\.)*'|<[^<>\"{}|^`\\\s]*>|[{}()\[\]]"
)
_CLOSER = {"}": "{", ")": "(", "]": "["}


def syntax_message(text: str, error: str) -> str:
    """Oxigraph's parse error as the line, the column and the first clear reason, with the line and a caret.

    Oxigraph lists every token its grammar would have taken where it stopped; a reason in words is given
    instead when there is one (an unknown prefix, an unbalanced bracket, a query that is not a query form),
    and the grammar's character classes are left out."""
    m = _POSITION.match(error)
    if m is None:
        return f"SPARQL syntax error: {error.splitlines()[0]}"
    line, column = int(m.group(1)), int(m.group(2))
    lines = text.splitlines() or [""]
    source = lines[min(line, len(lines)) - 1]
    alternatives = [a.strip() for a in _ALTERNATIVE.findall(m.group(3).replace("\n", " ")) if a.strip()]
    words = [a for a in alternatives if " " in a and not a.startswith(("[", "'", '"'))]
    tokens = [a for a in alternatives if not a.startswith("[") and a not in words]
    form = _FORM.match(text)
    if form and form.group(1).upper() not in {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}:
        reason = "a query starts with SELECT, ASK, CONSTRUCT or DESCRIBE (after any PREFIX and BASE lines)"
        line, column = _line_column(text, form.start(1))
    elif words == ["Prefix not found"]:
        names = list(re.finditer(r"([A-Za-z][\w.-]*)?:[^\s]*", source[:column]))
        name = (names[-1].group(1) or "") + ":" if names else ":"
        column = names[-1].start() + 1 if names else column
        reason = f"unknown prefix {name} (predefined: {', '.join(QUERY_PREFIXES)}; declare others with PREFIX {name} <…>)"
    elif (unbalanced := _unbalanced(text)) is not None:
        offset, reason = unbalanced
        line, column = _line_column(text, offset)
    elif words:
        reason = words[0]
    elif tokens:
        reason = "expected " + ", ".join(tokens[:8]) + (" …" if len(tokens) > 8 else "")
    else:
        reason = "cannot read the query from here"
    source = lines[min(line, len(lines)) - 1]
    caret = " " * _width(source[: column - 1]) + "^"
    return f"SPARQL syntax error at line {line}, column {column}: {reason}\n  {source}\n  {caret}"


def _unbalanced(text: str) -> tuple[int, str] | None:
    """The first bracket closed without being opened, or left open (outside strings, IRIs and comments)."""
    opened: list[tuple[str, int]] = []
    for lexeme in _LEXEMES.finditer(text):
        token = lexeme.group()
        if token in "{([":
            opened.append((token, lexeme.start()))
        elif token in _CLOSER:
            if not opened or opened[-1][0] != _CLOSER[token]:
                return (
                    lexeme.start(),
                    f"{token} closes nothing"
                    if not opened
                    else f"{token} where the {opened[-1][0]} opened before it is still open",
                )
            opened.pop()
    if opened:
        return opened[-1][1], f"{opened[-1][0]} is never closed"
    return None


def _line_column(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def _width(text: str) -> int:
    """Terminal columns of text: wide (CJK) characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _table(solutions: Results) -> tuple[list[str], list[list[str]]]:
    if not isinstance(solutions, QuerySolutions):
        raise QueryError("only SELECT queries give rows")
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


def remote_library(endpoint: str, name: str, params: dict[str, str], timeout: float = 60, allow_service: bool = False) -> Results:
    """A library query's results from a SPARQL 1.1 endpoint (to serialise in any result format)."""
    query = get(name)
    return execute_remote(endpoint, with_values(query.text, bind(query, params)), timeout, allow_service)


def execute_remote(endpoint: str, text: str, timeout: float = 60, allow_service: bool = False):
    """Any query form on a SPARQL 1.1 endpoint, the project's prefixes declared for it: SELECT and ASK results
    (read from SPARQL JSON results by pyoxigraph), or a graph's triples (read from N-Triples). SERVICE is refused
    unless allowed, as on the store."""
    from pyoxigraph import QueryResultsFormat, RdfFormat, parse, parse_query_results

    _check_service(text, allow_service)
    body, media_type = _post(
        endpoint, with_prefixes(text), timeout, "application/sparql-results+json, application/n-triples;q=0.9"
    )
    if media_type in ("application/n-triples", "text/plain"):
        return [q.triple for q in parse(body, format=RdfFormat.N_TRIPLES)]
    if media_type == "text/turtle":
        return [q.triple for q in parse(body, format=RdfFormat.TURTLE)]
    try:
        return parse_query_results(body, format=QueryResultsFormat.JSON)
    except SyntaxError as exc:
        raise EndpointError(f"{endpoint}: the answer is not SPARQL JSON results ({media_type}): {exc}") from None


def with_prefixes(text: str) -> str:
    """The query with the project's prefixes it does not declare itself declared before it, on its first line (so
    that an error's line number is the same), for endpoints that do not predefine them."""
    declared = set(re.findall(r"PREFIX\s+([\w.-]*):", text, flags=re.IGNORECASE))
    return "".join(f"PREFIX {p}: <{ns}> " for p, ns in QUERY_PREFIXES.items() if p not in declared) + text


def _post(
    endpoint: str, text: str, timeout: float, accept: str, opener: urllib.request.OpenerDirector | None = None
) -> tuple[bytes, str]:
    """POST a query URL-encoded (SPARQL 1.1 Protocol): the body and media type of the answer.

    URL-encoded is the form every endpoint takes (Virtuoso 7 hangs on application/sparql-query)."""
    request = urllib.request.Request(
        endpoint,
        data=urllib.parse.urlencode({"query": text}).encode("ascii"),
        method="POST",
        headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": accept},
    )
    try:
        with (opener.open if opener else urllib.request.urlopen)(request, timeout=timeout) as response:
            return response.read(), response.headers.get_content_type()
    except urllib.error.HTTPError as exc:
        # the body without the lines a server may echo the request's headers (credentials) in: plankg.remote.redact
        raise EndpointError(f"{redact.url(endpoint)}: HTTP {exc.code}: {redact.server_body(exc.read(4096), [])}") from exc
    except (urllib.error.URLError, OSError) as exc:
        raise EndpointError(f"{endpoint}: cannot reach the endpoint ({getattr(exc, 'reason', exc)})") from exc


def sparql_select(
    endpoint: str, text: str, timeout: float = 60, opener: urllib.request.OpenerDirector | None = None
) -> tuple[list[str], list[list[str]]]:
    """POST a SELECT query (SPARQL 1.1 Protocol) and read its JSON results; opener carries credentials if any."""
    body, _ = _post(endpoint, text, timeout, "application/sparql-results+json", opener)
    results = json.loads(body.decode("utf-8"))
    columns = results["head"]["vars"]
    rows = [[b.get(c, {}).get("value", "") for c in columns] for b in results["results"]["bindings"]]
    return columns, rows
