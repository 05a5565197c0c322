"""`check --jobs N`: the sentences of many files, or of one long file, checked on every core.

The work is cut into units (a whole file when there are many, else runs of consecutive
sentences) and shared out between this process and N - 1 processes forked after the index has
loaded, so the workers share the parent's index and claims instead of loading their own. The
workers take units from the front, the parent from the back, each unit once. Results are gathered
in order, so the findings are exactly those of one process, in the same order. A unit that fails
(in a worker or in the parent) is run again in the parent when its turn comes, which raises its
error as one process would have. Where fork is not the way processes start (macOS, Windows), the
check runs in one process.
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
_SWITCH_S = 0.0005  # how long the pool's threads wait for the interpreter lock at most (see _pooled)

# What forked workers inherit from the parent: the checker, the sentences of split files, and which
# units are taken (a shared array, one byte a unit, with its lock).
_CHECKER = None
_SPLIT: dict[int, list[Sentence]] = {}
_TEXTS: dict[int, str] = {}
_UNITS: list[Unit] = []
_TAKEN = None


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
    """The units' findings, checked by this process and jobs - 1 forked ones. The parent checks too
    rather than wait: with two processes on two cores, a second forked worker would copy the pages
    of the index it touches (reference counts) and pickle its findings back, which the parent's own
    units do not."""
    from multiprocessing import get_context

    global _TAKEN, _UNITS
    context = get_context("fork")
    _TAKEN = context.Array("b", len(units))  # before the fork: the workers share it
    _UNITS = units
    # The pool's threads here (handing out units, reading findings back) wait for the interpreter
    # lock while this thread checks: Python's default lets them wait 5 ms each time, and a worker
    # whose findings are not read stops until they are (a pipe holds 64 KiB; a file's findings are
    # more). A short interval costs nothing while they sleep on their pipes.
    interval = sys.getswitchinterval()
    sys.setswitchinterval(min(interval, _SWITCH_S))
    try:
        with context.Pool(jobs - 1) as pool:
            yield from _gathered(paths, units, _ordered(units, pool.imap(_work, range(len(units)))), progress)
            # Every unit done: the workers are told to stop and waited for. Leaving them to the `with`
            # (terminate) holds the task queue's lock and counts on SIGTERM's default action, and a
            # worker forked from a process with its own SIGTERM handler (Ray's driver installs one)
            # can stay blocked on that lock, its parent waiting for it for ever.
            pool.close()
            pool.join()
    finally:
        sys.setswitchinterval(interval)
        _TAKEN, _UNITS = None, []


def _ordered(units: list[Unit], pending) -> Iterator[list[Finding]]:
    """Each unit's findings in unit order: the parent checks the units it takes from the back,
    and between two of them passes on what the workers have sent (so that progress is shown as
    files are done); a unit that failed, here or in a worker, is run again here in its turn."""
    done: dict[int, tuple[bool, list[Finding]]] = {}
    sent = 0  # how many of the workers' answers (one a unit, in unit order) are read
    ahead = 0  # the next unit to give on
    while (i := _take_last()) is not None:
        try:
            done[i] = (True, _run(units[i]))
        except Exception:  # raised again in its turn, after the units before it, as one process would
            done[i] = (False, [])
        while sent < len(units) and _answer(pending, done, sent, wait=False):
            sent += 1
        while ahead in done:
            yield _result(units[ahead], done.pop(ahead))
            ahead += 1
    while ahead < len(units):
        if ahead not in done:
            _answer(pending, done, sent, wait=True)
            sent += 1
            continue
        yield _result(units[ahead], done.pop(ahead))
        ahead += 1


def _answer(pending, done: dict, at: int, wait: bool) -> bool:
    """Reads the workers' answer for unit `at`, if it has come (or waits for it); a unit the parent
    took is answered (None, [])."""
    from multiprocessing import TimeoutError as NotYet  # not the built-in TimeoutError

    try:
        ok, found = pending.next(None if wait else 0)
    except NotYet:
        return False
    if ok is not None:
        done[at] = (ok, found)
    return True


def _result(unit: Unit, answer: tuple[bool, list[Finding]]) -> list[Finding]:
    ok, found = answer
    return found if ok else _run(unit)


def _take(i: int) -> bool:
    """Takes unit i for this process, unless another has."""
    with _TAKEN.get_lock():
        if _TAKEN[i]:
            return False
        _TAKEN[i] = 1
        return True


def _take_last() -> int | None:
    """Takes the last unit nobody has, for the parent; None when none is left."""
    with _TAKEN.get_lock():
        for i in range(len(_TAKEN) - 1, -1, -1):
            if not _TAKEN[i]:
                _TAKEN[i] = 1
                return i
    return None


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


def _work(i: int) -> tuple[bool | None, list[Finding]]:
    """In a worker: unit i's findings, unless the parent has taken it (None)."""
    if not _take(i):
        return None, []
    try:
        return True, _run(_UNITS[i])
    except Exception:  # the parent runs the unit again, and so raises it as one process would
        return False, []


def _run(unit: Unit) -> list[Finding]:
    if unit.hi is None:
        text = _TEXTS.get(unit.file)
        return _CHECKER.check_text(text if text is not None else read_text(unit.path), unit.path)
    sents = _SPLIT[unit.file]
    return _CHECKER.check_sentences(sents[unit.lo : unit.hi], sents[: unit.lo])
