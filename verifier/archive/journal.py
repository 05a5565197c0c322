"""Where `batch` writes: the findings file, and beside it the state that lets a run resume.

`F.state` holds JSON Lines: a header (the ledger's fingerprint, the tolerance, verifier's version),
then one record per finished document: its path, the findings' counts, and `end`, the size of `F`
once its findings were written. A document's findings are written and flushed before its record,
so whatever stops the run (Ctrl-C, a kill, a crash), the state never names a document whose
findings are not in `F`. On resume the last record's `end` says where `F` was consistent: anything
after it (the findings of a document that had no record yet, a half-written line) is cut off, and
a half-written last record is dropped. Records whose `end` lies beyond `F` (a power cut that kept
the state but not all of `F`) are dropped too, and those documents checked again.

Both files are flushed after every document (a killed process loses nothing the kernel has) and
fsynced at most once a second (a power cut loses at most that): an fsync per document would cost
more than checking one on a fast disk with many workers.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, TextIO

from verifier import __version__
from verifier.errors import UsageError
from verifier.models import Tolerance

if TYPE_CHECKING:  # batch imports this module; the types only are needed here
    from verifier.archive.batch import DocResult

STATE_SUFFIX = ".state"
FORMAT = "verifier-batch/1"
SYNC_SECONDS = 1.0


def header_for(fingerprint: str, tolerance: Tolerance) -> dict:
    """What a resumed run must share with the run it continues, or its findings would mix two ledgers."""
    tolerances = tolerance.model_dump()
    return {"format": FORMAT, "version": __version__, "ledger": fingerprint, "tolerance": tolerances}


def state_path(output: Path) -> Path:
    return output.with_name(output.name + STATE_SUFFIX)


class StreamJournal:
    """Findings to a stream (stdout) as they come; nothing to resume from."""

    def __init__(self, stream: TextIO):
        self.stream = stream

    def remaining(self, files: list[str]) -> list[str]:
        return list(files)

    def counts(self) -> dict[str, int]:
        return {}

    def write(self, result: DocResult) -> None:
        self.stream.write("".join(line + "\n" for line in result.lines))
        self.stream.flush()

    def close(self) -> None:
        pass


class Journal:
    """The findings file and its state, open for appending after what earlier runs finished."""

    def __init__(self, output: Path, done: dict[str, dict[str, int]], end: int):
        self.output, self.done, self.end = output, done, end
        self._out: BinaryIO = open(output, "ab", buffering=0)  # noqa: SIM115 - closed by close()
        self._state: BinaryIO = open(state_path(output), "ab", buffering=0)  # noqa: SIM115
        self._synced = time.monotonic()

    @classmethod
    def open(cls, output: Path, header: dict, restart: bool = False) -> Journal:
        state = state_path(output)
        if restart:
            for path in (output, state):
                path.unlink(missing_ok=True)
        header_found, records, kept = _read_state(state)
        if header_found is None and output.exists() and output.stat().st_size:
            raise UsageError(
                f"{output}: exists and is not the output of an earlier batch run (no {state.name}); "
                "remove it, choose another -o, or pass --restart"
            )
        if header_found is not None and header_found != header:
            raise UsageError(
                f"{output}: started with another ledger, tolerance or verifier version; "
                "pass --restart to check every document again"
            )
        if header_found is None:
            kept = _write_header(state, header)
        size = output.stat().st_size if output.exists() else 0
        done, end = {}, 0
        for path, counts, record_end, line_end in records:
            if record_end > size:
                break  # its findings did not all reach the disk
            done[path] = counts
            end, kept = record_end, line_end
        _truncate(state, kept)
        _truncate(output, end)
        return cls(output, done, end)

    def remaining(self, files: list[str]) -> list[str]:
        """The files still to check, in order. A finished document no longer among them would leave
        findings in the output that a check of `files` does not give: refused."""
        gone = sorted(set(self.done) - set(files))
        if gone:
            raise UsageError(
                f"{self.output}: holds the findings of {gone[0]}, which is not among the paths now "
                f"({len(gone)} such); pass the same paths as before, or --restart"
            )
        return [path for path in files if path not in self.done]

    def counts(self) -> dict[str, int]:
        total: dict[str, int] = {}
        for counts in self.done.values():
            for verdict, n in counts.items():
                total[verdict] = total.get(verdict, 0) + n
        return total

    def write(self, result: DocResult) -> None:
        data = "".join(line + "\n" for line in result.lines).encode()
        _write_all(self._out, data)
        self.end += len(data)
        record = {"path": result.path, "end": self.end, "counts": result.counts}
        _write_all(self._state, (json.dumps(record, ensure_ascii=False) + "\n").encode())
        self.done[result.path] = result.counts
        if time.monotonic() - self._synced >= SYNC_SECONDS:
            self._sync()

    def close(self) -> None:
        self._sync()
        self._out.close()
        self._state.close()

    def _sync(self) -> None:
        os.fsync(self._out.fileno())  # findings before the records that point past them
        os.fsync(self._state.fileno())
        self._synced = time.monotonic()


def _read_state(state: Path) -> tuple[dict | None, list[tuple[str, dict, int, int]], int]:
    """The header, the records as (path, counts, end, end of their line in the state), and where the
    header's line ends. A last line without its newline was cut short by a kill: it is dropped."""
    try:
        data = state.read_bytes()
    except FileNotFoundError:
        return None, [], 0
    header_end = data.find(b"\n") + 1
    if not header_end:
        return None, [], 0  # killed while writing the header: nothing was checked yet
    lines = data[header_end:].split(b"\n")[:-1]
    records, pos = [], header_end
    try:
        header = json.loads(data[:header_end])
        for line in lines:
            pos += len(line) + 1
            record = json.loads(line)
            records.append((record["path"], record["counts"], int(record["end"]), pos))
    except (ValueError, KeyError, TypeError):
        raise UsageError(f"{state}: not the state of a batch run; remove it, or pass --restart") from None
    return header, records, header_end


def _write_header(state: Path, header: dict) -> int:
    line = (json.dumps(header) + "\n").encode()
    with open(state, "wb") as handle:
        _write_all(handle, line)
        os.fsync(handle.fileno())
    return len(line)


def _truncate(path: Path, size: int) -> None:
    if path.exists() and path.stat().st_size > size:
        os.truncate(path, size)


def _write_all(handle: BinaryIO, data: bytes) -> None:
    # an unbuffered file may write part of a buffer; the rest must follow before the record does
    view = memoryview(data)
    while view:
        view = view[handle.write(view) :]
