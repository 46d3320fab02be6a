"""`plankg push` into real stores on loopback (a writable Oxigraph server, Virtuoso open source), and its failures."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from plankg.graph.store import open_store
from plankg.query.library import sparql_select
from plankg.remote.push import local_graphs
from tests.servers import (
    PLANKG,
    VIRTUOSO_CREDENTIALS,
    KillingRelay,
    answers,
    build_store,
    free_port,
    oxigraph_server,
    push,
    virtuoso_server,
)

COUNTS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("push") / "store")


@pytest.fixture(scope="module")
def local(store_dir: Path):
    return open_store(store_dir, read_only=True)


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> str:
    with virtuoso_server(tmp_path_factory.mktemp("virtuoso")) as url:
        yield url


def remote_counts(endpoint: str) -> dict[str, int]:
    return {graph: int(n) for graph, n in sparql_select(endpoint, COUNTS)[1]}


def assert_clear_failure(result, *phrases: str) -> None:
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    for phrase in phrases:
        assert phrase in result.stderr


def test_push_to_oxigraph_twice_leaves_one_copy(store_dir: Path, local, tmp_path: Path) -> None:
    with oxigraph_server(tmp_path / "remote") as (url, _):
        first, second = push(store_dir, url + "/query"), push(store_dir, url + "/query")
        assert first.returncode == 0, first.stderr
        assert second.returncode == 0, second.stderr
        # 8 graphs: the 5 corpus documents, regions, runs (the load records) and lineage.
        assert f"pushed 8 graphs, {sum(n for _, n in local_graphs(local))} triples, to {url}/store" in second.stdout
        assert remote_counts(url + "/query") == dict(local_graphs(local))
        for name, (here, there) in answers(local, url + "/query").items():
            assert there == here, name


def test_every_library_query_answers_the_same_on_virtuoso(store_dir: Path, local, virtuoso: str) -> None:
    result = push(store_dir, virtuoso + "/sparql", env=VIRTUOSO_CREDENTIALS)
    assert result.returncode == 0, result.stderr
    assert f"to {virtuoso}/sparql-graph-crud-auth; counts match" in result.stdout
    assert {g: n for g, n in remote_counts(virtuoso + "/sparql").items() if g in dict(local_graphs(local))} == dict(
        local_graphs(local)
    )
    found = answers(local, virtuoso + "/sparql")
    assert len(found["plans-overview"][1][1]) == 5  # the five corpus plans
    # Virtuoso 7 turns a GROUP_CONCAT separator outside Latin-1 into "?" (the regions column): the one difference.
    (columns, rows), there = found.pop("policy-families")
    assert there == (columns, sorted(row[:5] + [row[5].replace("、", "?")] + row[6:] for row in rows))
    for name, (here, there) in found.items():
        assert there == here, name


def test_plankg_query_runs_on_virtuoso(store_dir: Path, virtuoso: str) -> None:
    assert push(store_dir, virtuoso + "/sparql", env=VIRTUOSO_CREDENTIALS).returncode == 0
    result = subprocess.run(
        [*PLANKG, "query", "measure-search", "--param", "text=平战结合", "--format", "csv", "--endpoint", virtuoso + "/sparql"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    # 000:283 (玉林市) and 001:471 (辽宁省): "提升应急救援能力。…平战结合…".
    assert result.stdout.splitlines() == [
        "region,measure,title,line",
        "玉林市,https://w3id.org/plankg/id/plan/450900/fyp/2021-2025/zh-Hans/para_17,提升应急救援能力。,283",
        "辽宁省,https://w3id.org/plankg/id/plan/210000/fyp/2021-2025/zh-Hans/chp_5__sec_2__para_7,提升应急救援能力。,471",
    ]


def test_virtuoso_without_credentials_is_refused_clearly(store_dir: Path, virtuoso: str) -> None:
    result = push(store_dir, virtuoso + "/sparql")
    assert_clear_failure(result, "HTTP 401: the store wants credentials: set PLANKG_ENDPOINT_USER", "stopped at graph 1 of 8")


def test_wrong_credentials_are_refused_clearly(store_dir: Path, virtuoso: str) -> None:
    result = push(store_dir, virtuoso + "/sparql", env={"PLANKG_ENDPOINT_USER": "dba", "PLANKG_ENDPOINT_PASSWORD": "x"})
    assert_clear_failure(result, "HTTP 401: the store refused the credentials", "stopped at graph 1 of 8")


def test_a_bad_endpoint_is_a_clear_error(store_dir: Path) -> None:
    nobody = f"http://127.0.0.1:{free_port()}"
    assert_clear_failure(
        push(store_dir, nobody + "/query", "--attempts", "2"),
        f"PUT {nobody}/store?graph=",
        "cannot reach the store",
        "Connection refused",
    )
    assert_clear_failure(push(store_dir, nobody + "/ds/endpoint"), "give --graph-store")
    bad_url = push(store_dir, "127.0.0.1:8890/sparql")
    assert bad_url.returncode == 2 and "not an http(s) URL: '127.0.0.1:8890/sparql'" in bad_url.stderr


def test_a_server_killed_mid_push_then_a_repeated_push(store_dir: Path, local, tmp_path: Path) -> None:
    location, port = tmp_path / "remote", free_port()
    with oxigraph_server(location, port) as (_, server):
        relay = KillingRelay(port, server, nth=3)
        try:
            result = push(store_dir, relay.url + "/query", "--attempts", "2")
        finally:
            relay.close()
    assert_clear_failure(result, "stopped at graph 3 of 8", "running the same push again completes it")
    graphs = dict(local_graphs(local))
    with oxigraph_server(location) as (url, _):
        # The two graphs sent before the kill are there whole; the rest are not there at all.
        assert remote_counts(url + "/query") == {g: graphs[g] for g in sorted(graphs)[:2]}
        again = push(store_dir, url + "/query")
        assert again.returncode == 0, again.stderr
        assert remote_counts(url + "/query") == graphs
