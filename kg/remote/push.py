"""Pushing every named graph of the store into a remote SPARQL 1.1 store (Fuseki, Virtuoso, GraphDB, Oxigraph).

Each graph goes by the SPARQL 1.1 Graph Store HTTP Protocol with PUT, which replaces the remote graph: pushing
twice leaves the remote store as pushing once, and a push cut short is finished by pushing again. A graph larger
than `Remote.part_triples` (the lineage graph: millions of triples at 1,000 plans) goes as a PUT of its first
part and POSTs (the protocol's merge) of the rest, read from the store a part at a time, so neither side holds
the whole graph as one request; a POST sent twice adds nothing, and the next push's PUT replaces the graph again.
Credentials come from $PLANKG_ENDPOINT_USER and $PLANKG_ENDPOINT_PASSWORD (HTTP basic or digest, whichever the
server asks for; Virtuoso asks digest), never from the command line. Afterwards every graph's triple count is
read back from the SPARQL endpoint and compared with the store's, so a store that silently dropped triples is
caught.
"""

from __future__ import annotations

import base64
import http.client
import os
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from plankg.errors import PlankgError
from plankg.remote import redact

if TYPE_CHECKING:
    from pyoxigraph import Store

USER_ENV = "PLANKG_ENDPOINT_USER"
PASSWORD_ENV = "PLANKG_ENDPOINT_PASSWORD"
# Well-known layouts: SPARQL endpoint path suffix -> Graph Store path (Oxigraph server, Virtuoso).
GRAPH_STORE_PATHS = {"/query": "/store", "/sparql": "/sparql-graph-crud-auth"}


class PushError(PlankgError):
    """A push that could not finish; the message names the URL, the graph and the reason."""


@dataclass(frozen=True)
class Remote:
    """Where the remote store is, and how to reach it."""

    endpoint: str
    graph_store: str
    credentials: tuple[str, str] | None = None
    timeout: float = 120
    attempts: int = 3
    basic_over_http: bool = False  # send a Basic password over plain http (readable on the way) when asked for it
    part_triples: int = 100_000  # triples per request (about 20 MB of N-Triples)

    def hidden(self) -> list[str]:
        """The values no message may show: the password, and the forms a server could echo it in."""
        if not self.credentials:
            return []
        pair = ":".join(self.credentials)
        return [self.credentials[1], pair, base64.b64encode(pair.encode("utf-8")).decode("ascii")]

    def plain_http(self) -> bool:
        return any(urllib.parse.urlsplit(u).scheme == "http" for u in (self.endpoint, self.graph_store))

    def passwords(self) -> urllib.request.HTTPPasswordMgrWithDefaultRealm:
        manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        if self.credentials:
            for url in (self.endpoint, self.graph_store):
                manager.add_password(None, url, *self.credentials)
        return manager

    def opener(self) -> urllib.request.OpenerDirector:
        """An opener answering basic or digest challenges (for the small requests: queries)."""
        if not self.credentials:
            return urllib.request.build_opener()
        handlers: list[urllib.request.BaseHandler] = [urllib.request.HTTPDigestAuthHandler(self.passwords())]
        if self.basic_over_http or not self.plain_http():
            handlers.append(urllib.request.HTTPBasicAuthHandler(self.passwords()))
        return urllib.request.build_opener(*handlers)


def credentials_from_env() -> tuple[str, str] | None:
    user = os.environ.get(USER_ENV)
    return (user, os.environ.get(PASSWORD_ENV, "")) if user else None


def graph_store_for(endpoint: str) -> str:
    """The Graph Store URL beside a SPARQL endpoint of a well-known layout (else --graph-store is needed)."""
    parts = urllib.parse.urlsplit(endpoint)
    for suffix, store_path in GRAPH_STORE_PATHS.items():
        if parts.path.endswith(suffix) and (suffix != "/sparql" or parts.path == "/sparql"):
            return urllib.parse.urlunsplit(parts._replace(path=parts.path[: -len(suffix)] + store_path, query=""))
    raise PushError(
        f"cannot tell the Graph Store URL of {endpoint}: give --graph-store "
        "(Fuseki: http://HOST:3030/DATASET/data; Virtuoso: http://HOST:8890/sparql-graph-crud-auth)"
    )


