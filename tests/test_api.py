"""The public API (`import verifier`): the README's example runs, and each job gives what the CLI gives."""

from __future__ import annotations

import inspect
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import run

import verifier

ROOT = Path(__file__).resolve().parent.parent
GDP_WRONG = "Jiangsu has a GDP of about $500 billion."  # the repository's own ledger says over $1 trillion
TINY_WRONG = "Jiangsu has about 50 million people."  # tests/fixtures/ledgers/tiny says about 80 million


def test_readme_python_example_runs(monkeypatch, capsys):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## Python API\n.*?```python\n(.*?)```", readme, re.S).group(1)
    monkeypatch.chdir(ROOT)
    exec(compile(block, "README.md", "exec"), {})
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("inconsistent - states roughly 50 million; the source says 84.75 million people")
    assert out[1] == "consistent=7 inconsistent=3 contested=1 unverified=3 suppressed=0"


def test_import_verifier_loads_no_submodule():
    code = "import sys, verifier; print(sorted(m for m in sys.modules if m.startswith('verifier')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['verifier']"


def test_check_text_names_the_path_given_and_writes_no_cache(tiny_ledger):
    root = tiny_ledger()
    report = verifier.check(TINY_WRONG, ledger=root, path="notes.md")
    assert report.files == ["notes.md"]
    assert [(f.path, f.line, f.verdict) for f in report.findings] == [("notes.md", 1, "inconsistent")]
    assert report.findings[0].claim.id == "jiangsu-population"
    assert not (root / ".verifier-cache").exists()


def test_check_with_cache_true_writes_the_index_cache(tiny_ledger):
    root = tiny_ledger()
    first = verifier.check(TINY_WRONG, ledger=root, cache=True)
    assert any((root / ".verifier-cache").glob("index-*.npz"))
    assert first.summary.inconsistent == 1
    assert verifier.check(TINY_WRONG, ledger=root, cache=True) == first


def test_check_files_gives_the_cli_json_report(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("a.md").write_text(GDP_WRONG + "\n", encoding="utf-8")
    Path("b.md").write_text("Jiangsu has a population of 85 million people.\n", encoding="utf-8")
    report = verifier.check([Path("b.md"), "a.md"], ledger=ROOT)
    cli = run("check", "--ledger", str(ROOT), "--format", "json", "a.md", "b.md")
    assert report.files == ["a.md", "b.md"]
    assert report.model_dump(mode="json") == json.loads(cli.output)
    assert verifier.check(Path("a.md"), ledger=ROOT).summary.inconsistent == 1


def test_check_accepts_a_loaded_ledger(tiny_ledger):
    ledger = verifier.load_ledger(tiny_ledger())
    assert [c.id for c in ledger.claims][:2] == ["jiangsu-location", "jiangsu-population"]
    assert verifier.check(TINY_WRONG, ledger=ledger).summary.inconsistent == 1


def test_errors_are_raised_as_verifier_errors(tmp_path):
    with pytest.raises(verifier.VerifierError) as caught:
        verifier.check([tmp_path / "missing.md"], ledger=ROOT)
    assert str(caught.value) == f"{tmp_path / 'missing.md'}: no such file or directory"
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / "bad.yaml").write_text("claims: [\n", encoding="utf-8")
    with pytest.raises(verifier.VerifierError) as caught:
        verifier.load_ledger(tmp_path)
    assert str(caught.value) == "claims/bad.yaml:2: malformed YAML: expected the node content, but found '<stream end>'"


def test_validate_lists_problems_and_is_a_plain_function(tiny_ledger):
    root = tiny_ledger()
    assert inspect.isfunction(verifier.validate) and inspect.isfunction(verifier.extract)
    assert verifier.validate(root) == []
    text = (root / "sources" / "alpha.txt").read_text(encoding="utf-8")
    (root / "sources" / "alpha.txt").write_text("Intro. " + text, encoding="utf-8")
    problems = [str(p) for p in verifier.validate(root)]
    assert problems == [line for line in run("validate", "--ledger", str(root)).output.splitlines()[:-1]]
    from verifier.ledger.validate import Problem

    assert all(isinstance(p, Problem) for p in verifier.validate(root))


def test_extract_proposes_what_the_cli_prints(tiny_ledger):
    root = tiny_ledger()
    proposals = verifier.extract("alpha", ledger=root)
    cli = json.loads(run("extract", "alpha", "--ledger", str(root), "--format", "json").output)
    assert [c.statement for c in proposals] == [c["statement"] for c in cli]
    assert proposals and not list((root / "claims").glob("alpha.yaml"))


def test_a_checker_loads_once_and_gives_checks_findings_for_each_text():
    loaded = verifier.checker(ROOT)
    texts = ["Jiangsu's population is roughly 50 million.", "Jiangsu lies in southwest China."]
    for text in texts:
        assert loaded.check_text(text, "d.md") == verifier.check(text, ledger=ROOT, path="d.md").findings
    assert [f.verdict for f in loaded.check_text(texts[1], "d.md")] == ["contested"]
