"""`plankg push` into real stores on loopback (a writable Oxigraph server, Virtuoso open source), and its failures."""

from __future__ import annotations

import subprocess
import urllib.request
from pathlib import Path

import pytest

from plankg.graph.store import open_store
from plankg.graph.vocab import LINEAGE_GRAPH as LINEAGE
from plankg.query.library import sparql_select
from plankg.remote.push import Remote, local_graphs, push_store
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

LINEAGE_GRAPH = str(LINEAGE)
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
    # indicators-shared joins on the name keys lineage stores: 养老机构护理型床位占比's targets in three plans there
    # too (000 lines 168, 269, 274; 001 line 252; 002 lines 333, 523: tests/test_queries.py).
    shared = [row for row in found["indicators-shared"][1][1] if row[0] == "养老机构护理型床位占比"]
    assert sorted((row[2], row[6], row[7]) for row in shared) == [
        ("怀化市", "333", "table"),
        ("怀化市", "523", "prose"),
        ("玉林市", "168", "table"),
        ("玉林市", "269", "prose"),
        ("玉林市", "274", "prose"),
        ("辽宁省", "252", "table"),
    ]
    # Virtuoso 7 turns a GROUP_CONCAT separator outside Latin-1 into "?" (the regions column): the one difference.
    (columns, rows), there = found.pop("policy-families")
    assert there == (columns, sorted(row[:5] + [row[5].replace("、", "?")] + row[6:] for row in rows))
    for name, (here, there) in found.items():
        assert there == here, name


def parts_sent(store, remote: Remote) -> dict[str, list[int]]:
    """Push in-process; the triple counts of the parts sent, per graph (checking the counts read back match)."""
    sent: dict[str, list[int]] = {}
    checked = push_store(store, remote, lambda graph, triples: sent.setdefault(graph, []).append(triples))
    assert [(graph, here) for graph, here, _ in checked] == local_graphs(store)
    assert all(here == there for _, here, there in checked), checked
    return sent


def test_a_large_graph_goes_as_a_put_then_posts_and_replaces_what_was_there(local, tmp_path: Path) -> None:
    graphs = dict(local_graphs(local))
    with oxigraph_server(tmp_path / "remote") as (url, _):
        stale = f"INSERT DATA {{ GRAPH <{LINEAGE_GRAPH}> {{ <urn:x:stale> <urn:x:p> <urn:x:o> }} }}"
        headers = {"Content-Type": "application/sparql-update"}
        urllib.request.urlopen(urllib.request.Request(url + "/update", stale.encode(), headers)).close()
        assert remote_counts(url + "/query")[LINEAGE_GRAPH] == 1
        sent = parts_sent(local, Remote(url + "/query", url + "/store", part_triples=1000))
        # Every graph in parts of 1,000 triples and one last part of the rest; the stale triple is gone (the PUT).
        for graph, triples in graphs.items():
            assert sent[graph] == [1000] * (triples // 1000) + ([triples % 1000] if triples % 1000 else []), graph
        assert len(sent[LINEAGE_GRAPH]) > 2
        assert remote_counts(url + "/query") == graphs
        for name, (here, there) in answers(local, url + "/query").items():
            assert there == here, name


def test_virtuoso_adds_the_posted_parts(local, virtuoso: str) -> None:
    remote = Remote(virtuoso + "/sparql", virtuoso + "/sparql-graph-crud-auth", ("dba", "dba"), part_triples=1000)
    assert len(parts_sent(local, remote)[LINEAGE_GRAPH]) > 2
    assert {g: n for g, n in remote_counts(virtuoso + "/sparql").items() if g in dict(local_graphs(local))} == dict(
        local_graphs(local)
    )


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
        "玉林市,https://w3id.org/plankg/id/plan/450900/fyp/2021-2025/05cd351b/zh-Hans/para_17,提升应急救援能力。,283",
        "辽宁省,https://w3id.org/plankg/id/plan/210000/fyp/2021-2025/6362853e/zh-Hans/chp_5__sec_2__para_7,提升应急救援能力。,471",
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
