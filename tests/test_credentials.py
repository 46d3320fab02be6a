"""Credentials never printed or leaked: against a real HTTP server on loopback that asks for Basic authentication
and echoes the request's headers in its error bodies, `plankg push` sends no Basic password over plain http unless
told to, and no message shows the password, its Basic token or the echoed Authorization header, whether the
credentials came in the URL or the environment."""

from __future__ import annotations

import base64
import os
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.servers import build_store
from tests.test_faults import plankg

USER, PASSWORD = "dba", "s3cr3t-Pw"
TOKEN = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()


class Echo:
    """A store that wants Basic credentials and answers every PUT with a 500 echoing the request's headers."""

    def __init__(self) -> None:
        self.authorizations: list[str] = []
        echo = self

        class Handler(BaseHTTPRequestHandler):
            def do_HEAD(self) -> None:  # noqa: N802 (http.server's name)
                if "Authorization" in self.headers:
                    echo.authorizations.append(self.headers["Authorization"])
                    self.send_response(200)
                else:
                    self.send_response(401)
                    self.send_header("WWW-Authenticate", 'Basic realm="echo"')
                self.send_header("Content-Length", "0")
                self.end_headers()

            def do_PUT(self) -> None:  # noqa: N802
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                echo.authorizations.append(self.headers.get("Authorization", ""))
                headers = "\n".join(f"{k}: {v}" for k, v in self.headers.items())
                body = (
                    f"storing failed; the request was:\n{headers}\n"
                    f'{{"echo": {{"authorization": "{self.headers.get("Authorization", "")}"}}}}\n'
                    "see the server log"
                ).encode()
                self.send_response(500)
                self.send_header("Content-Type", "text/plain")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def echo() -> Iterator[Echo]:
    server = Echo()
    yield server
    server.server.shutdown()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("credentials") / "store")


def _push(store: Path, endpoint: str, *extra: str, env: dict[str, str] | None = None):
    os.environ.pop("PLANKG_ENDPOINT_USER", None)
    os.environ.pop("PLANKG_ENDPOINT_PASSWORD", None)
    old = dict(os.environ)
    os.environ.update(env or {})
    try:
        return plankg("push", "--store", str(store), "--endpoint", endpoint, "--attempts", "1", *extra)
    finally:
        os.environ.clear()
        os.environ.update(old)


def _shows_no_secret(output: str) -> None:
    assert PASSWORD not in output and TOKEN not in output and "Authorization" not in output
    assert "authorization" not in output.lower().replace("authentication", "")


def test_basic_over_plain_http_is_refused_and_the_url_password_never_shown(store: Path, echo: Echo) -> None:
    result = _push(store, f"http://{USER}:{PASSWORD}@{echo.base}/query")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    _shows_no_secret(result.stdout + result.stderr)
    assert result.stderr.startswith("warning: the credentials in the URL are visible to other users of this machine")
    assert (
        f"Error: PUT http://{echo.base}/store?graph=https%3A%2F%2Fw3id.org%2Fplankg%2Fid%2Fgraph%2Flineage: the store "
        "asks for Basic authentication over plain http, which would send the password readable by anyone on the way: "
        "use its https URL, or give --allow-basic-over-http if the network between is trusted" in result.stderr
    )
    assert echo.authorizations == []  # nothing was sent


def test_with_the_flag_basic_is_sent_and_the_echoed_header_is_not_shown(store: Path, echo: Echo) -> None:
    result = _push(
        store,
        f"http://{echo.base}/query",
        "--allow-basic-over-http",
        env={"PLANKG_ENDPOINT_USER": USER, "PLANKG_ENDPOINT_PASSWORD": PASSWORD},
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert echo.authorizations and set(echo.authorizations) == {f"Basic {TOKEN}"}  # sent, as asked
    _shows_no_secret(result.stdout + result.stderr)
    assert "HTTP 500: storing failed; the request was:" in result.stderr
    assert "see the server log [" in result.stderr and "line(s) echoing credentials or headers not shown]" in result.stderr
    assert f"Host: {echo.base}" in result.stderr  # the rest of the body is shown


def test_a_query_endpoint_with_a_password_in_its_url_never_shows_it(echo: Echo) -> None:
    result = plankg("query", "plans-overview", "--endpoint", f"http://{USER}:{PASSWORD}@{echo.base}/query")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert PASSWORD not in result.stdout + result.stderr and f"http://***@{echo.base}/query" in result.stderr
