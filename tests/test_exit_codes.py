"""The error family and the exit status of the command line: 1 when the work ran and failed (an endpoint or a remote
store out of reach, no store), 2 when it was asked wrongly (an unknown query, a bad parameter, a missing option);
one line on stderr either way, no traceback, and a usage banner only for a command line click cannot parse."""

from __future__ import annotations

import ast
import socket
import subprocess
import sys
from pathlib import Path

import pytest

import plankg as plankg_package
from plankg.errors import FAILED, USAGE, PlankgError, UsageProblem
from plankg.graph.faults import Fault, NoStore
from plankg.graph.service import ServiceRefused
from plankg.loaders.errors import LoadError
from plankg.loading.limits import Limits, check_text
from plankg.query.library import EndpointError, QueryError, get
from plankg.query.results import FormatError
from plankg.remote.push import PushError

ROOT = Path(__file__).resolve().parents[1]
PLANKG = [sys.executable, "-c", "from plankg.cli import main; main()"]
DOCUMENT = ROOT / "corpus" / "004_816c855b418fc27c.txt"  # 珠海市民政局 2021 年工作要点: three graphs once loaded


def plankg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*PLANKG, *args], capture_output=True, text=True, timeout=120)


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # nothing listens there once the socket is closed


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("exit-codes") / "store"
    built = plankg("build", str(DOCUMENT), "--store", str(path), "--no-validate", "--no-lineage", "--no-views")
    assert built.returncode == 0, built.stdout + built.stderr
    return path


def one_error_line(result: subprocess.CompletedProcess, code: int) -> str:
    """The message of a command that stopped on an error: its exit status is code, stderr is that one line."""
    assert result.returncode == code, (result.returncode, result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    return lines[0].removeprefix("Error: ")


def test_every_error_of_plankg_is_a_plankg_error_with_its_exit_status(tmp_path: Path) -> None:
    failed = [
        LoadError("a.txt", "unreadable"),
        EndpointError("down"),
        PushError("refused"),
        Fault("disk full"),
        NoStore("no store"),
    ]
    asked_wrongly = [QueryError("no such query"), FormatError("csv for a graph"), ServiceRefused("SERVICE <x>")]
    assert [e.exit_code for e in failed] == [FAILED] * 5 and FAILED == 1
    assert [e.exit_code for e in asked_wrongly] == [USAGE] * 3 and USAGE == 2
    assert all(isinstance(e, PlankgError) for e in failed + asked_wrongly)
    assert all(isinstance(e, UsageProblem) for e in asked_wrongly) and isinstance(NoStore("x"), FileNotFoundError)
    assert plankg_package.PlankgError is PlankgError and plankg_package.QueryError is QueryError  # the public names
    with pytest.raises(QueryError) as unknown:  # raised by the library itself, as the commands get it
        get("no-such-query")
    assert unknown.value.exit_code == USAGE
    with pytest.raises(PlankgError) as over:  # a limit's error is a LoadError naming the file
        check_text(tmp_path / "long.txt", "字" * 11, Limits(text_chars=10))
    assert isinstance(over.value, LoadError) and over.value.exit_code == FAILED
    assert str(over.value).startswith("long.txt: its text is 11 characters, over the limit of 10 characters")


def test_an_endpoint_out_of_reach_is_a_failure_not_a_usage_error(store: Path) -> None:
    endpoint = f"http://127.0.0.1:{closed_port()}/sparql"
    library = plankg("query", "indicators-shared", "--param", "min_plans=2", "--endpoint", endpoint)
    assert one_error_line(library, 1).startswith(f"{endpoint}: cannot reach the endpoint (")
    ad_hoc = plankg("sparql", "SELECT * WHERE { ?s ?p ?o }", "--endpoint", endpoint)
    assert one_error_line(ad_hoc, 1).startswith(f"{endpoint}: cannot reach the endpoint (")


def test_a_push_to_a_host_out_of_reach_fails_and_says_where_it_stopped(store: Path) -> None:
    port = closed_port()
    result = plankg("push", "--endpoint", f"http://127.0.0.1:{port}/sparql", "--store", str(store))
    assert result.returncode == 1 and "Usage:" not in result.stderr and "Traceback" not in result.stderr
    assert f"Error: PUT http://127.0.0.1:{port}/sparql-graph-crud-auth?graph=" in result.stderr
    assert ": cannot reach the store (" in result.stderr
    assert "stopped at graph 1 of 3 (" in result.stderr  # the document's graph, regions and runs


def test_asked_wrongly_is_exit_2_with_the_reason_and_no_usage_banner(store: Path) -> None:
    unknown = one_error_line(plankg("query", "no-such-query", "--store", str(store)), 2)
    assert unknown.startswith("no query named 'no-such-query'; the library has: binding-indicators, ")
    bad = one_error_line(plankg("query", "indicators-shared", "--param", "min_plans=many", "--store", str(store)), 2)
    assert bad == "query indicators-shared: parameter min_plans is not a valid integer: 'many'"
    graph_as_csv = plankg("sparql", "CONSTRUCT WHERE { ?s ?p ?o }", "--format", "csv", "--store", str(store))
    assert one_error_line(graph_as_csv, 2).startswith("a CONSTRUCT or DESCRIBE query gives a graph")


def test_a_command_line_click_cannot_parse_shows_the_usage(store: Path) -> None:
    result = plankg("push", "--endpoint", "ftp://example.org/sparql", "--store", str(store))
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "Usage: plankg push [OPTIONS]",
        "Try 'plankg push --help' for help.",
        "",
        "Error: not an http(s) URL: 'ftp://example.org/sparql'",
    ]


