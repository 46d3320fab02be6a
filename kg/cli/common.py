"""What every `plankg` command shares: the --store, --wait and --format options, the console, the store opened from
--store, and how an error ends a command: one line on stderr and its exit status (plankg.errors), no traceback.

Only click and the standard library are imported at module level, so that `plankg --help` stays instant.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from plankg.errors import USAGE, PlankgError

if TYPE_CHECKING:
    from pyoxigraph import Store
    from rich.console import Console

    from plankg.api import KnowledgeGraph

PIPED_WIDTH = 200  # columns of the console when the output is not a terminal (a log keeps whole tables)


def _store_location(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path:
    from plankg.graph.store import store_path

    return store_path(str(value) if value else None)


store_option = click.option(
    "--store",
    "store",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    callback=_store_location,
    help="Store folder (default: $PLANKG_STORE or ./plankg-data).",
)


def output_file_option(help: str) -> Callable[[Any], Any]:
    """`-o/--output FILE`: where a command writes instead of standard output."""
    return click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None, help=help)


wait_option = click.option(
    "--wait",
    type=click.FloatRange(min=0),
    default=0,
    show_default=True,
    help="Seconds to wait for a store another process is writing.",
)


class LaterChoice(click.Choice):
    """A choice whose values are read when a command is parsed or its help shown, not when the module defining the
    command is imported, so that listing the commands imports none of the libraries their values come from."""

    def __init__(self, values: Callable[[], Sequence[str]]) -> None:
        self.values, self.case_sensitive = values, True

    @cached_property
    def choices(self) -> tuple[str, ...]:  # type: ignore[override]  # click's attribute, read on first use
        return tuple(self.values())


def format_option(
    choices: Sequence[str] | Callable[[], Sequence[str]], help: str | None = None, default: str | None = None
) -> Callable:
    """The output format of a command (its choices, or a function giving them, and its default are its own)."""
    kind = LaterChoice(choices) if callable(choices) else click.Choice(list(choices))
    return click.option("--format", "fmt", type=kind, default=default, show_default=default is not None, help=help)


def console(wide: bool = True) -> Console:
    """The console a command prints to. When the output is not a terminal it is PIPED_WIDTH columns wide, so that
    the summary tables stay whole in a log; with wide=False, rich's own width there (80 or $COLUMNS), which the
    query tables are shaped for (they turn into records rather than cut a value)."""
    from rich.console import Console

    shown = Console()
    return shown if shown.is_terminal or not wide else Console(width=PIPED_WIDTH)


def existing(store: Path) -> Path:
    """The store folder, which must exist (a NoStore fault otherwise)."""
    from plankg.graph.faults import no_store

    if not store.exists():
        raise no_store(store)
    return store


def open_graph(store: Path, write: bool = False, create: bool = False, wait: float = 0) -> KnowledgeGraph:
    """The store of --store as the library opens it: read-only unless write; opened for writing, it must exist
    unless create (build)."""
    from plankg.api import open as open_knowledge_graph

    return open_knowledge_graph(store if create else existing(store), read_only=not write, wait=wait)


def open_store(store: Path, write: bool = False, create: bool = False, wait: float = 0) -> Store:
    """The pyoxigraph Store of open_graph, for a command that works on the store itself."""
    return open_graph(store, write, create, wait).store


def flush_quietly(store: Store) -> None:
    """Flush whatever happened; a flush that fails too (the disk still full) leaves the writes in the store's log,
    which the next open replays, so the failure that stopped the command is the one reported."""
    from plankg.graph.store import flush

    with contextlib.suppress(OSError):
        flush(store)


class Command(click.Command):
    """A plankg command: an error of its work ends it as a click error, with the message and exit status of
    failure(), so that it is one line whether the command runs from main() or from click's own test runner."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.ClickException:
            raise
        except Exception as exc:
            error = failure(exc)
            if error is None:
                raise
            raise error from None


def command(name: str | None = None, **attrs: Any) -> Callable:
    """click.command for a plankg Command."""
    return click.command(name, cls=Command, **attrs)


def failure(exc: Exception) -> click.ClickException | None:
    """The one-line error an exception ends a command with, or None for a defect (shown with its traceback).

    A PlankgError has its own message and exit status (1 the work failed, 2 it was asked wrongly); a missing file, a
    full disk, no permission and running out of memory are faults of the machine (exit 1)."""
    from plankg.graph.faults import is_disk_full, is_no_permission

    if isinstance(exc, PlankgError):
        message, code = str(exc), exc.exit_code
    elif isinstance(exc, FileNotFoundError):
        message, code = str(exc), 1
    elif isinstance(exc, MemoryError):
        message, code = (
            (
                "out of memory: the store keeps every document written before; load fewer or smaller "
                "documents at once, or on a machine with more memory"
            ),
            1,
        )
    elif is_disk_full(exc):
        message, code = (
            (
                f"the disk is full ({exc}): stopped; the store keeps what was written before, each document "
                "whole. Free some space and run the same command again"
            ),
            1,
        )
    elif is_no_permission(exc):
        message, code = f"no permission ({exc}): give paths you can write to, or change their permissions", 1
    else:
        return None
    return _AskedWrongly(message) if code == USAGE else click.ClickException(message)  # a ClickException exits 1


class _AskedWrongly(click.ClickException):
    """A command asked what cannot be done as asked: one line, exit 2 (click's UsageError would add a usage banner)."""

    exit_code = USAGE
