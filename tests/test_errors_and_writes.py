"""Errors are one line (exit 2 for input and the file system, 3 for a bug); writes are atomic,
durable, locked beside the file and made with the umask's mode."""

from __future__ import annotations

import errno
import os
import threading
import time
from pathlib import Path

import pytest
from helpers import run

from verifier.common import locking, yamlio
from verifier.common.locking import lock_path, locked
from verifier.common.yamlio import write_atomic
from verifier.errors import DataError, VerifierError
from verifier.ledger import validate as validate_mod

ABSENT = "/nonexistent-verifier-dir"


def shift_alpha(root: Path) -> None:
    text = root / "sources" / "alpha.txt"
    text.write_text("Note. " + text.read_text(encoding="utf-8"), encoding="utf-8")


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# ---------------------------------------------------------------- exit codes


def test_an_internal_bug_exits_3_in_one_line_without_a_traceback(tiny_ledger, monkeypatch):
    def boom(root, write):
        raise ValueError("boom\n\x1b[2J")

    monkeypatch.setattr("verifier.cli.ledger_cmds.fix", boom)
    result = run("validate", "--ledger", str(tiny_ledger()), "--fix", "--write")
    assert (result.exit_code, result.stdout) == (3, "")
    assert result.stderr == (
        "error: internal error: ValueError: boom\\n\\x1b[2J (a bug in verifier: please report it; "
        "run with --debug for the traceback)\n"
    )


def test_debug_shows_the_traceback_and_still_exits_3(tiny_ledger, monkeypatch):
    def boom(root, write):
        raise ValueError("boom")

    monkeypatch.setattr("verifier.cli.ledger_cmds.fix", boom)
    result = run("--debug", "validate", "--ledger", str(tiny_ledger()), "--fix", "--write")
    assert result.exit_code == 3
    assert result.stderr.startswith("Traceback (most recent call last):\n")
    assert result.stderr.endswith(
        "ValueError: boom\nerror: internal error: ValueError: boom (a bug in verifier: please report it)\n"
    )


def test_an_unexpected_os_error_is_one_line_and_exit_2(tiny_ledger, monkeypatch):
    def denied(root, write):
        raise PermissionError(errno.EACCES, "Permission denied", "/some/file")

    monkeypatch.setattr("verifier.cli.ledger_cmds.fix", denied)
    result = run("validate", "--ledger", str(tiny_ledger()), "--fix", "--write")
    assert (result.exit_code, result.stderr) == (2, "error: /some/file: Permission denied\n")


# ---------------------------------------------------------------- write failures


def test_export_to_a_missing_folder_is_one_line_and_exit_2(tiny_ledger):
    result = run("export", "--ledger", str(tiny_ledger()), "--format", "csv", "-o", f"{ABSENT}/out.csv")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"error: {ABSENT}/out.csv: cannot write: No such file or directory\n"


def test_a_full_disk_leaves_the_file_as_it_was_and_no_temp_file(tiny_ledger, monkeypatch):
    root = tiny_ledger()
    path = root / "claims" / "jiangsu.yaml"
    before, names = path.read_bytes(), listing(root / "claims")

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(yamlio.os, "fsync", full)
    result = run("review", "--ledger", str(root), "jiangsu-location", "--status", "verified", "--note", "ok")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"error: {path}: cannot write: No space left on device\n"
    assert path.read_bytes() == before and listing(root / "claims") == names


def _denied(*args, **kwargs):
    raise PermissionError(errno.EACCES, "Permission denied")


def test_a_read_only_ledger_is_one_line_and_exit_2(tiny_ledger, monkeypatch):
    """A folder that refuses new files refuses the lock first (root writes anyway, so the refusal is
    simulated where the file system would give it)."""
    root = tiny_ledger()
    path = root / "claims" / "jiangsu.yaml"
    before = path.read_bytes()
    real_open = os.open

    def no_new_files(file, flags, *args, **kwargs):
        if flags & os.O_CREAT:
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_open(file, flags, *args, **kwargs)

    monkeypatch.setattr(locking.os, "open", no_new_files)  # the os module: every open() in verifier
    result = run("review", "--ledger", str(root), "jiangsu-location", "--status", "verified", "--note", "ok")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"error: {lock_path(path)}: cannot lock: Permission denied\n"
    assert path.read_bytes() == before


def test_a_file_that_cannot_be_replaced_is_one_line_and_exit_2(tiny_ledger, monkeypatch):
    root = tiny_ledger()
    path = root / "claims" / "jiangsu.yaml"
    before, names = path.read_bytes(), listing(root / "claims")
    monkeypatch.setattr("tempfile.mkstemp", _denied)  # yamlio imports tempfile when it writes
    result = run("review", "--ledger", str(root), "jiangsu-location", "--status", "verified", "--note", "ok")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"error: {path}: cannot write: Permission denied\n"
    assert path.read_bytes() == before and listing(root / "claims") == names


