"""The command line: a thin click layer over the library.

Each command parses its options, calls one library function and renders the result;
library errors become one line on stderr with exit code 2. This package is the only
place that imports click.
"""

from __future__ import annotations

from pathlib import Path

import click

from verifier import __version__
from verifier.config import Config, load_config, resolve_ledger
from verifier.errors import VerifierError


class Group(click.Group):
    """Turns library errors into one clear line and exit code 2, never a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except VerifierError as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(exc.exit_code)


def ledger_option(command):
    """`--ledger DIR`, shared by every command that reads the ledger."""
    return click.option(
        "--ledger",
        "ledger",
        metavar="DIR",
        envvar="VERIFIER_LEDGER",
        help="The ledger root (holds claims/ and sources/). Default: the config's `ledger`, "
        "else the nearest folder with claims/ at or above the working directory.",
    )(command)


def format_option(*choices: str):
    """`--format`, the first choice being the default."""
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(choices),
        default=choices[0],
        show_default=True,
        help="Output format.",
    )


def ledger_root(option: str | None, config: Config | None = None) -> Path:
    """The absolute ledger root a command works on: --ledger (or VERIFIER_LEDGER), else the config,
    else the nearest claims/. A command that reads the config anyway passes it in."""
    return resolve_ledger(config if config is not None else load_config(), option)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="verifier")
def main() -> None:
    """Keep a ledger of sourced claims and check drafts against it."""


def _register() -> None:
    # Each command group lives in its own module; importing it attaches it to `main`.
    from verifier.cli import build_cmds, check_cmd, ledger_cmds, match_cmd, review_cmds  # noqa: F401


_register()
