"""The command line fuzzed: whatever `query --param`, `sparql` and `push` are given, they answer, or refuse with a
clear error (exit 1 or 2), never a traceback; the store is unchanged; no query makes a request to another host
(a recording endpoint on loopback stands for one); no password given in a URL is ever shown.

The SERVICE check is also compared with rdflib's SPARQL parser: on every generated query rdflib parses, the check
finds a SERVICE pattern exactly when rdflib's parse tree has one.
"""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plankg.cli import cli
from plankg.graph.service import service_targets
from tests.servers import build_store
from tests.test_faults import nquads
from tests.test_outbound import Outside

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
OUTSIDE = Outside()  # one recording endpoint for the module: any request it gets fails the tests


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = build_store(tmp_path_factory.mktemp("fuzz-cli") / "store")
    before = nquads(path)
    yield path
    assert nquads(path) == before  # quad for quad, after every example of every test
    assert OUTSIDE.requests == []


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # nothing listens there once the socket is closed


def run(*args: str):
    """plankg ARGS in this process: its result, which must be an answer or a clear refusal."""
    result = CliRunner().invoke(cli, list(args), catch_exceptions=True)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in (0, 1, 2), result.output
    assert "Traceback" not in result.output
    return result


TEXT_PIECES = [
    '"',
    "'",
    "}",
    "{",
    " ; DROP ALL ; #",
    "> .",
    "<",
    "\\",
    "\n",
    "\\u0022",
    "SERVICE",
    "辽宁省",
    "辽宁",
    "懷化",
    "=",
    "%",
    "pkid:plan/210000",
    "https://w3id.org/plankg/id/plan/",
    "'''",
    "\x00",
    "\u3000",
]
VALUES = st.lists(st.sampled_from(TEXT_PIECES) | st.text(max_size=5), max_size=8).map("".join)
KEYS = st.sampled_from(["region", "text", "name", "min_plans", "measure", "node", "regoin", "", "=", "text=x"]) | st.text(
    max_size=4
)
QUERIES = st.sampled_from(
    [
        "measure-search",
        "binding-indicators",
        "indicators-shared",
        "provenance",
        "measure-lineage",
        "indicator-across-plans",
        "plans-overview",
        "no-such-query",
    ]
)


@FAST
@given(QUERIES, st.lists(st.tuples(KEYS, VALUES), max_size=3))
def test_query_params(store: Path, name: str, params: list[tuple[str, str]]) -> None:
    args = [arg for key, value in params for arg in ("--param", f"{key}={value}")]
    run("query", name, *args, "--store", str(store), "--format", "csv")


GROUP = st.deferred(lambda: st.lists(PATTERN, min_size=1, max_size=3).map(lambda ps: "{ " + " ".join(ps) + " }"))
PATTERN = st.one_of(
    st.just("?s ?p ?o ."),
    st.just('?s ?p "SERVICE <http://127.0.0.1:9/> { ?s ?p ?o }" .'),
    st.just("# SERVICE <http://127.0.0.1:9/> {\n"),
    st.just("?service <urn:x:SERVICE> ?o ."),
    GROUP.map(lambda g: f"SERVICE <{OUTSIDE.url}> {g}"),
    GROUP.map(lambda g: f"SERVICE SILENT <{OUTSIDE.url}> {g}"),
    GROUP.map(lambda g: f"OPTIONAL {g}"),
    GROUP.map(lambda g: f"FILTER EXISTS {g}"),
    GROUP.map(lambda g: f"{{ SELECT * WHERE {g} LIMIT 2 }}"),
    GROUP.map(lambda g: f"{g} UNION {g}"),
    GROUP.map(lambda g: f"GRAPH ?g {g}"),
)
WELL_FORMED = GROUP.map(lambda g: f"SELECT * WHERE {g} LIMIT 3")
JUNK = st.lists(
    st.sampled_from(
        [
            "SELECT",
            "*",
            "?s",
            "WHERE",
            "{",
            "}",
            "SERVICE",
            "SILENT",
            f"<{OUTSIDE.url}>",
            "DROP ALL",
            "LOAD <http://127.0.0.1:9/>",
            "INSERT DATA",
            ";",
            '"',
            "'''",
            "#",
            "\n",
            "ASK",
            "CONSTRUCT",
            "FILTER",
            "(",
            ")",
            "service:x",
            ".",
        ]
    ),
    max_size=20,
).map(" ".join)


def _rdflib_has_service(text: str) -> bool | None:
    """Whether rdflib's parse tree of the query has a SERVICE pattern; None when rdflib cannot parse it."""
    from pyparsing import ParseException, ParseResults
    from rdflib.plugins.sparql.parser import parseQuery
    from rdflib.plugins.sparql.parserutils import CompValue

    try:
        tree = parseQuery(text)
    except (ParseException, RecursionError):  # rdflib's parser recurses per nesting level
        return None

    def walk(node) -> bool:
        if isinstance(node, CompValue):
            return node.name == "ServiceGraphPattern" or any(walk(child) for child in node.values())
        return isinstance(node, ParseResults | list | tuple) and any(walk(child) for child in node)

    return walk(tree)


@FAST
@given(WELL_FORMED | JUNK)
def test_sparql(store: Path, text: str) -> None:
    result = run("sparql", text, "--store", str(store), "--format", "csv")
    has_service = bool(service_targets(text))
    expected = _rdflib_has_service(text)
    if expected is not None:
        assert has_service == expected, text
    if has_service:
        assert result.exit_code == 2 and "refused" in result.output


PASSWORD = "pw-Secret9"
SAFE = st.text(alphabet=st.characters(blacklist_characters="/?#@[]\\ \t\r\n\x00", blacklist_categories=("Cs", "Cc")), max_size=6)


@st.composite
def endpoints(draw) -> str:
    """URLs that can only point at loopback (no name is ever looked up): odd schemes, userinfo, ports and paths."""
    scheme = draw(st.sampled_from(["http", "https", "ftp", "HTTP", "", "javascript"]))
    user = draw(st.sampled_from(["", f"dba:{PASSWORD}@", f"{PASSWORD}@", f"dba:{PASSWORD}%40x@"])) + ""
    host = draw(
        st.sampled_from([f"127.0.0.1:{_closed_port()}", f"[::1]:{_closed_port()}", "127.0.0.1:notaport", "", "127.0.0.1:0"])
    )
    path = draw(st.sampled_from(["/query", "/sparql", "/ds/sparql", "", "/query?x=1"])) + draw(SAFE).replace(":", "")
    return f"{scheme}://{user}{host}{path}" if scheme else f"{user}{host}{path}"


@FAST
@given(endpoints(), st.none() | endpoints(), st.sampled_from(["1", "2", "0", "-1", "x", "1e9"]))
def test_push(store: Path, endpoint: str, graph_store: str | None, timeout: str) -> None:
    args = ["push", "--store", str(store), "--endpoint", endpoint, "--attempts", "1", "--timeout", timeout]
    result = run(*args, *(["--graph-store", graph_store] if graph_store else []))
    assert result.exit_code in (1, 2) and PASSWORD not in result.output
