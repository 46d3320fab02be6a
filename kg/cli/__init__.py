"""The `plankg` command. Exit status: 0 success; 1 the work ran and found problems; 2 usage errors.

Heavy libraries are imported inside the commands that need them, so `plankg --help` stays instant.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import click

store_option = click.option(
    "--store",
    "store_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Store folder (default: $PLANKG_STORE or ./plankg-data).",
)


# Subcommands defined in their own modules, one line each: name -> module (the command is its attribute of that name).
SUBCOMMANDS = {
    "lineage": "plankg.cli.lineage",
    "query": "plankg.cli.query",
    "sparql": "plankg.cli.query",
    "serve": "plankg.remote.serve",
    "push": "plankg.remote.push",
    "viz": "plankg.cli.viz",
    "reason": "plankg.cli.reason",
    "validate": "plankg.cli.validate",
}


class _Commands(click.Group):
    """The commands below and SUBCOMMANDS, whose module is imported only when it runs or help lists it."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *SUBCOMMANDS})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in SUBCOMMANDS:
            from importlib import import_module

            return getattr(import_module(SUBCOMMANDS[name]), name)
        return super().get_command(ctx, name)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="plankg")
def cli() -> None:
    """plankg: a provenance-exact RDF knowledge graph of Chinese development plans."""


def _console():
    from rich.console import Console

    console = Console()
    return console if console.is_terminal else Console(width=200)


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


wait_option = click.option("--wait", type=click.FloatRange(min=0), default=0, show_default=True,
                           help="Seconds to wait for a store another process is writing.")


@cli.command()
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
def build(paths: tuple[Path, ...], store_dir: Path | None, no_validate: bool, no_lineage: bool, no_views: bool,
          reason: bool, replace: bool, wait: float, **limits: float) -> None:
    """Load documents (default: the bundled corpus) into the store and print a summary."""
    from plankg.graph.store import flush, open_store, store_path
    from plankg.loading.documents import Batch, bundled_corpus, gather
    from plankg.loading.limits import Limits

    location = store_path(str(store_dir) if store_dir else None)
    store = open_store(location, wait=wait)
    inputs = gather(list(paths) or [bundled_corpus()])
    worker = None if no_lineage else _start_worker()
    try:
        batch = Batch(store, Limits(**limits), replace, location, inputs.size())
        valid = _build(store, batch, inputs, worker, no_validate, reason, no_views)
    finally:
        if worker:
            worker.shutdown(wait=False, cancel_futures=True)
        _flush_quietly(store, flush)
    sys.exit(0 if valid else 1)


def _build(store, batch, inputs, worker, no_validate: bool, reason: bool, no_views: bool) -> bool:
    """Load, validate, rebuild lineage, reason, write views; True when every document loaded and conforms."""
    from rich.progress import Progress

    from plankg.cli.summary import print_summary
    from plankg.wording import counted

    console = _console()
    results = []
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task("loading", total=len(inputs.files))
        for path in inputs.files:
            progress.update(task, description=f"loading {path.name}")
            results.append(batch.load(path))
            progress.advance(task)
    for skipped in inputs.skipped:
        console.print(f"[yellow]skipped[/] {skipped}", soft_wrap=True, highlight=False)
    rebuild = None
    if worker:
        from plankg.lineage.graph import LineageRebuild

        rebuild = LineageRebuild(store, worker)  # the worker searches text reuse while this process validates
    reports = None
    if not no_validate:
        from plankg.validation.shacl import check_loaded

        with console.status("validating"):
            reports = check_loaded(store, [r.graph for r in results if r.ok and not r.replaced_by])
    findings = {r.graph: (r.count("Violation"), r.count("Warning")) for r in reports} if reports is not None else None
    print_summary(console, store, results, findings)
    valid = True
    if reports is not None:
        from plankg.validation.shacl import print_checked

        print_checked(console, reports)
        valid = all(r.conforms for r in reports)
    if rebuild:
        with console.status("rebuilding lineage"):
            found = rebuild.finish()
        console.print(f"lineage: {counted(found.reuse_links, 'reuse link')} in "
                      f"{counted(found.families, 'policy family', 'policy families')}, "
                      f"{counted(found.indicator_concepts, 'shared indicator concept')}, "
                      f"{found.resolved_citations} of {counted(found.citations, 'citation')} resolved to loaded plans")
    if reason:
        from plankg.graph.reason import INFERRED_GRAPH, materialise

        with console.status("materialising OWL 2 RL entailments"):
            inferred = materialise(store)
        console.print(f"reasoning: {inferred} inferred triples in <{INFERRED_GRAPH}>")
    if not no_views:
        from plankg.viz.site import write_site

        with console.status("writing views"):
            pages = write_site(store, Path("plankg-site"))
        console.print(f"views: {len(pages)} pages in {pages[0].parent}; open {pages[0]}")
    return all(r.ok for r in results) and valid


def _flush_quietly(store, flush) -> None:
    """Flush whatever happened; a flush that fails too (the disk still full) leaves the writes in the store's log,
    which the next open replays, so the failure that stopped the command is the one reported."""
    with contextlib.suppress(OSError):
        flush(store)


