"""Real SPARQL servers on 127.0.0.1 for the tests: the Oxigraph server and Virtuoso open source, on free ports.

A missing server fails the test under CI=true (CI installs both) and skips it elsewhere. Nothing here binds or
connects to any address but 127.0.0.1.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

import pytest

from plankg.query.library import library, run, run_remote

PLANKG = [sys.executable, "-c", "from plankg.cli import main; main()"]
VIRTUOSO_CREDENTIALS = {"PLANKG_ENDPOINT_USER": "dba", "PLANKG_ENDPOINT_PASSWORD": "dba"}  # a fresh database's admin
PARAMS = {  # example parameters for the queries that take some
    "binding-indicators": {"region": "辽宁省"},
    "indicator-across-plans": {"name": "跨省通办"},
    "indicators-shared": {"min_plans": "2"},
    "instrument-mentions": {"instrument": "收养评估制度"},
    "measure-lineage": {"measure": "https://w3id.org/plankg/id/plan/450900/fyp/2021-2025/05cd351b/zh-Hans/para_17"},
    "measure-search": {"text": "平战结合"},
    "measures-by-chapter": {"region": "辽宁省"},
    "measures-by-body": {"body": "民政局"},
    "projects-in-region": {"region": "韶关市"},
    "provenance": {"node": "https://w3id.org/plankg/id/plan/210000/fyp/2021-2025/6362853e/zh-Hans/tbl_1__row_18"},
}
VIRTUOSO_INI = """[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
DirsAllowed = ., {dir}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
CheckpointInterval = 0
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerThreads = 4
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
"""


def unavailable(what: str) -> NoReturn:
    message = f"{what} is not installed"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build_store(path: Path) -> Path:
    """The bundled corpus built into a store by `plankg build` (with lineage), as a user would."""
    result = subprocess.run(
        [*PLANKG, "build", "--store", str(path), "--no-validate", "--no-views"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return path


def oxigraph() -> str:
    """The Oxigraph server binary, or the test fails (CI) or skips."""
    import click

    from plankg.remote.serve import oxigraph_binary

    try:
        return oxigraph_binary()
    except click.ClickException:
        unavailable("the Oxigraph server (pip install 'plankg[server]')")


@contextmanager
def started(command: list[str], ready: str, log: Path) -> Iterator[subprocess.Popen]:
    """Run a server until the block ends, once `ready` answers (bounded wait); its output goes to log."""
    with log.open("w") as out:
        server = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, cwd=log.parent)
    try:
        for _ in range(300):
            if server.poll() is not None:
                pytest.fail(f"{command[0]} exited with {server.returncode}: {log.read_text()[-2000:]}")
            try:
                urllib.request.urlopen(ready, timeout=2).close()
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail(f"{command[0]} did not answer {ready}: {log.read_text()[-2000:]}")
        yield server
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@contextmanager
def oxigraph_server(location: Path, port: int | None = None) -> Iterator[tuple[str, subprocess.Popen]]:
    """A writable Oxigraph server on location whose default graph is the union of the graphs (as Virtuoso's)."""
    port = port or free_port()
    command = [oxigraph(), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}", "--union-default-graph"]
    url = f"http://127.0.0.1:{port}"
    with started(command, url + "/", location.parent / f"oxigraph-{port}.log") as server:
        yield url, server


@contextmanager
def virtuoso_server(directory: Path) -> Iterator[str]:
    """Virtuoso open source with its own database and ini in directory, both ports on 127.0.0.1; its base URL."""
    binary = shutil.which("virtuoso-t")
    if binary is None:
        unavailable("Virtuoso (Debian package virtuoso-opensource)")
    http_port = free_port()
    ini = directory / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(dir=directory, sql_port=free_port(), http_port=http_port))
    url = f"http://127.0.0.1:{http_port}"
    with started([binary, "+configfile", str(ini), "+foreground"], url + "/sparql?query=ASK%7B%7D", directory / "virtuoso.out"):
        yield url


def push(store: Path, endpoint: str, *extra: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """`plankg push` as a user runs it, credentials (if any) in the environment."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("PLANKG_ENDPOINT_")} | (env or {})
    return subprocess.run(
        [*PLANKG, "push", "--store", str(store), "--endpoint", endpoint, *extra],
        capture_output=True,
        text=True,
        env=environment,
        timeout=300,
    )


def answers(store, endpoint: str) -> dict[str, tuple[tuple[list[str], list[list[str]]], tuple[list[str], list[list[str]]]]]:
    """Every library query's (local, remote) answer, rows sorted (ties in ORDER BY may come in any order)."""
    found = {}
    for name in library():
        local, remote = run(store, name, PARAMS.get(name, {})), run_remote(endpoint, name, PARAMS.get(name, {}))
        found[name] = ((local[0], sorted(local[1])), (remote[0], sorted(remote[1])))
    return found


class KillingRelay:
    """A loopback TCP relay in front of a server that SIGKILLs the server when the nth PUT arrives.

    This makes "the server dies in the middle of a push" happen at a known point rather than by timing.
    """

    def __init__(self, target_port: int, server: subprocess.Popen, nth: int) -> None:
        self.target_port, self.server, self.nth, self.puts = target_port, server, nth, 0
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        threading.Thread(target=self._accept, daemon=True).start()

    def close(self) -> None:
        self.listener.close()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._relay, args=(client,), daemon=True).start()

    def _relay(self, client: socket.socket) -> None:
        with client:
            first = client.recv(65536)
            if first.startswith(b"PUT "):
                self.puts += 1
                if self.puts >= self.nth and self.server.poll() is None:
                    self.server.kill()
                    self.server.wait()
            try:
                upstream = socket.create_connection(("127.0.0.1", self.target_port), timeout=30)
            except OSError:
                return
            with upstream:
                upstream.sendall(first)
                threading.Thread(target=_pipe, args=(client, upstream), daemon=True).start()
                _pipe(upstream, client)


def _pipe(source: socket.socket, sink: socket.socket) -> None:
    try:
        while data := source.recv(65536):
            sink.sendall(data)
    except OSError:
        pass
