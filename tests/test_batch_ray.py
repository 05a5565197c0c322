"""`verifier batch` on a real Ray cluster, started here with `ray start` on the loopback address,
against `check`'s findings; and a run that starts and stops its own Ray, as a user's does.

Ray is an optional extra: without it these tests skip, except in CI (CI set), where they must run
and so fail. The cluster serves the whole module (starting one takes about ten seconds), and is
stopped by its process group, which only these tests made. Its token authentication is off: it
listens on 127.0.0.1 only, and Ray Client (ray://) 2.60 was refused by a head that required a token."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from archive import write_archive
from test_batch import ROOT, check_lines, cli, contiguous, interrupt_after, summary

from verifier.archive.batch import run_batch
from verifier.config import Tolerance


def need_ray() -> None:
    try:
        import ray  # noqa: F401
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("ray is not installed, and CI must run the Ray tests: pip install -e '.[test,ray]'")
        pytest.skip("ray is not installed (pip install -e '.[ray]'); CI installs it and runs these tests")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, head: subprocess.Popen, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and head.poll() is None:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError(f"the Ray head did not listen on {port} (exit code {head.poll()})")


@pytest.fixture(scope="module")
def cluster():
    """A one-node Ray cluster on 127.0.0.1 with 2 CPUs; yields its Ray Client address."""
    need_ray()
    gcs, client = free_port(), free_port()
    temp = tempfile.mkdtemp(prefix="vtest-ray-", dir="/tmp")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("RAY_AUTH_MODE", "disabled")
        # The head's Ray Client proxier forks a server for each client from a process busy with gRPC
        # threads; gRPC's fork handlers then sometimes kill that child before it runs, and the connect
        # fails ("Starting Ray client server failed", or psutil.ZombieProcess from the proxier's wait
        # loop: ray-project/ray#63202). The proxier execs right after the fork and needs no fork support.
        env = {**os.environ, "GRPC_ENABLE_FORK_SUPPORT": "false"}
        command = [str(Path(sys.executable).with_name("ray")), "start", "--head", "--block",
                   "--node-ip-address=127.0.0.1", f"--port={gcs}", f"--ray-client-server-port={client}",
                   "--num-cpus=2", "--include-dashboard=false", f"--temp-dir={temp}", "--disable-usage-stats"]  # fmt: skip
        head = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, start_new_session=True
        )
        try:
            wait_for_port(client, head)
            yield f"ray://127.0.0.1:{client}"
        finally:
            stop(head)
            shutil.rmtree(temp, ignore_errors=True)


def stop(head: subprocess.Popen) -> None:
    """The head and every process it started: they share its new session's process group."""
    for sig, grace in ((signal.SIGTERM, 3), (signal.SIGKILL, 10)):
        try:
            os.killpg(head.pid, sig)
        except ProcessLookupError:
            return
        try:
            head.wait(grace)
        except subprocess.TimeoutExpired:
            continue


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> tuple[Path, list[str], list[str]]:
    """300 documents, their paths, and what `check --format jsonl` says of them: made once."""
    folder = tmp_path_factory.mktemp("archive")
    paths = [os.path.relpath(p, folder) for p in write_archive(folder / "archive", 300)]
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(folder)
        return folder, paths, check_lines("archive")


@pytest.fixture
def archive(made, monkeypatch) -> list[str]:
    monkeypatch.chdir(made[0])  # documents named relative to where the user works, as check names them
    return made[1]


def test_a_cluster_gives_exactly_checks_findings_on_300_documents(cluster, made, archive, tmp_path):
    expected, out = made[2], tmp_path / "out.jsonl"
    result = cli("batch", "archive", "--address", cluster, "-o", str(out))
    lines = out.read_text(encoding="utf-8").splitlines()
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", summary(expected, documents=300))
    assert len(lines) > 600 and sorted(lines) == sorted(expected) and contiguous(lines)


def test_a_cluster_run_resumes_after_an_interruption(cluster, made, archive, tmp_path):
    paths, out = archive[:120], tmp_path / "out.jsonl"
    with pytest.raises(KeyboardInterrupt):
        run_batch(
            paths, ROOT, Tolerance(), output=out, engine="ray", address=cluster, progress=interrupt_after(30)
        )
    finished = [json.loads(r)["path"] for r in out.with_name("out.jsonl.state").read_text().splitlines()[1:]]
    assert len(finished) == 30
    state = run_batch(paths, ROOT, Tolerance(), output=out, engine="ray", address=cluster)
    assert (state.total, state.resumed, state.checked) == (120, 30, 90)
    lines = out.read_text(encoding="utf-8").splitlines()
    expected = [line for line in made[2] if json.loads(line)["path"] in set(paths)]
    assert sorted(lines) == sorted(expected) and contiguous(lines)
    assert set(finished) <= {json.loads(line)["path"] for line in lines}


def test_more_workers_than_the_cluster_has_cpus_is_refused(cluster, archive):
    result = cli("batch", "archive", "--address", cluster, "--workers", "3")
    assert (result.exit_code, result.stderr) == (2, "error: --workers 3: the Ray cluster has 2 CPUs\n")


def test_a_run_starts_its_own_ray_and_cleans_up(tmp_path, monkeypatch):
    need_ray()
    monkeypatch.chdir(tmp_path)
    paths = [os.path.relpath(p, tmp_path) for p in write_archive(tmp_path / "archive", 20, seed=3)]
    # Ray's folder goes in TMPDIR: a private one, so that another test session's run on this machine,
    # making its own folder in /tmp meanwhile, is not taken for this run's leftovers
    temp = tempfile.mkdtemp(prefix="vt-", dir="/tmp")
    monkeypatch.setenv("TMPDIR", temp)
    command = [sys.executable, "-m", "verifier", "batch", "--ledger", str(ROOT), "--engine", "ray",
               "--workers", "2", "archive"]  # fmt: skip
    try:
        run = subprocess.run(command, capture_output=True, text=True, timeout=240)
        left = os.listdir(temp)
    finally:
        shutil.rmtree(temp, ignore_errors=True)
    expected = check_lines(*paths)
    assert (run.returncode, run.stderr) == (1, summary(expected, documents=20))  # no Ray chatter
    assert sorted(run.stdout.splitlines()) == sorted(expected)
    assert left == []
