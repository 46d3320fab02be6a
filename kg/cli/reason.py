"""`plankg reason`: materialise the OWL 2 RL entailments of a store into its inferred graph.

Only click and the standard library are imported at module level so that `plankg --help` stays fast.
"""

from __future__ import annotations

import time
from pathlib import Path

import click

from plankg.cli.common import command, open_graph, store_option


@command()
@store_option
@click.option(
    "--rules",
    "show_rules",
    is_flag=True,
    help="Print the SPARQL update the ontology gives (for the store's first batch of graphs), and stop.",
)
def reason(store: Path, show_rules: bool) -> None:
    """Materialise the OWL 2 RL entailments of the asserted graphs into the inferred graph."""
    from plankg.graph.reason import (
        BATCH_GRAPHS,
        asserted_graphs,
        batches,
        ontology_rules,
        rules_update,
    )
    from plankg.graph.vocab import INFERRED_GRAPH

    kg = open_graph(store, write=True)
    graphs = asserted_graphs(kg.store)
    if show_rules:
        click.echo(
            f"# run once per batch of up to {BATCH_GRAPHS} asserted graphs (VALUES ?g), after dropping the inferred graph;"
            f" batch 1 of {max(len(batches(graphs)), 1)}:"
        )
        click.echo(rules_update(ontology_rules(), graphs[:BATCH_GRAPHS]))
        return
    started = time.perf_counter()
    with kg:
        triples = kg.reason()
    click.echo(
        f"reasoning: {triples} inferred triples from {len(graphs)} graphs in <{INFERRED_GRAPH}> "
        f"({time.perf_counter() - started:.1f} s)"
    )
