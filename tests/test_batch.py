"""`verifier batch` on the local engine: the same findings as `check`, streamed, resumable, exit codes.

The Ray engine runs the same machinery (tests/test_batch_ray.py); these need no Ray."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import pytest
from archive import write_archive
from click.testing import CliRunner

import verifier.archive.batch
from verifier.archive.batch import Progress, run_batch
from verifier.cli import main
from verifier.config import Tolerance

ROOT = Path(__file__).resolve().parent.parent


def cli(*args: str):
    return CliRunner().invoke(main, [*args[:1], "--ledger", str(ROOT), *args[1:]])


def check_lines(*paths: str) -> list[str]:
    result = cli("check", "--format", "jsonl", *paths)
    assert result.exit_code in (0, 1), result.output
    return result.stdout.splitlines()


def by_document(lines: list[str]) -> dict[str, list[str]]:
    """Each document's findings in the order they were written."""
    groups = defaultdict(list)
    for line in lines:
        groups[json.loads(line)["path"]].append(line)
    return dict(groups)


def contiguous(lines: list[str]) -> bool:
    paths = [json.loads(line)["path"] for line in lines]
    starts = [p for i, p in enumerate(paths) if i == 0 or paths[i - 1] != p]
    return len(starts) == len(set(starts))


@pytest.fixture
def archive(tmp_path: Path, monkeypatch) -> list[str]:
    """60 documents under ./archive, named relative to the working directory as a user would."""
    monkeypatch.chdir(tmp_path)
    return [os.path.relpath(p, tmp_path) for p in write_archive(tmp_path / "archive", 60)]


def summary(lines: list[str], resumed: int = 0, documents: int = 60) -> str:
    counts = defaultdict(int)
    for line in lines:
        finding = json.loads(line)
        counts["suppressed" if finding["suppressed"] else finding["verdict"]] += 1
    order = ("inconsistent", "contested", "unverified", "consistent", "suppressed")
    earlier = f" ({resumed} from an earlier run)" if resumed else ""
    parts = ", ".join(f"{counts[v]} {v}" for v in order if counts[v])
    return f"batch: {documents} documents{earlier}: {len(lines)} findings: {parts}\n"


@pytest.mark.parametrize("workers", ["1", "2"])
def test_batch_gives_exactly_checks_findings_each_document_together(archive, workers):
    expected = check_lines("archive")
    result = cli("batch", "archive", "-o", "out.jsonl", "--workers", workers)
    lines = Path("out.jsonl").read_text(encoding="utf-8").splitlines()
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", summary(expected))
    assert sorted(lines) == sorted(expected)
    assert contiguous(lines) and by_document(lines) == by_document(expected)
    verdicts = {json.loads(line)["verdict"] for line in lines}
    assert verdicts == {"consistent", "inconsistent", "contested", "unverified"}
    assert any(json.loads(line)["suppressed"] for line in lines)
    state = Path("out.jsonl.state").read_text().splitlines()
    assert len(state) == 61 and {json.loads(r)["path"] for r in state[1:]} == set(archive)


def test_without_output_findings_stream_to_stdout(archive):
    result = cli("batch", "archive", "--workers", "1")
    assert (result.exit_code, result.stdout.splitlines()) == (1, check_lines("archive"))
    assert not list(Path().glob("*.state"))


def interrupt_after(count: int):
    def progress(state: Progress) -> None:
        if state.checked == count:
            raise KeyboardInterrupt

    return progress


def spy_on_checks(monkeypatch) -> list[str]:
    checked: list[str] = []
    real = verifier.archive.batch.check_document

    def check_document(checker, path, text):
        checked.append(path)
        return real(checker, path, text)

    monkeypatch.setattr(verifier.archive.batch, "check_document", check_document)
    return checked


