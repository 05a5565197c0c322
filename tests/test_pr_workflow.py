"""The pull-request workflow: --changed-since, baselines, and the rdjson and JUnit formats."""

from __future__ import annotations

import json
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from verifier.checking.changes import hunk_lines
from verifier.cli import main

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "schemas"
OLD = """\
# Notes

Jiangsu has a GDP of about $500 billion.
Jiangsu is China's most densely populated province.
Jiangsu lies in southwest China.
"""


def check(*args: str, input: str | None = None):
    return CliRunner().invoke(main, ["check", "--ledger", str(ROOT), *args], input=input)


def git(folder: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
        cwd=folder, check=True, capture_output=True,
    )  # fmt: skip


@pytest.fixture
def repo(tmp_path: Path, monkeypatch) -> Path:
    """A git repository whose one commit holds notes.md (OLD)."""
    monkeypatch.chdir(tmp_path)
    git(tmp_path, "init", "-q")
    (tmp_path / "notes.md").write_text(OLD, encoding="utf-8")
    git(tmp_path, "add", "notes.md")
    git(tmp_path, "commit", "-q", "-m", "notes")
    return tmp_path


def findings(result) -> list[tuple[int, str]]:
    return [(f["line"], f["verdict"]) for f in json.loads(result.output)["findings"]]


# ---------------------------------------------------------------- --changed-since


def test_hunk_headers_give_the_added_and_changed_lines():
    diff = "@@ -3 +3 @@\n-a\n+b\n@@ -5,0 +6,2 @@\n+c\n+d\n@@ -9,2 +10,0 @@\n-e\n-f\n"
    assert hunk_lines(diff) == {3, 6, 7}


def test_only_findings_on_changed_lines_are_reported(repo):
    text = OLD.replace("about $500 billion", "about $400 billion") + "Jiangsu's population is roughly 50 million.\n"
    (repo / "notes.md").write_text(text, encoding="utf-8")
    everything = check("notes.md", "--format", "json")
    assert [line for line, _ in findings(everything)] == [3, 4, 5, 6]
    changed = check("notes.md", "--format", "json", "--changed-since", "HEAD")
    assert (changed.exit_code, findings(changed)) == (1, [(3, "inconsistent"), (6, "inconsistent")])
    summary = json.loads(changed.output)["summary"]
    assert (summary["inconsistent"], summary["contested"], summary["consistent"]) == (2, 0, 0)


def test_a_pull_request_that_touches_no_finding_passes(repo):
    (repo / "notes.md").write_text(OLD + "\nWe should all care about cleaner air.\n", encoding="utf-8")
    result = check("notes.md", "--changed-since", "HEAD")
    assert (result.exit_code, result.output) == (0, "No findings in 1 file.\n")


def test_a_file_git_does_not_track_yet_is_new_throughout(repo):
    (repo / "new.md").write_text("Jiangsu has a GDP of about $500 billion.\n", encoding="utf-8")
    result = check("new.md", "--format", "json", "--changed-since", "HEAD")
    assert (result.exit_code, findings(result)) == (1, [(1, "inconsistent")])


def test_a_bad_revision_outside_git_or_stdin_is_a_usage_error(repo, tmp_path_factory):
    bad = check("notes.md", "--changed-since", "no-such-rev")
    assert (bad.exit_code, bad.output) == (
        2, "error: --changed-since: 'no-such-rev' is not a commit of the git repository that holds notes.md\n"
    )
    outside = tmp_path_factory.mktemp("plain") / "d.md"
    outside.write_text(OLD, encoding="utf-8")
    result = check(str(outside), "--changed-since", "HEAD")
    assert (result.exit_code, result.output) == (
        2, f"error: --changed-since: {outside} is not inside a git repository\n"
    )
    stdin = check("-", "--changed-since", "HEAD", input=OLD)
    assert (stdin.exit_code, stdin.output) == (
        2, "error: --changed-since cannot check standard input: git has no history for it\n"
    )


# ---------------------------------------------------------------- baseline