def test_writes_sync_the_data_before_the_rename(tmp_path, monkeypatch):
    calls = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(yamlio.os, "fsync", lambda fd: calls.append("fsync") or real_fsync(fd))
    monkeypatch.setattr(yamlio.os, "replace", lambda a, b: calls.append("replace") or real_replace(a, b))
    write_atomic(tmp_path / "x.yaml", "a: 1\n")
    assert calls[:2] == ["fsync", "replace"]  # then the folder is synced, where the system allows
    assert (tmp_path / "x.yaml").read_text() == "a: 1\n"


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_a_new_file_gets_the_umasks_mode_and_a_replaced_one_keeps_its_own(tmp_path, umask, mode):
    old = os.umask(umask)
    try:
        write_atomic(tmp_path / "new.yaml", "a: 1\n")
        kept = tmp_path / "kept.yaml"
        kept.write_text("a: 0\n")
        kept.chmod(0o640)
        write_atomic(kept, "a: 1\n")
    finally:
        os.umask(old)
    assert (tmp_path / "new.yaml").stat().st_mode & 0o777 == mode
    assert kept.stat().st_mode & 0o777 == 0o640


# ---------------------------------------------------------------- locks


def test_the_lock_is_beside_the_file_and_gone_after(tmp_path):
    path = tmp_path / "claims.yaml"
    with locked(path, timeout=1):
        assert listing(tmp_path) == [".claims.yaml.lock"]
    assert listing(tmp_path) == []


def test_a_held_lock_times_out_with_one_line(tmp_path):
    path = tmp_path / "claims.yaml"
    with locked(path, timeout=1), pytest.raises(VerifierError) as caught, locked(path, timeout=0.2):
        pass
    assert str(caught.value) == f"{path}: another process has held its lock for 0.2s"


def test_a_planted_symlink_as_the_lock_is_refused(tmp_path):
    path = tmp_path / "claims.yaml"
    lock_path(path).symlink_to(tmp_path / "elsewhere")
    with pytest.raises(DataError) as caught, locked(path, timeout=1):
        pass
    assert str(caught.value) == f"{lock_path(path)}: cannot lock: Too many levels of symbolic links"
    assert not (tmp_path / "elsewhere").exists()


def test_validate_fix_write_waits_for_the_files_lock(tiny_ledger):
    root = tiny_ledger()
    shift_alpha(root)
    claims = root / "claims" / "jiangsu.yaml"
    before = claims.read_bytes()
    done = []
    with locked(claims, timeout=1):
        worker = threading.Thread(target=lambda: done.append(validate_mod.fix(root, write=True)))
        worker.start()
        time.sleep(0.5)
        assert claims.read_bytes() == before and not done  # waiting for the lock
    worker.join(10)
    assert len(done[0]) == 4 and claims.read_bytes() != before
    assert run("validate", "--ledger", str(root)).exit_code == 0


def test_validate_fix_write_does_not_overwrite_a_file_changed_meanwhile(tiny_ledger):
    root = tiny_ledger()
    shift_alpha(root)
    run_ = validate_mod._inspect(root)
    claims = root / "claims" / "jiangsu.yaml"
    claims.write_text(claims.read_text(encoding="utf-8") + "# edited by someone else\n", encoding="utf-8")
    changed = claims.read_bytes()
    with pytest.raises(DataError) as caught:
        validate_mod._apply(run_.fixes, run_.read_as)
    assert str(caught.value) == "claims/jiangsu.yaml: changed while it was being validated: not fixed; run again"
    assert claims.read_bytes() == changed


# ---------------------------------------------------------------- what held, still held


def test_reviews_from_separate_processes_all_land(tiny_ledger):
    """The flock is per open file, so processes exclude each other as threads do."""
    import subprocess
    import sys

    from verifier.ledger.load import load_ledger

    root = tiny_ledger()
    ids = ["jiangsu-location", "jiangsu-population", "jiangsu-gdp-2016"]  # all in claims/jiangsu.yaml
    procs = [
        subprocess.Popen([sys.executable, "-m", "verifier", "review", "--ledger", str(root), claim_id,
                          "--status", "disputed", "--note", f"note {claim_id}", "--date", "2024-06-01"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for claim_id in ids
    ]  # fmt: skip
    outputs = [p.communicate(timeout=60) for p in procs]  # waits, and closes the pipes
    assert [p.returncode for p in procs] == [0, 0, 0], outputs
    after = load_ledger(root)
    assert [after.claim(i).review.note for i in ids] == [f"note {i}" for i in ids]
    assert listing(root / "claims") == ["jiangsu.yaml", "pact.yaml"]


def test_kill_9_in_the_write_window_leaves_the_old_or_the_new_file(tmp_path):
    import signal
    import subprocess
    import sys

    path = tmp_path / "claims.yaml"
    old, new = "a: " + "x" * 2_000_000 + "\n", "a: " + "y" * 2_000_000 + "\n"
    path.write_text(old, encoding="utf-8")
    writer = (
        "import sys\nfrom pathlib import Path\nfrom verifier.common.yamlio import write_atomic\n"
        f"p = Path({str(path)!r})\n"
        "texts = ['a: ' + c * 2_000_000 + '\\n' for c in sys.argv[1:]]\n"
        "write_atomic(p, texts[0])\nprint('writing', flush=True)\n"
        "for i in range(1, 10**6):\n    write_atomic(p, texts[i % 2])\n"
    )
    for delay in (0.0, 0.013, 0.05, 0.13, 0.21):
        proc = subprocess.Popen([sys.executable, "-c", writer, "y", "x"], stdout=subprocess.PIPE, text=True)
        assert proc.stdout.readline() == "writing\n"  # in the write loop from here on
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        assert path.read_text(encoding="utf-8") in (old, new)
    # a killed writer may leave its temp file, never a half-written claims file
    assert all(p.name == "claims.yaml" or p.name.endswith(".tmp") for p in tmp_path.iterdir())