def test_an_interrupted_run_resumes_without_checking_finished_documents(archive, monkeypatch):
    out = Path("out.jsonl")
    with pytest.raises(KeyboardInterrupt):
        run_batch(archive, ROOT, Tolerance(), output=out, workers=1, progress=interrupt_after(7))
    assert len(out.with_name("out.jsonl.state").read_text().splitlines()) == 1 + 7
    checked = spy_on_checks(monkeypatch)
    state = run_batch(archive, ROOT, Tolerance(), output=out, workers=1)
    assert checked == archive[7:]
    assert (state.total, state.resumed, state.checked) == (60, 7, 53)
    assert sorted(out.read_text(encoding="utf-8").splitlines()) == sorted(check_lines("archive"))


def test_a_killed_run_with_half_written_lines_resumes_consistently(archive, monkeypatch):
    command = [sys.executable, "-m", "verifier", "batch", "--ledger", str(ROOT), "--workers", "1",
               "-o", "out.jsonl", "archive"]  # fmt: skip
    state = Path("out.jsonl.state")
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (not state.exists() or state.read_text().count("\n") < 6):
        time.sleep(0.02)
    child.send_signal(signal.SIGKILL)
    child.wait()
    # as if the kill had struck in the middle of a finding and of a record
    with open("out.jsonl", "ab") as out, open(state, "ab") as record:
        out.write(b'{"check":"verifier.consistent","path":"archive/part-0')
        record.write(b'{"path": "archive/part-005/doc-0')
    finished = [json.loads(line)["path"] for line in state.read_text().splitlines()[1:-1] if line.endswith("}")]
    assert 5 <= len(finished) < 60 and finished == archive[: len(finished)]
    checked = spy_on_checks(monkeypatch)
    result = cli("batch", "archive", "-o", "out.jsonl", "--workers", "1")
    expected = check_lines("archive")
    assert (result.exit_code, result.stderr) == (1, summary(expected, resumed=len(finished)))
    assert checked == archive[len(finished) :]
    lines = Path("out.jsonl").read_text(encoding="utf-8").splitlines()
    assert sorted(lines) == sorted(expected) and contiguous(lines)


def test_a_finished_run_rerun_checks_nothing_and_keeps_its_exit_code(archive, monkeypatch):
    assert cli("batch", "archive", "-o", "out.jsonl", "--workers", "1").exit_code == 1
    checked = spy_on_checks(monkeypatch)
    result = cli("batch", "archive", "-o", "out.jsonl", "--workers", "1")
    assert (result.exit_code, result.stderr) == (1, summary(check_lines("archive"), resumed=60))
    assert checked == []
    restarted = cli("batch", "archive", "-o", "out.jsonl", "--workers", "1", "--restart")
    assert (restarted.exit_code, len(checked)) == (1, 60)


def test_a_bad_document_stops_the_run_and_a_rerun_resumes_once_it_is_fixed(archive, monkeypatch):
    bad = Path(archive[20])
    text = bad.read_bytes()
    bad.write_bytes(b"\xff\xfe not UTF-8")
    result = cli("batch", "archive", "-o", "out.jsonl", "--workers", "1")
    message = f"error: {archive[20]}: not UTF-8 text (invalid byte at offset 0)\n"
    assert (result.exit_code, result.stderr) == (2, message)
    assert len(Path("out.jsonl.state").read_text().splitlines()) == 1 + 20
    bad.write_bytes(text)
    checked = spy_on_checks(monkeypatch)
    assert cli("batch", "archive", "-o", "out.jsonl", "--workers", "1").exit_code == 1
    assert checked == archive[20:]
    assert sorted(Path("out.jsonl").read_text(encoding="utf-8").splitlines()) == sorted(check_lines("archive"))


def test_refuses_to_append_to_a_file_it_did_not_write(archive):
    Path("out.jsonl").write_text("precious\n")
    result = cli("batch", "archive", "-o", "out.jsonl")
    message = (
        "error: out.jsonl: exists and is not the output of an earlier batch run (no out.jsonl.state); "
        "remove it, choose another -o, or pass --restart\n"
    )
    assert (result.exit_code, result.stderr) == (2, message)
    assert Path("out.jsonl").read_text() == "precious\n"


