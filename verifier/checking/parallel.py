"""`check --jobs N`: the sentences of many files, or of one long file, checked on every core.

The work is cut into units (a whole file when there are many, else runs of consecutive
sentences) and given to a pool of processes forked after the index has loaded, so the workers
share the parent's index and claims instead of loading their own. Results are gathered in
order, so the findings are exactly those of one process, in the same order. A unit that fails
in a worker is run again in the parent, which raises its error as one process would have.
Where fork is not the way processes start (macOS, Windows), the check runs in one process.
"""

from __future__ import annotations

import math
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from verifier.models import Finding
from verifier.reading.documents import Sentence, read_text, sentences

# A unit of a split file holds at least this many sentences: a smaller one costs more to hand
# over (findings pickled back) than it saves.
_MIN_CHUNK = 40
_CHUNKS_PER_JOB = 4  # units per worker, so that one slow run of sentences does not hold up the rest

# What forked workers inherit from the parent: the checker, and the sentences of split files.
_CHECKER = None
_SPLIT: dict[int, list[Sentence]] = {}
_TEXTS: dict[int, str] = {}


@dataclass(frozen=True)
class Unit:
    """Sentences [lo, hi) of file number `file` (hi None: the whole file, read by the worker)."""

    file: int
    path: str
    lo: int = 0
    hi: int | None = None


def default_jobs() -> int:
    """The processors this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def check_files(
    paths: list[str], checker, jobs: int, progress: Callable[[str], None] | None = None,
    texts: dict[str, str] | None = None,
) -> Iterator[list[Finding]]:
    """Each file's findings, in the order of `paths`, computed by up to `jobs` processes. `texts`:
    files read already (a pipe cannot be read twice)."""
    global _CHECKER
    texts = texts or {}
    if jobs > 1 and sys.platform == "linux":
        _CHECKER = checker
        try:
            units = _plan(paths, jobs, texts)
            if len(units) > 1:
                yield from _pooled(paths, units, min(jobs, len(units)), progress)
            else:  # nothing to share out; the file is read already (a pipe cannot be read twice)
                yield from _gathered(paths, units, map(_run, units), progress)
            return
        finally:
            _CHECKER = None
            _SPLIT.clear()
            _TEXTS.clear()
    for path in paths:
        yield checker.check_text(texts[path] if path in texts else read_text(path), path)
        if progress:
            progress(path)


def _plan(paths: list[str], jobs: int, texts: dict[str, str] | None = None) -> list[Unit]:
    """Whole files when there are enough of them to keep every worker busy; else each file is split
    here, once, and cut into runs of sentences."""
    for i, path in enumerate(paths):
        if texts and path in texts:
            _TEXTS[i] = texts[path]
        elif path == "-":  # a worker cannot read the parent's standard input
            _TEXTS[i] = read_text(path)
    if len(paths) >= _CHUNKS_PER_JOB * jobs:
        return [Unit(i, path) for i, path in enumerate(paths)]
    units = []
    for i, path in enumerate(paths):
        text = _TEXTS[i] if i in _TEXTS else read_text(path)
        _SPLIT[i] = sentences(text, path)
        size = max(_MIN_CHUNK, math.ceil(len(_SPLIT[i]) / (_CHUNKS_PER_JOB * jobs)))
        units += [Unit(i, path, lo, lo + size) for lo in range(0, max(1, len(_SPLIT[i])), size)]
    return units


def _pooled(paths: list[str], units: list[Unit], jobs: int, progress) -> Iterator[list[Finding]]:
    from multiprocessing import get_context

    with get_context("fork").Pool(jobs) as pool:
        # a unit that failed in a worker runs here, and so raises as in one process
        done = zip(units, pool.imap(_work, units), strict=True)
        results = (found if ok else _run(unit) for unit, (ok, found) in done)
        yield from _gathered(paths, units, results, progress)
        # Every unit done: the workers are told to stop and waited for. Leaving them to the `with`
        # (terminate) holds the task queue's lock and counts on SIGTERM's default action, and a
        # worker forked from a process with its own SIGTERM handler (Ray's driver installs one) can
        # stay blocked on that lock, its parent waiting for it for ever.
        pool.close()
        pool.join()


def _gathered(paths: list[str], units: list[Unit], results, progress) -> Iterator[list[Finding]]:
    """Each file's findings, from its units' results (in unit order)."""
    left = {i: sum(u.file == i for u in units) for i in range(len(paths))}
    found: list[Finding] = []
    for unit, findings in zip(units, results, strict=True):
        found += findings
        left[unit.file] -= 1
        if not left[unit.file]:
            yield found
            found = []
            if progress:
                progress(unit.path)


def _work(unit: Unit) -> tuple[bool, list[Finding]]:
    try:
        return True, _run(unit)
    except Exception:  # the parent runs the unit again, and so raises it as one process would
        return False, []


def _run(unit: Unit) -> list[Finding]:
    if unit.hi is None:
        text = _TEXTS.get(unit.file)
        return _CHECKER.check_text(text if text is not None else read_text(unit.path), unit.path)
    sents = _SPLIT[unit.file]
    return _CHECKER.check_sentences(sents[unit.lo : unit.hi], sents[: unit.lo])
