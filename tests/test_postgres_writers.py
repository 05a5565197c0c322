"""Writers of a PostgreSQL ledger in separate processes: concurrent reviews, a killed import, a
dropped connection. Each write ends by bumping verifier_meta.version, so a test that holds that
row's lock holds a writer mid-transaction, with all its rows sent and none committed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

try:
    import psycopg
except ImportError:  # the pg_url fixture skips these tests, or under CI fails them
    psycopg = None
from helpers import run

REPO = Path(__file__).resolve().parent.parent


def _verifier(*args: str) -> subprocess.Popen:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.Popen([sys.executable, "-m", "verifier", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)  # fmt: skip


def _finish(procs: list[subprocess.Popen]) -> list[tuple[int, str, str]]:
    outputs = [p.communicate(timeout=120) for p in procs]
    return [(p.returncode, *out) for p, out in zip(procs, outputs, strict=True)]


def _connect(url: str):
    # a test waits for nothing forever: a lock it should not meet fails it within a minute
    return psycopg.connect(url, options="-c statement_timeout=60000 -c lock_timeout=60000")


def _count(url: str, table: str) -> int:
    with _connect(url) as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def _versions(url: str) -> dict[str, int]:
    with _connect(url) as conn:
        return dict(conn.execute("SELECT id, version FROM verifier_claims").fetchall())


def test_concurrent_reviews_of_different_claims_all_land(pg_url):
    assert run("import", str(REPO), "--format", "ledger", "--ledger", pg_url).exit_code == 0
    ids = sorted(_versions(pg_url))[:6]
    procs = [_verifier("review", cid, "--status", "verified", "--note", f"checked {cid}", "--by", f"editor{i}",
                       "--ledger", pg_url) for i, cid in enumerate(ids)]  # fmt: skip
    results = _finish(procs)
    assert [r[0] for r in results] == [0] * 6, results
    with _connect(pg_url) as conn:
        rows = conn.execute(
            "SELECT id, status, version, record::json->'review'->>'by' FROM verifier_claims WHERE id = ANY(%s)",
            (ids,),
        ).fetchall()
        meta = conn.execute("SELECT version FROM verifier_meta").fetchone()[0]
    assert sorted(rows) == [(cid, "verified", 2, f"editor{i}") for i, cid in enumerate(ids)]
    assert meta == 1 + 6  # the import, then one bump per review


def test_concurrent_reviews_of_one_claim_at_one_version_one_wins_the_others_are_refused(pg_url, tiny_ledger):
    assert run("import", str(tiny_ledger()), "--format", "ledger", "--ledger", pg_url).exit_code == 0
    procs = [_verifier("review", "pact-signing", "--status", "verified", "--note", f"editor {i}",
                       "--if-version", "1", "--ledger", pg_url) for i in range(4)]  # fmt: skip
    results = _finish(procs)
    assert sorted(r[0] for r in results) == [0, 2, 2, 2], results
    refused = [r[2] for r in results if r[0] == 2]
    assert all(
        e == f"error: {pg_url}: claim 'pact-signing' was changed by someone else (version 1 was reviewed, it is "
        "now version 2); review refused: look at it again (verifier claims show pact-signing)\n"
        for e in refused
    ), refused
    winner = next(r[1] for r in results if r[0] == 0)
    note = run("claims", "show", "pact-signing", "--ledger", pg_url).output
    assert winner == f"pact-signing: verified (version 2 in {pg_url})\n"
    assert _versions(pg_url)["pact-signing"] == 2 and "review:    on " in note


def _held_writer(pg_url: str, args: list[str]):
    """Start a writer while this test holds the version row: it blocks there, mid-transaction.
    Returns the writer, the holding connection and the writer's backend pid."""
    assert run("claims", "list", "--ledger", pg_url).exit_code == 0  # the tables exist
    holder = _connect(pg_url)
    holder.execute("SELECT version FROM verifier_meta FOR UPDATE")
    proc = _verifier(*args)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with _connect(pg_url) as watch:  # not the holder's: its transaction sees one stats snapshot
            row = watch.execute(
                "SELECT pid FROM pg_stat_activity WHERE application_name = 'verifier' AND wait_event_type = 'Lock'"
            ).fetchone()
        if row:
            return proc, holder, row[0]
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.05)
    proc.kill()
    pytest.fail("the writer never reached the version row")


def test_a_writer_killed_mid_import_leaves_nothing_half_written(pg_url):
    proc, holder, _pid = _held_writer(pg_url, ["import", str(REPO), "--format", "ledger", "--ledger", pg_url])
    with holder:
        # everything is sent but not committed: nobody else sees any of it
        assert _count(pg_url, "verifier_claims") == 0
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        holder.rollback()
    assert proc.returncode == -signal.SIGKILL
    deadline = time.monotonic() + 30
    while _count(pg_url, "pg_stat_activity WHERE application_name = 'verifier'") and time.monotonic() < deadline:
        time.sleep(0.05)  # the server notices the dead client and rolls its transaction back
    assert [_count(pg_url, t) for t in ("verifier_claims", "verifier_sources", "verifier_files")] == [0, 0, 0]
    again = run("import", str(REPO), "--format", "ledger", "--ledger", pg_url)
    assert (again.exit_code, again.output) == (0, f"imported 87 claims and 4 sources from {REPO}\n")


def test_a_dropped_connection_is_one_clear_error_exit_2_and_nothing_written(pg_url):
    proc, holder, pid = _held_writer(pg_url, ["import", str(REPO), "--format", "ledger", "--ledger", pg_url])
    with holder:
        holder.execute("SELECT pg_terminate_backend(%s)", (pid,))
        code, out, err = proc.wait(timeout=60), *proc.communicate(timeout=60)
        holder.rollback()
    assert (code, out) == (2, "")
    assert err == (
        f"error: {pg_url}: PostgreSQL: the connection was lost: terminating connection due to administrator "
        "command\n"
    )
    assert _count(pg_url, "verifier_claims") == 0 and _count(pg_url, "verifier_files") == 0


def test_a_stopped_server_is_one_clear_error_exit_2(pg_url, pg_cluster, tiny_ledger):
    # not this session's cluster: a second one, stopped under a running review
    import pgcluster

    other = pgcluster.start("ledger")
    url = other.url("ledger")
    try:
        assert run("import", str(tiny_ledger()), "--format", "ledger", "--ledger", url).exit_code == 0
        proc, holder, _pid = _held_writer(url, ["review", "pact-signing", "--status", "verified", "--note", "n",
                                                "--ledger", url])  # fmt: skip
        other.run("pg_ctl", "-D", str(other.folder / "data"), "-m", "fast", "-w", "stop")
        code, out, err = proc.wait(timeout=60), *proc.communicate(timeout=60)
        holder.close()
    finally:
        other.stop()
    assert (code, out) == (2, "")
    assert err.startswith(f"error: {url}: PostgreSQL: the connection was lost: ") and err.count("\n") == 1