@pytest.mark.parametrize(
    "command",
    [
        ["stats"],
        ["list"],
        ["export", "--format", "trig"],
        ["lineage"],
        ["reason"],
        ["remove", "a.txt"],
        ["validate"],
        ["viz"],
        ["serve"],
        ["query", "plans-overview"],
        ["sparql", "ASK {}"],
        ["push", "--endpoint", "http://127.0.0.1:9/sparql"],
    ],
)
def test_no_store_is_one_line_and_none_is_made(tmp_path: Path, command: list[str]) -> None:
    missing = tmp_path / "nothing-here"
    assert one_error_line(plankg(*command, "--store", str(missing)), 1) == f"no store at {missing}: run `plankg build` first"
    assert not missing.exists()


def test_nothing_outside_the_command_line_imports_it() -> None:
    importers = []
    for folder in ("kg", "loaders", "viz"):
        for path in (ROOT / folder).rglob("*.py"):
            if path.is_relative_to(ROOT / "kg" / "cli"):
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names = (
                    [node.module or ""]
                    if isinstance(node, ast.ImportFrom)
                    else [a.name for a in node.names]
                    if isinstance(node, ast.Import)
                    else []
                )
                if any(n == "plankg.cli" or n.startswith("plankg.cli.") for n in names):
                    importers.append(str(path.relative_to(ROOT)))
    assert importers == []


def test_help_loads_no_pipeline_library() -> None:
    """`plankg --help` lists every command without importing what the commands run on."""
    heavy = (
        "pyoxigraph",
        "rdflib",
        "rich",
        "jieba",
        "pyshacl",
        "pyrudof",
        "owlrl",
        "networkx",
        "plankg.loading.documents",
        "plankg.lineage",
        "plankg.validation",
    )
    shown = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys\nfrom plankg.cli import cli\ntry:\n    cli(['--help'])\n"
            f"except SystemExit:\n    print(sorted(m for m in {heavy!r} if m in sys.modules))",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert shown.stdout.splitlines()[-1] == "[]", shown.stdout + shown.stderr
    assert "  validate " in shown.stdout and "  push " in shown.stdout and "  serve " in shown.stdout
