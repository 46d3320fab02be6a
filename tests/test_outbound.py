"""No outbound requests unless allowed: a SERVICE pattern sent to `plankg sparql`, `plankg query` or `plankg serve`
is refused with the reason, and the endpoint it names (a real HTTP server on loopback) gets no request; with
--allow-service it does. A served store is never silently stale: a build refuses to write it while it is served.
"""

from __future__ import annotations

import gc
import json
import os
import shutil
import subprocess
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from pyoxigraph import Store

from plankg.graph.service import service_targets
from plankg.graph.store import open_store
from tests.servers import PLANKG, build_store, free_port, oxigraph, started
from tests.test_faults import CORPUS, DOC, clean_failure, nquads, plankg

EMPTY_RESULTS = json.dumps({"head": {"vars": ["s"]}, "results": {"bindings": []}}).encode()


class Outside:
    """An HTTP endpoint on loopback standing for any host the machine can reach; it records each request."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        outside = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                self._answer()

            def do_POST(self) -> None:  # noqa: N802
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                self._answer()

            def _answer(self) -> None:
                outside.requests.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+json")
                self.send_header("Content-Length", str(len(EMPTY_RESULTS)))
                self.end_headers()
                self.wfile.write(EMPTY_RESULTS)

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/sparql"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def outside() -> Iterator[Outside]:
    endpoint = Outside()
    yield endpoint
    endpoint.server.shutdown()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("outbound") / "store")


def service_query(url: str) -> str:
    return f"SELECT ?s WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}"


def test_sparql_refuses_service_and_sends_nothing(built: Path, outside: Outside) -> None:
    result = plankg("sparql", "--store", str(built), "--format", "csv", service_query(outside.url))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip() == (
        f"Error: SERVICE <{outside.url}> refused: a SERVICE pattern makes this machine send "
        "a request to another endpoint, which plankg does only when allowed "
        "(--allow-service)"
    )
    assert outside.requests == []
    allowed = plankg("sparql", "--store", str(built), "--format", "csv", "--allow-service", service_query(outside.url))
    assert allowed.returncode == 0, allowed.stderr
    assert allowed.stdout.splitlines() == ["s"] and outside.requests == ["/sparql"]
    remote = plankg("sparql", "--endpoint", outside.url, "--format", "csv", service_query("http://127.0.0.1:9/x"))
    assert remote.returncode == 2 and "SERVICE <http://127.0.0.1:9/x> refused" in remote.stderr
    assert outside.requests == ["/sparql"]  # the endpoint given was not asked to make the request either


def test_service_as_text_is_not_a_service_pattern(built: Path, outside: Outside) -> None:
    text = f'SELECT ?s WHERE {{ ?s ?p "SERVICE <{outside.url}> {{ ?s ?p ?o }}" }} # SERVICE <{outside.url}> {{ }}\nLIMIT 1'
    result = plankg("sparql", "--store", str(built), "--format", "csv", text)
    assert result.returncode == 0 and result.stdout.splitlines() == ["s"], result.stderr
    assert outside.requests == []


def test_query_refuses_a_library_query_with_service(built: Path, outside: Outside, monkeypatch) -> None:
    """The library's queries have no SERVICE (parameters cannot add one); one that had would be refused too."""
    from click.testing import CliRunner

    from plankg.cli.query import query as query_command
    from plankg.query import library as query

    real = query.library()
    assert not any(service_targets(q.text) for q in real.values())
    hostile = query.LibraryQuery("reach-out", "reaches another host", {}, service_query(outside.url))
    monkeypatch.setattr(query, "library", lambda: {**real, "reach-out": hostile})
    result = CliRunner().invoke(query_command, ["reach-out", "--store", str(built), "--format", "csv"])
    assert result.exit_code == 2 and "SERVICE <" in result.output and "refused" in result.output
    assert outside.requests == []


def test_oxigraph_reads_no_escaped_service_keyword() -> None:
    """Oxigraph reads \\u escapes only inside strings and IRIs: an escaped keyword is a syntax error there, so the
    lexical check, which does not unescape, misses no service pattern."""
    with pytest.raises(SyntaxError):
        Store().query("SELECT * WHERE { \\u0053ERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")


def _send(url: str, how: str, text: str) -> tuple[int, str]:
    if how == "get":
        request = urllib.request.Request(url + "?" + urllib.parse.urlencode({"query": text}))
    elif how == "form":
        request = urllib.request.Request(
            url,
            data=urllib.parse.urlencode({"query": text}).encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
    else:
        request = urllib.request.Request(url, data=text.encode(), headers={"Content-Type": "application/sparql-query"})
    request.add_header("Accept", "text/csv")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


@pytest.fixture
def served(built: Path, tmp_path: Path) -> Iterator[tuple[Path, str, subprocess.Popen]]:
    oxigraph()
    store = Path(shutil.copytree(built, tmp_path / "store"))
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with started([*PLANKG, "serve", "--store", str(store), "--port", str(port)], url + "/", tmp_path / "serve.log") as s:
        yield store, url, s


@pytest.mark.parametrize("how", ["get", "form", "body"])
def test_serve_refuses_service_with_the_reason(served, outside: Outside, how: str) -> None:
    _, url, _ = served
    status, body = _send(url + "/query", how, service_query(outside.url))
    assert status == 403
    assert body.strip() == (
        f"SERVICE <{outside.url}> refused: a SERVICE pattern makes this machine send a request to "
        "another endpoint, which plankg does only when allowed (start plankg serve with "
        "--allow-service)"
    )
    assert outside.requests == []
    status, body = _send(
        url + "/query",
        how,
        "SELECT (COUNT(*) AS ?n) WHERE { ?p a pk:Plan }".replace("pk:Plan", "<https://w3id.org/plankg/ontology#Plan>"),
    )
    assert (status, body.split()) == (200, ["n", "5"])


def test_serve_with_allow_service_passes_it_on(built: Path, tmp_path: Path, outside: Outside) -> None:
    oxigraph()
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with started(
        [*PLANKG, "serve", "--store", str(built), "--port", str(port), "--allow-service"], url + "/", tmp_path / "serve.log"
    ):
        status, body = _send(url + "/query", "form", service_query(outside.url))
    assert status == 200 and body.split() == ["s"] and outside.requests == ["/sparql"]


def test_a_build_refuses_to_write_a_served_store_and_says_so(served) -> None:
    store, _, server = served
    before = nquads(store)
    message = clean_failure(plankg("build", "--store", str(store), "--no-views", str(CORPUS / DOC)))
    assert message.startswith(
        f"Error: the store {store} is being served by process {server.pid} (plankg serve --store {store} --port "
    )
    assert message.endswith(
        "a served store is not written to, as the server would go on answering from the old "
        "data; stop the server, then build and serve again"
    )
    removed = clean_failure(plankg("remove", "--store", str(store), DOC))
    assert removed == message
    assert nquads(store) == before


def test_a_store_being_written_is_not_served(built: Path, tmp_path: Path) -> None:
    oxigraph()
    store = Path(shutil.copytree(built, tmp_path / "store"))
    writer = open_store(store)
    try:
        result = plankg("serve", "--store", str(store), "--port", str(free_port()), timeout=60)
    finally:
        del writer
        gc.collect()
    message = clean_failure(result)
    assert message.startswith(f"Error: the store {store} is being written by process {os.getpid()} (")
    assert message.endswith("serve it when that has finished")
