"""graph/solutions.py: a query's results in the form its caller asked for, or a TypeError naming the query."""

from __future__ import annotations

import pytest
from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, Store, Triple, serialize

from plankg.graph.solutions import construct, select, string_rows, written
from plankg.graph.vocab import PK, SPARQL_PREFIXES

PLAN = NamedNode("https://w3id.org/plankg/id/plan/210000/fyp/2021-2025/6362853e")
GRAPH = NamedNode("https://w3id.org/plankg/id/graph/plan/210000/fyp/2021-2025/6362853e/zh-Hans")


@pytest.fixture
def store() -> Store:
    store = Store()
    store.add(Quad(PLAN, NamedNode(str(PK.periodStart)), Literal("2021"), GRAPH))
    return store


def test_select_gives_the_solutions(store: Store) -> None:
    solutions = select(store, "SELECT ?p ?y WHERE { GRAPH ?g { ?p ?x ?y } }")
    assert [(r["p"].value, r["y"].value) for r in solutions] == [(PLAN.value, "2021")]


def test_select_passes_the_options_on(store: Store) -> None:
    solutions = select(
        store, "SELECT ?p WHERE { ?p pk:periodStart ?y }", prefixes={"pk": str(PK)}, use_default_graph_as_union=True
    )
    assert [r["p"] for r in solutions] == [PLAN]


def test_a_query_of_another_form_is_a_type_error_naming_it(store: Store) -> None:
    with pytest.raises(TypeError, match=r"^not a SELECT query: ASK \{ \?s \?p \?o \}$"):
        select(store, SPARQL_PREFIXES + "\nASK { ?s ?p ?o }")
    with pytest.raises(TypeError, match=r"^not a CONSTRUCT or DESCRIBE query: SELECT \* WHERE"):
        construct(store, "SELECT * WHERE { ?s ?p ?o }")


def test_construct_gives_the_triples(store: Store) -> None:
    triples = construct(store, "CONSTRUCT { ?p ?x ?y } WHERE { GRAPH ?g { ?p ?x ?y } }")
    assert list(triples) == [Triple(PLAN, NamedNode(str(PK.periodStart)), Literal("2021"))]


def test_string_rows_are_strings_with_empty_for_unbound(store: Store) -> None:
    rows = string_rows(store, "SELECT ?p ?end WHERE { GRAPH ?g { ?p pk:periodStart ?y OPTIONAL { ?p pk:periodEnd ?end } } }")
    assert rows == [{"p": PLAN.value, "end": ""}]


def test_written_is_the_bytes_serialize_returned() -> None:
    triple = Triple(PLAN, NamedNode(str(PK.periodStart)), Literal("2021"))
    assert written(serialize([triple], format=RdfFormat.N_TRIPLES)) == (
        b"<https://w3id.org/plankg/id/plan/210000/fyp/2021-2025/6362853e> "
        b'<https://w3id.org/plankg/ontology#periodStart> "2021" .\n'
    )
    with pytest.raises(TypeError):
        written(None)
