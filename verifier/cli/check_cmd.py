"""`verifier check`: the linter for facts."""

from __future__ import annotations

import os
import sys

import click

from verifier.cli import ledger_option, ledger_root, main
from verifier.config import load_config
from verifier.documents import discover
from verifier.models import VERDICT_RANK
from verifier.parallel import default_jobs
from verifier.report import FORMATS, render
from verifier.verify import Checker, check_paths

FAIL_ON = ("inconsistent", "contested", "unverified", "never")


def use_color(stream) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (no-color.org)."""
    return "NO_COLOR" not in os.environ and hasattr(stream, "isatty") and stream.isatty()


def exit_code(findings, fail_on: str) -> int:
    if fail_on == "never":
        return 0
    bar = VERDICT_RANK[fail_on]
    return int(any(VERDICT_RANK[f.verdict] >= bar and not f.suppressed for f in findings))


@main.command()
@click.argument("paths", nargs=-1, required=True)
@ledger_option
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON),
    default=None,
    help="Exit 1 when a finding is at or above this verdict [default: inconsistent].",
)
@click.option("--include", multiple=True, metavar="GLOB", help="Files to check inside directories.")
@click.option("--exclude", multiple=True, metavar="GLOB", help="Files to skip inside directories.")
@click.option(
    "--progress/--no-progress", default=None, help="A progress bar on stderr [default: on a terminal]."
)
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, metavar="N",
              help="Processes to check with (same output as one) [default: all cores].")
def check(paths, ledger, fmt, fail_on, include, exclude, progress, jobs):
    """Check draft files (or - for stdin) against the ledger.

    Exit 0 when no finding reaches --fail-on, 1 when some do, 2 on usage or data errors.
    """
    config = load_config()
    files = discover(list(paths), include or config.include, exclude or config.exclude)
    checker = Checker.for_root(ledger_root(ledger, config), config.tolerance)
    jobs = jobs or default_jobs()
    show_bar = progress if progress is not None else (sys.stderr.isatty() and len(files) > 1)
    if show_bar:
        with click.progressbar(length=len(files), label="checking", file=sys.stderr) as bar:
            report = check_paths(files, checker, progress=lambda _path: bar.update(1), jobs=jobs)
    else:
        report = check_paths(files, checker, jobs=jobs)
    click.echo(render(report, fmt, color=fmt == "text" and use_color(sys.stdout)), nl=False)
    sys.exit(exit_code(report.findings, fail_on or config.fail_on))
