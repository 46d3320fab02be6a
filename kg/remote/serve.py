"""Serving the store over the SPARQL 1.1 Protocol, read-only, by the Oxigraph server behind a small gate.

The `oxigraph` distribution (same version as pyoxigraph) ships the server binary; it opens the same on-disk store
read-only, so updates are refused by the server itself. It listens on a private loopback port; `plankg serve`
listens where asked (localhost unless told otherwise) and passes each request on, except a query with a SERVICE
pattern, which the Oxigraph server would answer by requesting another endpoint (refused with 403 and the reason,
unless --allow-service). It declares the project's prefixes (`plankg sparql --prefixes`) in each query that does
not declare them itself, so that a query works as written in `plankg sparql`.

While it serves, `plankg serve` holds the store's lock (RocksDB's LOCK file), so a build cannot write a store that
is being served: the server would go on answering from what it read at start (a read-only open sees no later
writes), and a build says so instead. For the same reason a store being written is not served.
"""

from __future__ import annotations

import fcntl
import http.client
import os
import shutil
import signal
import subprocess
import sys
import sysconfig
import tempfile
import time
import urllib.parse
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from plankg.graph.faults import Fault, lock_holder

MAX_BODY = 16 << 20  # bytes of a request body passed on (a query or form); larger ones are refused with 413
HOP_BY_HOP = {
    "connection",
    "keep-alive",
    "transfer-encoding",
    "te",
    "trailer",
    "upgrade",
    "proxy-authorization",
    "proxy-authenticate",
}


def oxigraph_binary() -> str:
    """The `oxigraph` executable installed beside this Python (or on PATH)."""
    candidates = [Path(sysconfig.get_path("scripts")) / "oxigraph", Path(sys.executable).with_name("oxigraph")]
    for path in candidates:
        if path.exists() and os.access(path, os.X_OK):
            return str(path)
    found = shutil.which("oxigraph")
    if found is None:
        raise Fault("the Oxigraph server is not installed: pip install 'plankg[server]'")
    return found


def server_command(store: Path, host: str, port: int, union: bool = True) -> list[str]:
    """The command line that serves the store read-only on host:port; the default graph is the union of the named
    graphs (as in `plankg sparql`) unless union is False."""
    command = [oxigraph_binary(), "serve-read-only", "--location", str(store), "--bind", f"{host}:{port}"]
    return [*command, "--union-default-graph"] if union else command


def hold_store(store: Path) -> int:
    """Take the store's lock for as long as this process lives (its file descriptor); a Fault if a writer has it."""
    lock = store / "LOCK"
    descriptor = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.lockf(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(descriptor)
        holder = lock_holder(lock)
        doing = "already served" if " serve" in holder else "being written"
        raise Fault(f"the store {store} is {doing} by {holder}: serve it when that has finished") from None
    return descriptor


def queries_in(path: str, headers, body: bytes) -> list[str]:
    """The SPARQL texts a protocol request carries: `query`/`update` in the URL or a form body, or the body itself."""
    found = [
        value
        for key, value in urllib.parse.parse_qsl(urllib.parse.urlsplit(path).query, keep_blank_values=True)
        if key in ("query", "update")
    ]
    kind = (headers.get("Content-Type") or "").split(";")[0].strip().lower()
    text = body.decode("utf-8", "replace")
    if kind == "application/x-www-form-urlencoded":
        found += [v for k, v in urllib.parse.parse_qsl(text, keep_blank_values=True) if k in ("query", "update")]
    elif kind in ("application/sparql-query", "application/sparql-update"):
        found.append(text)
    return found


def predeclare(path: str, headers, body: bytes) -> tuple[str, bytes]:
    """The request with the project's prefixes declared in its query (plankg.query.library.with_prefixes), wherever the
    protocol puts it: the URL's `query`, a form's `query`, or an application/sparql-query body. Updates are left
    as they are (the server refuses them)."""
    from plankg.query.library import with_prefixes

    parts = urllib.parse.urlsplit(path)
    pairs = urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
    if any(k == "query" for k, _ in pairs):
        query = urllib.parse.urlencode([(k, with_prefixes(v) if k == "query" else v) for k, v in pairs])
        path = urllib.parse.urlunsplit(parts._replace(query=query))
    kind = (headers.get("Content-Type") or "").split(";")[0].strip().lower()
    if kind == "application/x-www-form-urlencoded" and body:
        form = urllib.parse.parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True)
        if any(k == "query" for k, _ in form):
            body = urllib.parse.urlencode([(k, with_prefixes(v) if k == "query" else v) for k, v in form]).encode()
    elif kind == "application/sparql-query" and body:
        body = with_prefixes(body.decode("utf-8", "replace")).encode("utf-8")
    return path, body