def test_a_baseline_fails_only_on_new_findings(repo):
    written = CliRunner().invoke(main, ["baseline", "write", "base.json", "--ledger", str(ROOT), "notes.md"])
    assert (written.exit_code, written.output) == (0, "recorded 2 findings in base.json\n")
    baseline = json.loads((repo / "base.json").read_text(encoding="utf-8"))
    jsonschema.validate(baseline, json.loads((SCHEMAS / "baseline.schema.json").read_text(encoding="utf-8")))
    assert len(baseline["fingerprints"]) == 2
    # Lines moved: the same findings, still baselined.
    (repo / "notes.md").write_text("Intro.\n\n" + OLD, encoding="utf-8")
    same = check("notes.md", "--baseline", "base.json", "--fail-on", "contested")
    assert same.exit_code == 0
    assert same.output.count("baselined in base.json: reported, but does not fail the run") == 2
    assert same.output.endswith("(2 baselined)\n")
    # A new wrong statement fails, and only it is unmarked.
    (repo / "notes.md").write_text(OLD + "Jiangsu's population is roughly 50 million.\n", encoding="utf-8")
    new = check("notes.md", "--baseline", "base.json", "--format", "json")
    assert new.exit_code == 1
    marks = [(f["line"], f["verdict"], f.get("baselined")) for f in json.loads(new.output)["findings"]]
    assert marks == [(3, "inconsistent", "base.json"), (4, "consistent", None), (5, "contested", "base.json"),
                     (6, "inconsistent", None)]
    sarif = json.loads(check("notes.md", "--baseline", "base.json", "--format", "sarif").output)
    states = [r.get("baselineState") for r in sarif["runs"][0]["results"]]
    assert states == ["unchanged", "unchanged", None]
    github = check("notes.md", "--baseline", "base.json", "--format", "github").output.splitlines()
    assert [line.split("::")[1].split("title=")[1] for line in github] == [
        "verifier%3A inconsistent (baselined)", "verifier%3A contested (baselined)", "verifier%3A inconsistent"
    ]
    rdjson = json.loads(check("notes.md", "--baseline", "base.json", "--format", "rdjson").output)
    assert [d["location"]["range"]["start"]["line"] for d in rdjson["diagnostics"]] == [6]
    html = check("notes.md", "--baseline", "base.json", "--format", "html").output
    assert html.count("baselined in base.json: does not fail") == 2


def test_a_missing_or_malformed_baseline_is_a_data_error(repo):
    missing = check("notes.md", "--baseline", "nope.json")
    assert (missing.exit_code, missing.output) == (
        2, "error: nope.json: no such baseline file (write one with `verifier baseline write`)\n"
    )
    (repo / "bad.json").write_text('{"format": "verifier-baseline/v1", "fingerprints": [1]}', encoding="utf-8")
    bad = check("notes.md", "--baseline", "bad.json")
    assert (bad.exit_code, bad.output) == (2, "error: bad.json: $.fingerprints[0]: Input should be a valid string\n")


# ---------------------------------------------------------------- rdjson and junit


def test_rdjson_for_reviewdog_counts_columns_in_utf8_bytes(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("d.md").write_text("Café talk first. Jiangsu has a GDP of about $500 billion.\n", encoding="utf-8")
    result = check("d.md", "--format", "rdjson")
    data = json.loads(result.output)
    jsonschema.validate(data, json.loads((SCHEMAS / "rdjson.schema.json").read_text(encoding="utf-8")))
    assert result.exit_code == 1
    assert data["source"] == {"name": "verifier"} and data["severity"] == "ERROR"
    gdp = [d for d in data["diagnostics"] if d["severity"] == "ERROR"]
    assert gdp == [{
        "message": 'inconsistent: Jiangsu has a GDP of about $500 billion. — states about $500 billion; the source '
                   'says more than $1 trillion ("has a GDP of more than $1 trillion", ABC News, 2017-06) '
                   "(claim abc17-jiangsu-gdp)",
        "location": {"path": "d.md", "range": {"start": {"line": 1, "column": 19}, "end": {"line": 1, "column": 59}}},
        "severity": "ERROR",
        "code": {"value": "verifier.inconsistent"},
    }]  # fmt: skip
    # The code-point column is 18: "é" takes two bytes.
    assert json.loads(check("d.md", "--format", "json").output)["findings"][-1]["column"] == 18


def test_junit_has_a_suite_per_file_and_a_failure_per_finding_at_the_bar(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("a.md").write_text(OLD + 'Zhejiang\'s GDP \x01exceeds $1 trillion & "more".\n', encoding="utf-8")
    Path("b.md").write_text(
        '<!-- verifier: ignore reason="quoted" -->\nJiangsu has a GDP of about $500 billion.\n', encoding="utf-8"
    )
    result = check("a.md", "b.md", "--format", "junit", "--fail-on", "contested")
    assert result.exit_code == 1
    root = ET.fromstring(result.output.encode("utf-8"))
    assert (root.tag, root.get("tests"), root.get("failures"), root.get("skipped")) == ("testsuites", "5", "2", "1")
    a, b = root.findall("testsuite")
    assert (a.get("name"), a.get("tests"), a.get("failures")) == ("a.md", "4", "2")
    cases = {c.get("name"): c for c in a.findall("testcase")}
    gdp = cases["3:1 Jiangsu has a GDP of about $500 billion. [abc17-jiangsu-gdp]"]
    assert gdp.find("failure").get("type") == "verifier.inconsistent"
    assert gdp.find("failure").get("message").startswith("states about $500 billion; the source says")
    assert cases["5:1 Jiangsu lies in southwest China. [abc17-jiangsu-location]"].find("failure") is not None
    assert cases["4:1 Jiangsu is China's most densely populated province. [abc17-jiangsu-density-rank]"].find(
        "failure") is None  # fmt: skip
    # A control character XML cannot hold is replaced; the rest is escaped by xml.etree.
    assert '6:1 Zhejiang\'s GDP \ufffdexceeds $1 trillion & "more". [verifier.unverified]' in cases
    (skipped,) = b.findall("testcase")
    assert skipped.find("skipped").get("message") == "inconsistent, suppressed: quoted"
    default_bar = ET.fromstring(check("a.md", "--format", "junit").output.encode("utf-8"))
    assert default_bar.get("failures") == "1"
