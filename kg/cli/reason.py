"""`plankg reason`: materialise the OWL 2 RL entailments of a store into its inferred graph.

Only click and the standard library are imported at module level so that `plankg --help` stays fast.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click


@click.command()
@click.option("--store", "store_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Store folder (default: $PLANKG_STORE or ./plankg-data).")
@click.option("--rules", "show_rules", is_flag=True,
              help="Print the SPARQL update the ontology gives (for the store's first batch of graphs), and stop.")
def reason(store_dir: Path | None, show_rules: bool) -> None:
    """Materialise the OWL 2 RL entailments of the asserted graphs into the inferred graph."""
    from plankg.graph.reason import (
        BATCH_GRAPHS,
        asserted_graphs,
        batches,
        derive_rules,
        materialise,
        ontology_closure,
        rules_update,
    )
    from plankg.graph.store import flush, open_store, store_path
    from plankg.graph.vocab import INFERRED_GRAPH

    path = store_path(str(store_dir) if store_dir else None)
    if not path.exists():
        click.echo(f"Error: no store at {path}: run `plankg build` first", err=True)
        sys.exit(1)
    store = open_store(path)
    graphs = asserted_graphs(store)
    if show_rules:
        click.echo(f"# run once per batch of up to {BATCH_GRAPHS} asserted graphs (VALUES ?g), after dropping the inferred graph;"
                   f" batch 1 of {max(len(batches(graphs)), 1)}:")
        click.echo(rules_update(derive_rules(ontology_closure()), graphs[:BATCH_GRAPHS]))
        return
    started = time.perf_counter()
    triples = materialise(store)
    flush(store)
    click.echo(f"reasoning: {triples} inferred triples from {len(graphs)} graphs in <{INFERRED_GRAPH}> "
               f"({time.perf_counter() - started:.1f} s)")