def gate(upstream_port: int, allow_service: bool) -> type[BaseHTTPRequestHandler]:
    """The request handler passing requests on to the Oxigraph server at upstream_port, refusing SERVICE."""
    from plankg.graph.service import ServiceRefused, refuse_service

    class Gate(BaseHTTPRequestHandler):
        server_version = "plankg"

        def _forward(self) -> None:
            if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
                return self._refuse(411, "send the request with a Content-Length")
            length = int(self.headers.get("Content-Length") or 0)
            if length > MAX_BODY:
                return self._refuse(413, f"a request body of {length} bytes is over the {MAX_BODY}-byte limit")
            body = self.rfile.read(length) if length else b""
            if not allow_service:
                try:
                    for text in queries_in(self.path, self.headers, body):
                        refuse_service(text, "start plankg serve with --allow-service")
                except ServiceRefused as exc:
                    return self._refuse(403, str(exc))
            path, body = predeclare(self.path, self.headers, body)
            connection = http.client.HTTPConnection("127.0.0.1", upstream_port)
            try:
                headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
                if length:
                    headers = {k: v for k, v in headers.items() if k.lower() != "content-length"}
                    headers["Content-Length"] = str(len(body))
                connection.request(self.command, path, body=body if length else None, headers=headers)
                response = connection.getresponse()
                self.send_response_only(response.status, response.reason)
                for key, value in response.getheaders():
                    if key.lower() not in HOP_BY_HOP and key.lower() != "content-length":
                        self.send_header(key, value)
                self.send_header("Connection", "close")
                self.end_headers()
                while chunk := response.read(1 << 16):
                    self.wfile.write(chunk)
            except OSError as exc:
                self._refuse(502, f"the Oxigraph server did not answer ({exc})")
            finally:
                connection.close()

        def _refuse(self, status: int, message: str) -> None:
            data = (message + "\n").encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_OPTIONS = do_PATCH = _forward

        def log_message(self, format: str, *args) -> None:  # noqa: A002 (the name http.server gives it)
            """Requests are not logged (the Oxigraph server logs nothing either)."""

    return Gate


def _die_with_parent() -> None:
    """In the Oxigraph server's process: SIGTERM when `plankg serve` ends, even killed (Linux)."""
    import contextlib
    import ctypes

    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def start_oxigraph(store: Path, union: bool) -> tuple[subprocess.Popen, int]:
    """The Oxigraph server on a free loopback port, once it answers (or a Fault with its output)."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = tempfile.TemporaryFile()  # noqa: SIM115 (open while the server runs) its output, shown if it stops (a pipe nobody reads could fill and block it)
    server = subprocess.Popen(
        server_command(store, "127.0.0.1", port, union), stdout=log, stderr=subprocess.STDOUT, preexec_fn=_die_with_parent
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            log.seek(0)
            raise Fault(f"the Oxigraph server stopped: {log.read().decode('utf-8', 'replace').strip()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return server, port
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise Fault("the Oxigraph server did not start within 60 s")


@dataclass
class Serving:
    """The gate listening where asked, in front of the Oxigraph server serving the store."""

    front: ThreadingHTTPServer
    oxigraph: subprocess.Popen

    def forever(self) -> None:
        """Serve until Ctrl-C or SIGTERM, then stop the Oxigraph server."""
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        try:
            self.front.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            self.front.server_close()
            self.oxigraph.terminate()
            self.oxigraph.wait(timeout=30)


def start(store: Path, host: str, port: int, union: bool = True, allow_service: bool = False) -> Serving:
    """Hold the store (so that nothing writes it while it is served), listen on host:port and start the Oxigraph
    server behind the gate; Faults say what stood in the way."""
    hold_store(store)
    try:
        front = ThreadingHTTPServer((host, port), BaseHTTPRequestHandler)
    except OSError as exc:
        raise Fault(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    oxigraph, inner = start_oxigraph(store, union)
    front.RequestHandlerClass = gate(inner, allow_service)
    return Serving(front, oxigraph)
