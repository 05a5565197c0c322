"""`verifier batch`: check an archive, on this machine or on a Ray cluster, resumably."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from verifier.archive.batch import ENGINES, Progress, fails, run_batch
from verifier.cli import ledger_option, ledger_root, main
from verifier.config import load_config
from verifier.reading.documents import discover

FAIL_ON = ("inconsistent", "contested", "unverified", "never")
VERDICTS = ("inconsistent", "contested", "unverified", "consistent", "suppressed")


class ProgressLine:
    """`batch: 120/1200 documents, 35.2/s, 0:00:31 left` on stderr: redrawn in place on a terminal,
    a new line every 10 s in a log."""

    def __init__(self, tty: bool):
        self.tty, self.start, self.shown = tty, time.monotonic(), 0.0

    def __call__(self, state: Progress) -> None:
        now = time.monotonic()
        todo = state.total - state.resumed
        if not self.tty and now - self.shown < 10 and state.checked < todo:
            return
        self.shown = now
        rate = state.checked / max(now - self.start, 1e-9)
        left = f", {_clock((todo - state.checked) / rate)} left" if rate and state.checked < todo else ""
        line = f"batch: {state.resumed + state.checked}/{state.total} documents, {rate:.1f}/s{left}"
        click.echo(f"\r{line}\x1b[K" if self.tty else line, err=True, nl=not self.tty)

    def done(self) -> None:
        if self.tty:
            click.echo("", err=True)


def _clock(seconds: float) -> str:
    s = int(seconds)
    return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}"


def summary_line(state: Progress) -> str:
    counts = ", ".join(f"{state.counts[v]} {v}" for v in VERDICTS if state.counts.get(v))
    total = sum(state.counts.values())
    earlier = f" ({state.resumed} from an earlier run)" if state.resumed else ""
    return f"batch: {state.total} documents{earlier}: {total} findings" + (f": {counts}" if counts else "")


@main.command()
@click.argument("paths", nargs=-1, required=True)
@ledger_option
@click.option("--engine", type=click.Choice(ENGINES), default=None,
              help="Where documents are checked [default: ray with --address, else local].")
@click.option("--address", metavar="ADDR", help="A Ray cluster to join (ray://head:10001, or auto).")
@click.option("--workers", type=click.IntRange(min=1), help="Checkers in parallel [default: one per CPU].")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write findings here, resumably (state in OUTPUT.state) [default: stdout].")
@click.option("--restart", is_flag=True, help="Forget an earlier run's output and check everything again.")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default=None,
              help="Exit 1 when a finding is at or above this verdict [default: inconsistent].")
@click.option("--include", multiple=True, metavar="GLOB", help="Files to check inside directories.")
@click.option("--exclude", multiple=True, metavar="GLOB", help="Files to skip inside directories.")
@click.option("--progress/--no-progress", default=None, help="Progress on stderr [default: on a terminal].")
def batch(paths, ledger, engine, address, workers, output, restart, fail_on, include, exclude, progress):
    """Check many documents: findings as JSON Lines, one document's at a time as each finishes.

    The findings are those of `check --format jsonl` over the same paths, in the order documents
    finish. With -o, a run that was interrupted resumes: rerun the same command.
    Exit 0 when no finding reaches --fail-on, 1 when some do, 2 on usage or data errors.
    """
    config = load_config()
    files = discover(list(paths), include or config.include, exclude or config.exclude)
    show = progress if progress is not None else sys.stderr.isatty()
    bar = ProgressLine(sys.stderr.isatty()) if show else None
    state = run_batch(
        files, ledger_root(ledger, config), config.tolerance, output=output, stream=sys.stdout,
        restart=restart, engine=engine or ("ray" if address else "local"), workers=workers,
        address=address, progress=bar,
    )  # fmt: skip
    if bar:
        bar.done()
    click.echo(summary_line(state), err=True)
    sys.exit(int(fails(state.counts, fail_on or config.fail_on)))
