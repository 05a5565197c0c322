"""Small helpers several test modules share: run the CLI, edit a file in place."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from verifier.cli import main


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def edit(path: Path, old: str, new: str) -> None:
    """Replace the first `old` in the file with `new`; `old` must be there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
