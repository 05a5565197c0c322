"""The command line: a thin click layer over the library.

Each command parses its options, calls one library function and renders the result;
library errors become one line on stderr with exit code 2. This package is the only
place that imports click.
"""

from __future__ import annotations

import importlib
import traceback
from pathlib import Path
from typing import TYPE_CHECKING

import click

from verifier import __version__
from verifier.common.terminal import printable
from verifier.errors import UsageError, VerifierError

if TYPE_CHECKING:
    from verifier.backend import LedgerBackend
    from verifier.config import Config


# The module each command lives in: a run imports only its command's module, so `verifier --version`
# or `validate` does not load the extraction stack (spaCy and the lexicon).
_HOMES = {
    "init": "build_cmds", "source": "build_cmds", "extract": "build_cmds", "check": "check_cmd",
    "validate": "ledger_cmds", "claims": "ledger_cmds", "sources": "ledger_cmds", "schemas": "ledger_cmds",
    "match": "match_cmd", "contested": "review_cmds", "review": "review_cmds", "export": "review_cmds",
    "import": "review_cmds", "batch": "batch_cmd", "baseline": "check_cmd",
}  # fmt: skip


class Group(click.Group):
    """Turns every error into one clear line on stderr: exit 2 for bad input, a file that cannot be
    read or written, a lock that cannot be taken; exit 3 for a bug in verifier, whose traceback is
    shown only under --debug (exit 1 stays "findings"). Commands are loaded when named (see _HOMES)."""

    def get_command(self, ctx: click.Context, cmd_name: str):
        if cmd_name not in self.commands:
            home = _HOMES.get(cmd_name)
            if home is not None:
                importlib.import_module(f"verifier.cli.{home}")
            else:  # a command _HOMES does not name yet: load them all
                _register()
        return super().get_command(ctx, cmd_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        _register()
        return super().list_commands(ctx)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except VerifierError as exc:
            _fail(ctx, str(exc), exc.exit_code)
        except OSError as exc:  # the file system said no where verifier did not expect it
            where = f"{exc.filename}: " if exc.filename else ""
            _fail(ctx, f"{where}{exc.strerror or exc}", 2)
        except Exception as exc:
            if ctx.params.get("debug"):
                traceback.print_exc()
            hint = "" if ctx.params.get("debug") else "; run with --debug for the traceback"
            name = type(exc).__name__
            message = f"internal error: {name}: {exc} (a bug in verifier: please report it{hint})"
            _fail(ctx, message, 3)


def _fail(ctx: click.Context, message: str, code: int) -> None:
    click.echo(f"error: {printable(message)}", err=True)
    ctx.exit(code)


def ledger_option(command):
    """`--ledger DIR`, shared by every command that reads the ledger."""
    return click.option(
        "--ledger",
        "ledger",
        metavar="DIR|URL",
        envvar="VERIFIER_LEDGER",
        help="The ledger root (holds claims/ and sources/), or a postgresql:// URL. Default: the "
        "config's `ledger`, else the nearest folder with claims/ at or above the working directory.",
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
    from verifier.config import load_config, resolve_ledger  # pydantic: not for --version or --help
    from verifier.postgres.store import is_database_url

    config = config if config is not None else load_config()
    if is_database_url(option or config.ledger):
        raise UsageError(
            "this command works on a ledger folder, not a PostgreSQL ledger "
            "(`verifier export --format ledger -o DIR` writes one)"
        )
    return resolve_ledger(config, option)


def ledger_backend(option: str | None, config: Config | None = None) -> LedgerBackend:
    """The ledger a command works on, a folder or a PostgreSQL database, as --ledger or the config say."""
    from verifier.backend import open_backend
    from verifier.config import load_config

    return open_backend(config if config is not None else load_config(), option)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="verifier")
@click.option("--debug", is_flag=True, envvar="VERIFIER_DEBUG", help="Show the traceback of an internal bug.")
def main(debug: bool) -> None:
    """Keep a ledger of sourced claims and check drafts against it."""


def _register() -> None:
    # Each command group lives in its own module; importing it attaches it to `main`.
    from verifier.cli import (  # noqa: F401
        batch_cmd,
        build_cmds,
        check_cmd,
        ledger_cmds,
        match_cmd,
        review_cmds,
    )
