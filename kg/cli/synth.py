"""`plankg synth`: a synthetic corpus made from the bundled one, for benchmarks."""

from __future__ import annotations

from pathlib import Path

import click

from plankg.cli.common import command, console


@command()
@click.option("--plans", type=click.IntRange(min=1), required=True, help="How many plans to write.")
@click.option("--seed", type=int, default=1, show_default=True)
@click.option(
    "--hierarchy",
    is_flag=True,
    help="A national tree: national, provincial, prefecture and county plans citing their parents, and annual work plans.",
)
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), required=True)
def synth(plans: int, seed: int, hierarchy: bool, output: Path) -> None:
    """Write a synthetic corpus of PLANS plans made from the bundled corpus (for benchmarks)."""
    from rich.progress import Progress

    from plankg.synth import write_corpus
    from plankg.synth_tree import write_tree

    with Progress(console=console(), transient=True) as progress:
        task = progress.add_task("writing plans", total=plans)
        (write_tree if hierarchy else write_corpus)(plans, seed, output, progress=lambda: progress.advance(task))
    click.echo(f"wrote {plans} plans and lineage-truth.json to {output}")
