"""The `plankg` command: a thin shell over the library, which never imports it. Exit status: 0 success; 1 the work
ran and failed or found problems; 2 usage errors (plankg.errors).

Each command lives in its own module of this package, imported only when it runs or the help lists it; what the
commands share (--store, --format, the console, the store, how an error ends a command) is plankg.cli.common.
Heavy libraries are imported inside the commands that need them, so `plankg --help` stays instant.
"""

from __future__ import annotations

import io
import sys
from importlib import import_module

import click

# Every command: name -> "module:attribute" of its click command.
COMMANDS = {
    "build": "plankg.cli.build:build",
    "export": "plankg.cli.export:export",
    "lineage": "plankg.cli.lineage:lineage",
    "list": "plankg.cli.documents:list_documents",
    "push": "plankg.cli.push:push",
    "query": "plankg.cli.query:query",
    "reason": "plankg.cli.reason:reason",
    "remove": "plankg.cli.documents:remove",
    "serve": "plankg.cli.serve:serve",
    "sparql": "plankg.cli.query:sparql",
    "stats": "plankg.cli.documents:stats",
    "synth": "plankg.cli.synth:synth",
    "validate": "plankg.cli.validate:validate",
    "viz": "plankg.cli.viz:viz",
}


class _Commands(click.Group):
    """The commands of COMMANDS, each module imported only when its command runs or help lists it."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module, attribute = COMMANDS[name].split(":")
        return getattr(import_module(module), attribute)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="plankg")
def cli() -> None:
    """plankg: a provenance-exact RDF knowledge graph of Chinese development plans."""


def main() -> None:
    """Console-script entry point: an error ends the command with one line on stderr and its exit status (2 usage, 1
    the work failed: plankg.errors, and the faults of the machine, plankg.cli.common.failure), no traceback; no
    message shows the user and password of a URL given on the command line."""
    from plankg.cli.common import failure
    from plankg.remote import redact

    hidden = redact.userinfo_in(sys.argv[1:])
    try:
        cli.main(prog_name="plankg", standalone_mode=False)
    except click.exceptions.Abort:
        sys.exit(1)
    except Exception as exc:
        error = exc if isinstance(exc, click.ClickException) else failure(exc)
        if error is None:
            raise
        shown = io.StringIO()
        error.show(file=shown)  # its message (after a usage banner for a usage error), then without the secrets
        sys.stderr.write(redact.secrets(shown.getvalue(), hidden))
        sys.exit(error.exit_code)
