"""`verifier batch --engine ray` on a real Ray started on this machine, against `check`'s findings.

Ray is an optional extra: without it these tests skip, except in CI (CI set), where they must run
and so fail. One Ray instance serves the whole module (starting one takes about ten seconds);
the subprocess test starts and stops its own, as a user's run does."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from archive import write_archive
from test_batch import ROOT, check_lines, cli, contiguous, interrupt_after, summary

from verifier.batch import run_batch
from verifier.config import Tolerance


@pytest.fixture(scope="module")
def ray_session():
    try:
        import ray
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("ray is not installed, and CI must run the Ray tests: pip install -e '.[test,ray]'")
        pytest.skip("ray is not installed (pip install -e '.[ray]'); CI installs it and runs these tests")
    temp = tempfile.mkdtemp(prefix="vtest-ray-", dir="/tmp")
    ray.init(address="local", num_cpus=2, include_dashboard=False, log_to_driver=False,
             logging_level="ERROR", _temp_dir=temp)  # fmt: skip
    yield ray
    ray.shutdown()


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


def test_ray_gives_exactly_checks_findings_on_300_documents(ray_session, made, archive, tmp_path):
    expected, out = made[2], tmp_path / "out.jsonl"
    result = cli("batch", "archive", "--engine", "ray", "-o", str(out))
    lines = out.read_text(encoding="utf-8").splitlines()
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", summary(expected, documents=300))
    assert len(lines) > 600 and sorted(lines) == sorted(expected) and contiguous(lines)
    assert ray_session.is_initialized()  # a Ray the run did not start is left running


def test_ray_resumes_an_interrupted_run(ray_session, made, archive, tmp_path):
    out = tmp_path / "out.jsonl"
    with pytest.raises(KeyboardInterrupt):
        run_batch(archive, ROOT, Tolerance(), output=out, engine="ray", progress=interrupt_after(40))
    finished = [json.loads(r)["path"] for r in out.with_name("out.jsonl.state").read_text().splitlines()[1:]]
    assert len(finished) == 40
    state = run_batch(archive, ROOT, Tolerance(), output=out, engine="ray")
    assert (state.total, state.resumed, state.checked) == (300, 40, 260)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert sorted(lines) == sorted(made[2]) and contiguous(lines)
    assert set(finished) <= {json.loads(line)["path"] for line in lines}


def test_more_workers_than_the_cluster_has_cpus_is_refused(ray_session, archive):
    result = cli("batch", "archive", "--engine", "ray", "--workers", "3")
    assert (result.exit_code, result.stderr) == (2, "error: --workers 3: the Ray cluster has 2 CPUs\n")


def test_a_run_starts_its_own_ray_and_cleans_up(ray_session, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    paths = [os.path.relpath(p, tmp_path) for p in write_archive(tmp_path / "archive", 20, seed=3)]
    before = set(Path("/tmp").glob("vray-*"))
    command = [sys.executable, "-m", "verifier", "batch", "--ledger", str(ROOT), "--engine", "ray",
               "--workers", "2", "archive"]  # fmt: skip
    run = subprocess.run(command, capture_output=True, text=True, timeout=240)
    expected = check_lines(*paths)
    assert (run.returncode, run.stderr) == (1, summary(expected, documents=20))  # no Ray chatter
    assert sorted(run.stdout.splitlines()) == sorted(expected)
    assert set(Path("/tmp").glob("vray-*")) == before
