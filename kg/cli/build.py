"""`plankg build`: load documents into the store, validate them, rebuild lineage, reason, write the views.

The work is plankg.pipeline.build's; this command shows its progress and prints the BuildReport it returns.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from plankg.cli.common import command, console, open_store, store_option, wait_option

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress
    from rich.status import Status

    from plankg.pipeline import Step

# What the console says while a stage after loading runs.
STAGES = {
    "validating": "validating",
    "lineage": "rebuilding lineage",
    "reasoning": "materialising OWL 2 RL entailments",
    "views": "writing views",
}


def _limit_options(command):
    """The flags raising the limits on one input document (plankg.loading.limits)."""
    from plankg.loading.limits import Limits

    default = Limits()
    for name, flag, kind, text in reversed(
        [
            ("file_mb", "--max-file-size", click.FloatRange(min=0), f"MB per file (default {default.file_mb:g})."),
            (
                "text_chars",
                "--max-text",
                click.IntRange(min=1),
                f"Characters of text per document (default {default.text_chars:,}).",
            ),
            (
                "unzipped_mb",
                "--max-unzipped",
                click.FloatRange(min=0),
                f"MB of a .docx's parts decompressed (default {default.unzipped_mb:g}).",
            ),
            (
                "elements",
                "--max-elements",
                click.IntRange(min=1),
                f"XML elements of a .docx body, tags of a web page (default {default.elements:,}).",
            ),
            ("seconds", "--timeout", click.FloatRange(min=0.1), f"Seconds to read one document (default {default.seconds:g})."),
        ]
    ):
        command = click.option(flag, name, type=kind, default=getattr(default, name), show_default=False, help=text)(command)
    return command


@command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@store_option
@click.option("--no-validate", is_flag=True, help="Skip SHACL validation of the loaded documents.")
@click.option("--no-lineage", is_flag=True, help="Skip rebuilding the lineage graph.")
@click.option("--no-views", is_flag=True, help="Skip writing the HTML views.")
@click.option("--reason", is_flag=True, help="Materialise the OWL 2 RL entailments into the inferred graph.")
@click.option(
    "--replace",
    is_flag=True,
    help="Let a later file of the batch replace the graph of an earlier one of the same plan (a warning).",
)
@wait_option
@_limit_options
def build(
    paths: tuple[Path, ...],
    store: Path,
    no_validate: bool,
    no_lineage: bool,
    no_views: bool,
    reason: bool,
    replace: bool,
    wait: float,
    **limits: Any,
) -> None:  # limits: Limits' fields
    """Load documents (default: the bundled corpus) into the store and print a summary.

    PATHS are files or folders: text (.txt, .md), web pages (.html, .htm, .shtml), .docx, .pdf with a text layer,
    and .doc, .wps, .rtf, .odt where LibreOffice is installed; a file is read by its content when its name does not say."""
    from plankg.cli.summary import print_report
    from plankg.loading.limits import Limits
    from plankg.pipeline import build as run

    opened = open_store(store, write=True, create=True, wait=wait)
    shown = console()
    with Display(shown) as display:
        # The worker process searching text reuse beside validation imports this program's main module again: the
        # console script's, whose work is under `if __name__ == "__main__":`.
        report = run(
            list(paths) or None,
            opened,
            validate=not no_validate,
            lineage=not no_lineage,
            reason=reason,
            views=not no_views,
            replace=replace,
            limits=Limits(**limits),
            parallel=True,
            progress=display,
            store_dir=store,
        )
    print_report(shown, opened, report)
    sys.exit(0 if report.ok else 1)


class Display:
    """The build's progress on the console, gone when it ends: a bar while loading, then what each stage does."""

    def __init__(self, shown: Console) -> None:
        self.shown = shown
        self.bar: Progress | None = None
        self.status: Status | None = None

    def __enter__(self) -> Display:
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop()

    def __call__(self, step: Step) -> None:
        from rich.progress import Progress

        if step.stage == "loading" and step.path is not None:
            if self.bar is None:
                self._stop()
                self.bar = Progress(console=self.shown, transient=True)
                self.bar.start()
                self.task = self.bar.add_task("loading", total=step.total)
            self.bar.update(self.task, completed=step.done, description=f"loading {step.path.name}")
            return
        self._stop()
        self.status = self.shown.status(STAGES.get(step.stage, step.stage))
        self.status.start()

    def _stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None
        if self.status is not None:
            self.status.stop()
            self.status = None
