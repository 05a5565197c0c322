"""The command line: a thin click layer over the library.

Each command parses its options, calls one library function and renders the result;
library errors become one line on stderr with exit code 2. This package is the only
place that imports click.
"""

from __future__ import annotations

import click

from verifier import __version__
from verifier.errors import VerifierError


class Group(click.Group):
    """Turns library errors into one clear line and exit code 2, never a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except VerifierError as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(exc.exit_code)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="verifier")
def main() -> None:
    """Keep a ledger of sourced claims and check drafts against it."""


def _register() -> None:
    # Each command group lives in its own module; importing it attaches it to `main`.
    from verifier.cli import build_cmds, ledger_cmds, match_cmd, review_cmds  # noqa: F401


_register()
