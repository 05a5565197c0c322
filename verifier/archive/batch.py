"""`batch`: checking an archive. Many documents, one loaded index per worker, findings streamed as
each document finishes, and a run that resumes where an interrupted one stopped.

The driver reads the documents in order and hands them to an engine (this process, a process pool,
or Ray actors: batch_ray.py) with a bounded number in flight, so a million documents are never
in memory at once. Each document's findings are written as soon as it comes back: the output is
in the order documents finish, not check's order, but one document's findings stay together and
in check's order, and the set of lines is exactly what `check --format jsonl` prints.

Resume: the journal (journal.py) records each finished document after its findings are written.
The worker is a plain class in this importable module, not a function in `__main__`: Ray and
multiprocessing pickle such a function by value, and its warm checker would be rebuilt per task.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from verifier import api
from verifier.archive.journal import Journal, StreamJournal, header_for
from verifier.checking.pipeline import Checker, summarise
from verifier.errors import UsageError
from verifier.matching.cache import fingerprint
from verifier.models import VERDICT_RANK, Finding, MatchedClaim, Tolerance
from verifier.reading.documents import read_text
from verifier.report.jsonfmt import finding_line

ENGINES = ("local", "ray")
IN_FLIGHT_PER_WORKER = 2  # a worker never waits for the driver, and few texts sit in memory


@dataclass(frozen=True)
class DocResult:
    """One checked document: its findings as JSON Lines (without newlines) and their counts."""

    path: str
    lines: tuple[str, ...]
    counts: dict[str, int]


@dataclass
class Progress:
    total: int  # documents named by the run
    resumed: int  # finished by an earlier run of the same output
    checked: int = 0  # finished by this run
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, result: DocResult) -> None:
        self.checked += 1
        for verdict, n in result.counts.items():
            self.counts[verdict] = self.counts.get(verdict, 0) + n


def load_checker(root: Path, tolerance: Tolerance) -> Checker:
    """The one place batch builds a checker, in the driver and in every worker alike, through the
    public API (with the on-disk cache, as `check` reads it)."""
    return api.checker(root, tolerance=tolerance, cache=True)


def check_document(checker: Checker, path: str, text: str, base: str | None = None) -> DocResult:
    """A document's findings, with the ledger's files named from `base` (the driver's folder)."""
    findings = checker.check_text(text, path)
    if base is not None and base != os.getcwd():
        findings = [_rebased(f, base) for f in findings]
    counts = summarise(findings).model_dump()
    return DocResult(path, tuple(finding_line(f) for f in findings), counts)


def _rebased(finding: Finding, base: str) -> Finding:
    """Findings name a source file relative to the working folder (evidence.ledger_file). A Ray
    worker works elsewhere (on another node, that folder may not exist), so the name it made is
    turned into the one the driver, and so `check`, would have made: relpath is lexical."""

    def moved(claim: MatchedClaim) -> MatchedClaim:
        path = Path(os.path.relpath(os.path.join(os.getcwd(), claim.source.path), base)).as_posix()
        return claim.model_copy(update={"source": claim.source.model_copy(update={"path": path})})

    claim = moved(finding.claim) if finding.claim else None
    return finding.model_copy(update={"claim": claim, "others": [moved(o) for o in finding.others]})


class DocumentWorker:
    """One loaded index; checks the documents it is sent one at a time. A Ray actor class and a
    process pool's per-process state are both this. `base`: the driver's working folder."""

    def __init__(self, root: str, tolerance: Tolerance, base: str):
        self.checker = load_checker(Path(root), tolerance)
        self.base = base

    def check(self, path: str, text: str) -> DocResult:
        return check_document(self.checker, path, text, self.base)


def fails(counts: dict[str, int], fail_on: str) -> bool:
    """Whether unsuppressed findings reach `fail_on`: check's exit-code rule, on counts."""
    if fail_on == "never":
        return False
    bar = VERDICT_RANK[fail_on]
    return any(counts.get(verdict, 0) for verdict, rank in VERDICT_RANK.items() if rank >= bar)


def bounded(
    docs: Iterable[tuple[str, str]],
    submit: Callable[[str, str], object],
    wait_some: Callable[[set], tuple[list[DocResult], set]],
    limit: int,
) -> Iterator[DocResult]:
    """Feeds `docs` in order with at most `limit` in flight; yields results as they complete."""
    pending: set = set()
    for path, text in docs:
        while len(pending) >= limit:
            done, pending = wait_some(pending)
            yield from done
        pending.add(submit(path, text))
    while pending:
        done, pending = wait_some(pending)
        yield from done


# ---------------------------------------------------------------- the local engine


class InProcess:
    """One worker: the driver's own checker, no copy of the index."""

    def __init__(self, checker: Checker):
        self.checker = checker

    def results(self, docs: Iterable[tuple[str, str]]) -> Iterator[DocResult]:
        for path, text in docs:
            yield check_document(self.checker, path, text)


_WORKER: DocumentWorker | None = None  # a pool process's worker, made once by its initializer


def _start_worker(root: str, tolerance: Tolerance, base: str) -> None:
    global _WORKER
    # Ctrl-C reaches the whole process group: the driver alone stops the run (and keeps the
    # output consistent); workers that died of it too would only print their own tracebacks
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER = DocumentWorker(root, tolerance, base)


def _pool_check(path: str, text: str) -> DocResult:
    assert _WORKER is not None
    return _WORKER.check(path, text)


class ProcessPool:
    """N processes, each loading the index once (from the cache the driver warmed)."""

    def __init__(self, root: Path, tolerance: Tolerance, workers: int):
        self.workers = workers
        start = (str(root), tolerance, os.getcwd())
        self.pool = ProcessPoolExecutor(workers, initializer=_start_worker, initargs=start)

    def results(self, docs: Iterable[tuple[str, str]]) -> Iterator[DocResult]:
        def wait_some(pending: set[Future]) -> tuple[list[DocResult], set[Future]]:
            done, rest = wait(pending, return_when=FIRST_COMPLETED)
            return [f.result() for f in done], rest

        submit = lambda path, text: self.pool.submit(_pool_check, path, text)  # noqa: E731
        return bounded(docs, submit, wait_some, self.workers * IN_FLIGHT_PER_WORKER)

    def close(self) -> None:
        self.pool.shutdown(cancel_futures=True)


@contextmanager
def open_engine(engine: str, root: Path, tolerance: Tolerance, checker: Checker, workers: int | None,
                address: str | None):  # fmt: skip
    """The engine named, started, and stopped when the run ends however it ends."""
    if engine == "ray":
        from verifier.archive.batch_ray import RayPool  # only here: Ray is an optional extra

        pool = RayPool(root, tolerance, workers, address)
    elif (workers or os.cpu_count() or 1) == 1:
        yield InProcess(checker)
        return
    else:
        pool = ProcessPool(root, tolerance, workers or os.cpu_count() or 1)
    try:
        yield pool
    finally:
        pool.close()


def run_batch(
    files: list[str],
    root: Path,
    tolerance: Tolerance,
    *,
    output: Path | None = None,
    stream: TextIO | None = None,
    restart: bool = False,
    engine: str = "local",
    workers: int | None = None,
    address: str | None = None,
    progress: Callable[[Progress], None] | None = None,
) -> Progress:
    """Checks `files` against the ledger at `root`, writing findings to `output` (resumable) or,
    without one, to `stream`. Returns the run's totals, counts over every document included."""
    _usable(engine, address, output, stream)
    checker = load_checker(root, tolerance)  # a bad ledger fails here, before any worker starts
    header = header_for(fingerprint(root), tolerance)
    journal = Journal.open(output, header, restart) if output else StreamJournal(stream)
    try:
        todo = journal.remaining(files)
        state = Progress(total=len(files), resumed=len(files) - len(todo), counts=journal.counts())
        if progress:
            progress(state)
        if todo:
            docs = ((path, read_text(path)) for path in todo)
            with open_engine(engine, root, tolerance, checker, workers, address) as pool:
                for result in pool.results(docs):
                    journal.write(result)
                    state.add(result)
                    if progress:
                        progress(state)
    finally:
        journal.close()
    return state


def _usable(engine: str, address: str | None, output: Path | None, stream: TextIO | None) -> None:
    """Refuses a run that cannot work before anything is written or started."""
    if engine not in ENGINES:
        raise UsageError(f"unknown engine '{engine}'; choose one of: {', '.join(ENGINES)}")
    if address and engine != "ray":
        raise UsageError("--address names a Ray cluster: use it with --engine ray")
    if output is None and stream is None:
        raise UsageError("batch needs an output file or a stream to write findings to")
    if engine == "ray":
        from verifier.archive.batch_ray import import_ray

        import_ray()  # without the extra: the one-line error that names it