def local_graphs(store: Store) -> list[tuple[str, int]]:
    """(IRI, triple count) of every named graph of the store, by IRI."""
    from plankg.graph.solutions import select

    rows = select(store, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g")
    return [(row["g"].value, int(row["n"].value)) for row in rows]


def graph_parts(store: Store, graph: str, part_triples: int) -> Iterator[tuple[bytes, int]]:
    """One graph as N-Triples bodies of at most part_triples triples each (0: one body), with their triple counts.

    A blank node's triples must reach the server in one request (each request's labels are its own), so once a
    graph shows one the rest of the graph is a single part; plankg writes none.
    """
    from pyoxigraph import BlankNode, NamedNode, RdfFormat, serialize

    from plankg.graph.solutions import written

    part: list = []
    blank = False
    for quad in store.quads_for_pattern(None, None, None, NamedNode(graph)):
        part.append(quad.triple)
        blank = blank or isinstance(quad.subject, BlankNode) or isinstance(quad.object, BlankNode)
        if part_triples and len(part) >= part_triples and not blank:
            yield written(serialize(part, format=RdfFormat.N_TRIPLES)), len(part)
            part = []
    if part:
        yield written(serialize(part, format=RdfFormat.N_TRIPLES)), len(part)


def _graph_url(graph_store: str, graph: str) -> str:
    return graph_store + ("&" if "?" in graph_store else "?") + urllib.parse.urlencode({"graph": graph})


def _reason(exc: Exception, remote: Remote) -> str:
    if isinstance(exc, urllib.error.HTTPError):
        detail = redact.server_body(exc.read(4096), remote.hidden())
        hint = {
            401: f" (credentials missing or refused: see {USER_ENV} and {PASSWORD_ENV})",
            403: " (the store takes no writes from this user; in Virtuoso it needs the SPARQL_UPDATE role)",
            404: " (no Graph Store there: give --graph-store)",
        }.get(exc.code, "")
        return f"HTTP {exc.code}{hint}: {detail}"
    if isinstance(exc, urllib.error.URLError):
        return f"cannot reach the store ({exc.reason})"
    return f"the connection failed ({exc.__class__.__name__}: {exc})"


def _transient(exc: Exception) -> bool:
    """Failures worth another attempt: the network, or the server failing (5xx); never a refusal (4xx)."""
    if isinstance(exc, urllib.error.HTTPError):
        return exc.code >= 500
    return True


def _challenges(url: str, timeout: float, authorization: str | None = None) -> list[str]:
    """The WWW-Authenticate challenges a body-less HEAD gets (none if the server lets it through)."""
    request = urllib.request.Request(url, method="HEAD")
    if authorization:
        request.add_unredirected_header("Authorization", authorization)
    try:
        urllib.request.build_opener().open(request, timeout=timeout).close()
    except urllib.error.HTTPError as exc:
        if exc.code == 401:
            return exc.headers.get_all("WWW-Authenticate") or []
    return []


def _authorize(remote: Remote, request: urllib.request.Request) -> None:
    """Answer the server's challenge, and check the answer is accepted, before sending the body.

    A server that refuses a PUT may close the connection while the body is still being sent (Virtuoso does),
    which would look like a network failure; so body-less HEADs fetch the challenge and try the credentials.
    A server that asks for none gets a plain PUT.
    """
    if not (challenges := _challenges(request.full_url, remote.timeout)):
        return
    doing = f"{request.get_method()} {request.full_url}"
    if remote.credentials is None:
        raise PushError(f"{doing}: HTTP 401: the store wants credentials: set {USER_ENV} and {PASSWORD_ENV}")
    schemes = {c.partition(" ")[0].lower(): c.partition(" ")[2] for c in challenges}
    if "digest" in schemes:
        fields = urllib.request.parse_keqv_list([f for f in urllib.request.parse_http_list(schemes["digest"]) if f])
        digest = urllib.request.HTTPDigestAuthHandler(remote.passwords())

        def answer(req: urllib.request.Request) -> str:
            return f"Digest {digest.get_authorization(req, fields)}"
    elif "basic" in schemes:
        if urllib.parse.urlsplit(request.full_url).scheme == "http" and not remote.basic_over_http:
            raise PushError(
                f"{doing}: the store asks for Basic authentication over plain http, which "
                "would send the password readable by anyone on the way: use its https URL, or give "
                "--allow-basic-over-http if the network between is trusted"
            )
        token = base64.b64encode(":".join(remote.credentials).encode("utf-8")).decode("ascii")

        def answer(req: urllib.request.Request) -> str:
            return f"Basic {token}"
    else:
        return
    if _challenges(request.full_url, remote.timeout, answer(urllib.request.Request(request.full_url, method="HEAD"))):
        raise PushError(f"{doing}: HTTP 401: the store refused the credentials in {USER_ENV} and {PASSWORD_ENV}")
    request.add_unredirected_header("Authorization", answer(request))


def put_graph(remote: Remote, graph: str, body: bytes, method: str = "PUT") -> None:
    """Replace one remote graph by body (PUT), or add body to it (POST), retrying transient failures a bounded number
    of times (both are idempotent: a POST sent twice adds the same triples to a set)."""
    url = _graph_url(remote.graph_store, graph)
    for attempt in range(1, remote.attempts + 1):
        request = urllib.request.Request(url, data=body, method=method, headers={"Content-Type": "application/n-triples"})
        try:
            _authorize(remote, request)
            with urllib.request.build_opener().open(request, timeout=remote.timeout) as response:
                response.read()
            return
        except (OSError, http.client.HTTPException) as exc:
            if attempt == remote.attempts or not _transient(exc):
                raise PushError(f"{method} {url}: {_reason(exc, remote)}") from exc
            time.sleep(0.5 * 2 ** (attempt - 1))


def send_graph(store: Store, remote: Remote, graph: str, sent: Callable[[str, int], None]) -> None:
    """One graph: a PUT of its first part, POSTs of the rest."""
    for number, (body, triples) in enumerate(graph_parts(store, graph, remote.part_triples)):
        put_graph(remote, graph, body, "POST" if number else "PUT")
        sent(graph, triples)


def remote_count(remote: Remote, graph: str) -> int:
    """The remote store's triple count of one graph, by a SPARQL COUNT on the endpoint."""
    from plankg.query.library import QueryError, sparql_select

    text = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    try:
        _, rows = sparql_select(remote.endpoint, text, remote.timeout, opener=remote.opener())
    except QueryError as exc:
        raise PushError(f"counting {graph}: {redact.secrets(str(exc), remote.hidden())}") from exc
    return int(rows[0][0]) if rows else 0


def push_store(
    store, remote: Remote, sent: Callable[[str, int], None] = lambda graph, triples: None
) -> list[tuple[str, int, int]]:
    """PUT every named graph (a large one in parts), then count each remotely: (graph, local count, remote count) per
    graph. sent(graph, triples) is told of each part sent."""
    graphs = local_graphs(store)
    for number, (graph, _) in enumerate(graphs, start=1):
        try:
            send_graph(store, remote, graph, sent)
        except PushError as exc:
            raise PushError(
                f"{exc}\nstopped at graph {number} of {len(graphs)} ({graph}); each graph is replaced (its first "
                "part by PUT) before anything is added to it, so running the same push again completes it"
            ) from exc
    return [(graph, triples, remote_count(remote, graph)) for graph, triples in graphs]
