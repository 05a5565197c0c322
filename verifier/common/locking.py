"""The lock for a read-modify-write of one ledger file: `.<name>.lock` beside it, there only while held.

Beside the file, so that everyone who can write the file (two terminals, two CI jobs, two users of
a shared folder) takes the same lock, and nobody who cannot write the ledger can plant it (the old
lock had a predictable name in the shared /tmp: another user could create it first, or make it a
symlink). The lock is flock() on that file, opened without following links. The holder removes
the file before it unlocks, and a waiter that then finds it locked a file no longer there tries
again: no lock file is left in the ledger, and two live locks are never on different files.
"""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from verifier.errors import DataError, VerifierError

try:
    import fcntl
except ImportError:  # not POSIX: filelock's lock on the same path, left in place after use
    fcntl = None  # type: ignore[assignment]

_POLL = 0.01


def lock_path(path: Path) -> Path:
    return Path(path).parent / f".{Path(path).name}.lock"


@contextmanager
def locked(path: Path, timeout: float) -> Iterator[None]:
    """Hold the lock of one file; VerifierError when another process holds it for `timeout`
    seconds, DataError when the lock cannot be made (a read-only folder)."""
    lock = lock_path(path)
    if fcntl is None:
        from filelock import FileLock, Timeout

        try:
            with FileLock(str(lock), timeout=timeout):
                yield
        except Timeout:
            raise VerifierError(f"{path}: another process has held its lock for {timeout:g}s") from None
        return
    fd = _acquire(Path(path), lock, timeout)
    try:
        yield
    finally:
        try:
            os.unlink(lock)
        except OSError:
            pass
        os.close(fd)  # closing the file releases the lock


def _acquire(path: Path, lock: Path, timeout: float) -> int:
    deadline = time.monotonic() + timeout
    while True:
        fd = _open(lock)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            if time.monotonic() >= deadline:
                raise VerifierError(f"{path}: another process has held its lock for {timeout:g}s") from None
            time.sleep(_POLL)
            continue
        try:
            current = os.stat(lock, follow_symlinks=False).st_ino
        except OSError:
            current = None
        if current == os.fstat(fd).st_ino:
            return fd
        os.close(fd)  # the holder before us removed it after we opened it: lock the new one


def _open(lock: Path) -> int:
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(lock, flags | getattr(os, "O_CLOEXEC", 0), 0o666)
    except OSError as exc:
        raise DataError(f"cannot lock: {exc.strerror}", path=str(lock), code="lock") from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise DataError("cannot lock: not a regular file", path=str(lock), code="lock")
    return fd