def test_refuses_to_resume_against_a_changed_ledger(archive, tmp_path):
    ledger = tmp_path / "ledger"
    for part in ("claims", "sources"):
        shutil.copytree(ROOT / part, ledger / part)
    args = ["batch", "--ledger", str(ledger), "archive", "-o", "out.jsonl", "--workers", "1"]
    assert CliRunner().invoke(main, args).exit_code == 1
    claims = ledger / "claims" / "ref-jiangsu-facts.yaml"
    claims.write_text(claims.read_text() + "# a reviewer's note\n")
    result = CliRunner().invoke(main, args)
    message = (
        "error: out.jsonl: started with another ledger, tolerance or verifier version; "
        "pass --restart to check every document again\n"
    )
    assert (result.exit_code, result.stderr) == (2, message)


def test_refuses_to_resume_over_other_paths(archive):
    assert cli("batch", "archive", "-o", "out.jsonl", "--workers", "1").exit_code == 1
    result = cli("batch", "archive/part-001", "-o", "out.jsonl")
    message = (
        "error: out.jsonl: holds the findings of archive/part-000/doc-0000.md, which is not among "
        "the paths now (50 such); pass the same paths as before, or --restart\n"
    )
    assert (result.exit_code, result.stderr) == (2, message)


CLEAN = "Jiangsu has a GDP of more than $1 trillion.\n"
WRONG = "Jiangsu's population is roughly 50 million.\n"
UNKNOWN = "Zhejiang's GDP exceeds $1 trillion.\n"


@pytest.mark.parametrize(
    ("text", "options", "code"),
    [
        (CLEAN, [], 0),
        (WRONG, [], 1),
        (WRONG, ["--fail-on", "never"], 0),
        (UNKNOWN, [], 0),
        (UNKNOWN, ["--fail-on", "unverified"], 1),
        (CLEAN + UNKNOWN, ["--fail-on", "contested"], 0),
    ],
)
def test_exit_codes_are_checks(tmp_path, monkeypatch, text, options, code):
    monkeypatch.chdir(tmp_path)
    Path("draft.md").write_text(text)
    result = cli("batch", "draft.md", "--workers", "1", *options)
    assert result.exit_code == code == cli("check", "draft.md", *options).exit_code


def test_usage_and_data_errors_exit_2(archive):
    missing = cli("batch", "nope.md")
    assert (missing.exit_code, missing.stderr) == (2, "error: nope.md: no such file or directory\n")
    address = cli("batch", "archive", "--engine", "local", "--address", "ray://127.0.0.1:10001")
    message = "error: --address names a Ray cluster: use it with --engine ray\n"
    assert (address.exit_code, address.stderr) == (2, message)


def test_engine_ray_without_ray_names_the_extra(archive, monkeypatch):
    monkeypatch.setitem(sys.modules, "ray", None)  # `import ray` raises ImportError, as when not installed
    result = cli("batch", "archive", "--engine", "ray", "-o", "out.jsonl")
    message = "error: --engine ray needs Ray, an optional extra: pip install 'verifier[ray]'\n"
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)
    assert not Path("out.jsonl").exists() and not Path("out.jsonl.state").exists()


def test_the_cli_and_check_never_import_ray(tmp_path):
    code = "import sys, verifier.cli, verifier.archive.batch; print(sorted(m for m in sys.modules if m.split('.')[0] == 'ray'))"
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert found.stdout == "[]\n"


def test_progress_in_a_log_is_a_line_at_the_start_and_the_end(archive):
    result = cli("batch", "archive", "--workers", "1", "--progress", "-o", "out.jsonl")
    lines = result.stderr.splitlines()
    assert re.fullmatch(r"batch: 0/60 documents, \d+\.\d/s, \d:\d\d:\d\d left|batch: 0/60 documents, 0\.0/s", lines[0])
    assert re.fullmatch(r"batch: 60/60 documents, \d+\.\d/s", lines[1])
    assert lines[2:] == [summary(check_lines("archive")).rstrip("\n")]
