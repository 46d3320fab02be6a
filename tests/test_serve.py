"""`plankg serve` runs a real Oxigraph server on loopback: the library answers the same over the protocol."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from plankg.query import library, run, run_remote
from plankg.store import open_store

PARAMS = {  # example parameters for the queries that take some
    "binding-indicators": {"region": "辽宁省"},
    "indicator-across-plans": {"name": "跨省通办"},
    "indicators-shared": {"min_plans": "2"},
    "measure-lineage": {"measure": "https://w3id.org/plankg/id/plan/450900/fyp/2021-2025/zh-Hans/para_17"},
    "measure-search": {"text": "平战结合"},
    "measures-by-chapter": {"region": "辽宁省"},
    "provenance": {"node": "https://w3id.org/plankg/id/plan/210000/fyp/2021-2025/zh-Hans/tbl_1__row_18"},
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory):
    store = tmp_path_factory.mktemp("serve") / "store"
    build = subprocess.run([sys.executable, "-c", "from plankg.cli import main; main()", "build", "--store", str(store),
                            "--no-validate", "--no-views"], capture_output=True, text=True)
    assert build.returncode == 0, build.stderr
    port = free_port()
    server = subprocess.Popen([sys.executable, "-c", "from plankg.cli import main; main()", "serve", "--store",
                               str(store), "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(url + "/", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("the server did not start: " + (server.stdout.read() if server.poll() is not None else ""))
        yield store, url
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_every_library_query_answers_the_same_remotely(served) -> None:
    store_dir, url = served
    store = open_store(store_dir, read_only=True)
    for name in library():
        params = PARAMS.get(name, {})
        local = run(store, name, params)
        remote = run_remote(url + "/query", name, params)
        assert remote[0] == local[0], name
        assert sorted(remote[1]) == sorted(local[1]), name
    assert len(run_remote(url + "/query", "plans-overview", {})[1]) == 5


def test_updates_are_refused(served) -> None:
    _, url = served
    request = urllib.request.Request(url + "/update", data=b"INSERT DATA { <urn:a> <urn:b> <urn:c> }",
                                     headers={"Content-Type": "application/sparql-update"}, method="POST")
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=5)
    assert refused.value.code == 403


def test_the_query_page_is_served(served) -> None:
    _, url = served
    with urllib.request.urlopen(url + "/", timeout=5) as page:
        assert page.status == 200 and b"<html" in page.read().lower()


def test_a_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-c", "from plankg.cli import main; main()", "serve", "--store",
                             str(tmp_path / "none")], capture_output=True, text=True)
    assert result.returncode == 1
    assert "no store at" in result.stderr
