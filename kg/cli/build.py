"""`plankg build`: load documents into the store, validate them, rebuild lineage, reason, write the views."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from plankg.cli.common import command, console, flush_quietly, open_store, store_option, wait_option


def _start_worker():
    """The build's worker process (plankg.lineage.worker), started before anything else so that it has loaded jieba's
    dictionary by the time the documents are loaded and its text-reuse search can start."""
    from plankg.lineage.textreuse import load_dictionary
    from plankg.lineage.worker import start

    return start(load_dictionary)


def _limit_options(command):
    """The flags raising the limits on one input document (plankg.loading.limits)."""
    from plankg.loading.limits import Limits

    default = Limits()
    for name, flag, kind, text in reversed([
        ("file_mb", "--max-file-size", click.FloatRange(min=0), f"MB per file (default {default.file_mb:g})."),
        ("text_chars", "--max-text", click.IntRange(min=1), f"Characters of text per document (default "
                                                            f"{default.text_chars:,})."),
        ("unzipped_mb", "--max-unzipped", click.FloatRange(min=0), f"MB of a .docx's parts decompressed (default "
                                                                   f"{default.unzipped_mb:g})."),
        ("elements", "--max-elements", click.IntRange(min=1), f"XML elements of a .docx body, tags of a web page "
                                                              f"(default {default.elements:,})."),
        ("seconds", "--timeout", click.FloatRange(min=0.1), f"Seconds to read one document (default "
                                                             f"{default.seconds:g})."),
    ]):
        command = click.option(flag, name, type=kind, default=getattr(default, name), show_default=False,
                               help=text)(command)
    return command


@command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@store_option
@click.option("--no-validate", is_flag=True, help="Skip SHACL validation of the loaded documents.")
@click.option("--no-lineage", is_flag=True, help="Skip rebuilding the lineage graph.")
@click.option("--no-views", is_flag=True, help="Skip writing the HTML views.")
@click.option("--reason", is_flag=True, help="Materialise the OWL 2 RL entailments into the inferred graph.")
@click.option("--replace", is_flag=True,
              help="Let a later file of the batch replace the graph of an earlier one of the same plan (a warning).")
@wait_option
@_limit_options
def build(paths: tuple[Path, ...], store: Path, no_validate: bool, no_lineage: bool, no_views: bool,
          reason: bool, replace: bool, wait: float, **limits: Any) -> None:  # limits: Limits' fields
    """Load documents (default: the bundled corpus) into the store and print a summary."""
    from plankg.loading.documents import Batch, bundled_corpus, gather
    from plankg.loading.limits import Limits

    opened = open_store(store, write=True, create=True, wait=wait)
    inputs = gather(list(paths) or [bundled_corpus()])
    worker = None if no_lineage else _start_worker()
    try:
        batch = Batch(opened, Limits(**limits), replace, store, inputs.size())
        valid = _build(opened, batch, inputs, worker, no_validate, reason, no_views)
    finally:
        if worker:
            worker.shutdown(wait=False, cancel_futures=True)
        flush_quietly(opened)
    sys.exit(0 if valid else 1)


def _build(store, batch, inputs, worker, no_validate: bool, reason: bool, no_views: bool) -> bool:
    """Load, validate, rebuild lineage, reason, write views; True when every document loaded and conforms."""
    from rich.progress import Progress

    from plankg.cli.summary import print_summary
    from plankg.wording import counted

    shown = console()
    results = []
    with Progress(console=shown, transient=True) as progress:
        task = progress.add_task("loading", total=len(inputs.files))
        for path in inputs.files:
            progress.update(task, description=f"loading {path.name}")
            results.append(batch.load(path))
            progress.advance(task)
    for skipped in inputs.skipped:
        shown.print(f"[yellow]skipped[/] {skipped}", soft_wrap=True, highlight=False)
    rebuild = None
    if worker:
        from plankg.lineage.graph import LineageRebuild

        rebuild = LineageRebuild(store, worker)  # the worker searches text reuse while this process validates
    reports = None
    if not no_validate:
        from plankg.validation.shacl import check_loaded

        with shown.status("validating"):
            reports = check_loaded(store, [r.graph for r in results if r.ok and not r.replaced_by])
    findings = {r.graph: (r.count("Violation"), r.count("Warning")) for r in reports} if reports is not None else None
    print_summary(shown, store, results, findings)
    valid = True
    if reports is not None:
        from plankg.validation.shacl import print_checked

        print_checked(shown, reports)
        valid = all(r.conforms for r in reports)
    if rebuild:
        with shown.status("rebuilding lineage"):
            found = rebuild.finish()
        shown.print(f"lineage: {counted(found.reuse_links, 'reuse link')} in "
                    f"{counted(found.families, 'policy family', 'policy families')}, "
                    f"{counted(found.indicator_concepts, 'shared indicator concept')}, "
                    f"{found.resolved_citations} of {counted(found.citations, 'citation')} resolved to loaded plans")
    if reason:
        from plankg.graph.reason import INFERRED_GRAPH, materialise

        with shown.status("materialising OWL 2 RL entailments"):
            inferred = materialise(store)
        shown.print(f"reasoning: {inferred} inferred triples in <{INFERRED_GRAPH}>")
    if not no_views:
        from plankg.viz.site import write_site

        with shown.status("writing views"):
            pages = write_site(store, Path("plankg-site"))
        shown.print(f"views: {len(pages)} pages in {pages[0].parent}; open {pages[0]}")
    return all(r.ok for r in results) and valid
