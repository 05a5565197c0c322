"""`verifier check`: the linter for facts."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from verifier.checking.changes import only_changed
from verifier.checking.parallel import default_jobs
from verifier.checking.pipeline import check_paths
from verifier.cli import ledger_backend, ledger_option, main
from verifier.common.yamlio import write_atomic
from verifier.config import Config, load_config
from verifier.models import Report, fails
from verifier.reading.documents import discover
from verifier.report import FORMATS, NEEDS_TEXT, render
from verifier.report.baseline import apply_baseline, write_baseline

FAIL_ON = ("inconsistent", "contested", "unverified", "never")


def use_color(stream) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (no-color.org)."""
    return "NO_COLOR" not in os.environ and hasattr(stream, "isatty") and stream.isatty()


def exit_code(findings, fail_on: str) -> int:
    return int(any(fails(f, fail_on) for f in findings))


def emit(text: str, output: str | None) -> None:
    """The report on stdout, or in the file -o names, replaced in one step."""
    if output:
        write_atomic(Path(output), text)
    else:
        click.echo(text, nl=False)


def selection_options(command):
    """The options that choose what to check and against which ledger (check, baseline write)."""
    for option in reversed([
        click.argument("paths", nargs=-1, required=True),
        ledger_option,
        click.option("--include", multiple=True, metavar="GLOB", help="Files to check inside directories."),
        click.option("--exclude", multiple=True, metavar="GLOB", help="Files to skip inside directories."),
        click.option(
            "--progress/--no-progress", default=None,
            help="A progress bar on stderr [default: on a terminal].",
        ),
    ]):
        command = option(command)
    return command


def run_check(
    paths, ledger, include, exclude, progress, *, keep_text: bool = False, jobs: int | None = None
) -> tuple[Report, Config]:
    """The report on the files the options select, and the config it was made with."""
    config = load_config()
    files = discover(list(paths), include or config.include, exclude or config.exclude)
    checker = ledger_backend(ledger, config).checker(config.tolerance)
    options = {"keep_text": keep_text, "jobs": jobs or default_jobs()}
    show_bar = progress if progress is not None else (sys.stderr.isatty() and len(files) > 1)
    if not show_bar:
        return check_paths(files, checker, **options), config
    with click.progressbar(length=len(files), label="checking", file=sys.stderr) as bar:
        return check_paths(files, checker, progress=lambda _path: bar.update(1), **options), config


@main.command()
@selection_options
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON),
    default=None,
    help="Exit 1 when a finding is at or above this verdict [default: inconsistent].",
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), help="Write the report to FILE (atomically)."
)
@click.option(
    "--changed-since", metavar="REV", help="Report only findings on lines changed since the git revision REV."
)
@click.option(
    "--baseline", "baseline_file", type=click.Path(dir_okay=False),
    help="Findings recorded in this baseline file (`verifier baseline write`) are reported but never fail.",
)  # fmt: skip
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, metavar="N",
              help="Processes to check with (same output as one) [default: all cores].")
def check(paths, ledger, include, exclude, progress, fmt, fail_on, output, changed_since, baseline_file,
          jobs):
    """Check draft files (or - for stdin) against the ledger.

    Exit 0 when no finding reaches --fail-on, 1 when some do, 2 on usage or data errors.
    """
    report, config = run_check(paths, ledger, include, exclude, progress, keep_text=fmt in NEEDS_TEXT,
                               jobs=jobs)
    if changed_since:
        report = only_changed(report, changed_since)
    if baseline_file:
        report = apply_baseline(report, Path(baseline_file))
    fail_on = fail_on or config.fail_on
    color = fmt == "text" and not output and use_color(sys.stdout)
    emit(render(report, fmt, color=color, fail_on=fail_on), output)
    sys.exit(exit_code(report.findings, fail_on))


@main.group("baseline")
def baseline_group():
    """Accept today's findings, so that `check --baseline` fails only on new ones."""


@baseline_group.command("write")
@click.argument("file", type=click.Path(dir_okay=False))
@selection_options
def baseline_write(file, paths, ledger, include, exclude, progress):
    """Check the files and record every finding that needs attention in FILE (JSON, atomically).

    Run it, and later `check --baseline FILE`, from the same folder: findings are known by path.
    """
    report, _config = run_check(paths, ledger, include, exclude, progress, jobs=None)
    baseline = write_baseline(Path(file), report)
    count = len(baseline.fingerprints)
    click.echo(f"recorded {count} finding{'' if count == 1 else 's'} in {file}")