@cli.command()
@store_option
def stats(store_dir: Path | None) -> None:
    """Print the per-document summary table of the store."""
    from plankg.cli.summary import print_summary
    from plankg.graph.store import open_store, store_path

    print_summary(_console(), open_store(store_path(str(store_dir) if store_dir else None), read_only=True), [])


@cli.command(name="list")
@store_option
def list_documents(store_dir: Path | None) -> None:
    """List the documents in the store with their graph IRIs."""
    from plankg.graph.store import document_graphs, open_store, store_path

    store = open_store(store_path(str(store_dir) if store_dir else None), read_only=True)
    for graph, file, _plan in document_graphs(store):
        click.echo(f"{file}\t{graph}")


@cli.command()
@click.argument("document")
@store_option
@wait_option
def remove(document: str, store_dir: Path | None, wait: float) -> None:
    """Remove a document (by file name or graph IRI) from the store."""
    from plankg.graph.store import drop_derived_inferences, flush, open_store, remove_document, store_path
    from plankg.lineage.graph import rebuild_lineage

    store = open_store(store_path(str(store_dir) if store_dir else None), wait=wait)
    try:
        removed = remove_document(store, document)
        if not removed:
            raise click.UsageError(f"no document {document!r} in the store (see `plankg list`)")
        for graph in removed:
            click.echo(f"removed {graph}")
        found = rebuild_lineage(store)  # lineage links to the removed nodes would dangle otherwise
        click.echo(f"lineage rebuilt: {found.reuse_links} reuse links, {found.indicator_concepts} shared indicator "
                   "concepts")
        if drop_derived_inferences(store):
            click.echo("the inferred graph was dropped: run `plankg reason` to materialise it again")
    finally:
        _flush_quietly(store, flush)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["trig", "nquads", "turtle", "ntriples", "jsonld", "csv"]), default=None,
              help="trig, nquads, jsonld: every named graph; turtle, ntriples: their union; csv: indicator values. "
                   "Default: from -o's extension, else trig.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to this file (.trig .nq .ttl .nt .jsonld .csv choose the format).")
@store_option
def export(fmt: str | None, output: Path | None, store_dir: Path | None) -> None:
    """Write the whole graph out (csv: one row per indicator value per plan)."""
    from plankg.graph.export import EXTENSIONS, export_store, format_for
    from plankg.graph.store import open_store, store_path

    if fmt is None and output is not None:
        fmt = format_for(output)
        if fmt is None:
            raise click.UsageError(f"{output.name}: give --format, or an extension that names one "
                                   f"({', '.join(EXTENSIONS)})")
    if output is None and fmt is None and sys.stdout.isatty():
        raise click.UsageError("the whole graph is tens of thousands of lines: write it to a file with -o "
                               "(e.g. -o graph.trig), or ask for it here with --format")
    store = open_store(store_path(str(store_dir) if store_dir else None), read_only=True)
    data = export_store(store, fmt or "trig")
    if output:
        output.write_bytes(data)
        click.echo(f"wrote {output} ({fmt}, {len(data):,} bytes)", err=True)
    else:
        sys.stdout.buffer.write(data)


@cli.command()
@click.option("--plans", type=click.IntRange(min=1), required=True, help="How many plans to write.")
@click.option("--seed", type=int, default=1, show_default=True)
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), required=True)
def synth(plans: int, seed: int, output: Path) -> None:
    """Write a synthetic corpus of PLANS plans made from the bundled corpus (for benchmarks)."""
    from rich.progress import Progress

    from plankg.synth import write_corpus

    with Progress(console=_console(), transient=True) as progress:
        task = progress.add_task("writing plans", total=plans)
        write_corpus(plans, seed, output, progress=lambda: progress.advance(task))
    click.echo(f"wrote {plans} plans and lineage-truth.json to {output}")


def main() -> None:
    """Console-script entry point: usage errors exit 2; missing stores and faults of the machine (store in use, disk
    full, no permission, out of memory) exit 1 with one line, without tracebacks."""
    from plankg.graph.faults import Fault, is_disk_full, is_no_permission
    from plankg.remote import redact

    hidden = redact.userinfo_in(sys.argv[1:])

    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        sys.exit(1)
    except click.ClickException as exc:
        exc.message = redact.secrets(exc.message, hidden)  # no message shows a URL's user and password
        exc.show()
        sys.exit(exc.exit_code)  # 2 for a usage error, 1 for work that ran and failed
    except (FileNotFoundError, Fault) as exc:
        _fail(redact.secrets(str(exc), hidden))
    except MemoryError:
        _fail("out of memory: the store keeps every document written before; load fewer or smaller documents at "
              "once, or on a machine with more memory")
    except OSError as exc:
        if not (is_disk_full(exc) or is_no_permission(exc)):
            raise
        if is_disk_full(exc):
            _fail(f"the disk is full ({exc}): stopped; the store keeps what was written before, each document whole. "
                  "Free some space and run the same command again")
        _fail(f"no permission ({exc}): give paths you can write to, or change their permissions")


def _fail(message: str) -> None:
    click.echo(f"Error: {message}", err=True)
    sys.exit(1)
