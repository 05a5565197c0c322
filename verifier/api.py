"""The public API: the main jobs of the command line as plain functions.

    import verifier
    report = verifier.check("Jiangsu has 85 million people.", ledger="path/to/ledger")

`import verifier` exports these lazily (verifier/__init__.py), so importing the package costs
nothing until one is used. Library errors are raised, never printed: each is a
`verifier.VerifierError` with a stable `code` and a message naming the file, line or JSON path.
Nothing is written unless asked: `check` builds its index in memory, and reads or writes the
on-disk cache only with `cache=True` (the CLI's way, for large ledgers checked again and again).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from verifier.ledger.load import Ledger
from verifier.models import Claim, Report, Tolerance

LedgerLike = Ledger | str | os.PathLike


def load_ledger(root: str | os.PathLike) -> Ledger:
    """The ledger at `root` (the folder holding claims/ and sources/), parsed and checked:
    DataError on the first hard error. `verifier.validate` lists every problem instead."""
    from verifier.ledger.load import load_ledger as load

    return load(Path(root))


def validate(root: str | os.PathLike) -> list:
    """Every problem in the ledger at `root` (a list of `verifier.ledger.validate.Problem`, each printing
    as `verifier validate` does); an empty list when the ledger is valid."""
    from verifier.ledger.validate import validate as run

    return run(Path(root))


def extract(source_id: str, *, ledger: LedgerLike) -> list[Claim]:
    """The claims `verifier extract SOURCE-ID` proposes for a source of the ledger, in text order;
    nothing is written (`verifier extract --write` appends them to the ledger)."""
    from verifier.extraction.extract import extract_claims

    return extract_claims(_ledger(ledger), source_id)


def check(
    paths_or_text: str | os.PathLike | Iterable[str | os.PathLike],
    *,
    ledger: LedgerLike,
    tolerance: Tolerance | None = None,
    cache: bool = False,
    path: str = "<text>",
    include: Iterable[str] = (),
    exclude: Iterable[str] = (),
    jobs: int = 1,
) -> Report:
    """Check a draft against the ledger: the same findings as `verifier check`, as a Report.

    A `str` is the draft's text itself (its findings name `path`); a `Path`, or a list or tuple of
    paths, names files and folders (folders searched as `check` does, filtered by `include` and
    `exclude` globs). `ledger` is a ledger folder or a loaded Ledger. `tolerance` defaults to
    verifier's (the CLI reads it from verifier.toml). With `cache=True` the index is read from, or
    written to, the ledger's on-disk cache, as the CLI does; else it is built in memory. With
    `jobs` > 1, files are checked by that many processes (forked on Linux; the same report).
    """
    from verifier.checking.pipeline import check_paths, summarise, tuned_collector

    loaded = checker(ledger, tolerance=tolerance, cache=cache)
    if isinstance(paths_or_text, str):
        with tuned_collector():
            findings = loaded.check_text(paths_or_text, path)
        return Report(version=_version(), files=[path], findings=findings, summary=summarise(findings))
    from verifier.reading.documents import discover

    given = [paths_or_text] if isinstance(paths_or_text, os.PathLike) else list(paths_or_text)
    files = discover([os.fspath(p) for p in given], tuple(include), tuple(exclude))
    return check_paths(files, loaded, jobs=jobs)


def checker(ledger: LedgerLike, *, tolerance: Tolerance | None = None, cache: bool = False):
    """A loaded checker to check many texts against one index: `checker.check_text(text, path)`
    gives a text's findings, as `check` would (what `batch` workers hold, one each)."""
    from verifier.checking.pipeline import Checker
    from verifier.matching.index import build_index

    tolerance = tolerance or Tolerance()
    if cache:
        if isinstance(ledger, Ledger):
            return Checker.for_ledger(ledger, tolerance)
        return Checker.for_root(Path(ledger), tolerance)
    loaded = _ledger(ledger)
    return Checker(loaded, tolerance, build_index(loaded.claims))


def _ledger(ledger: LedgerLike) -> Ledger:
    return ledger if isinstance(ledger, Ledger) else load_ledger(ledger)


def _version() -> str:
    from verifier import __version__

    return __version__
