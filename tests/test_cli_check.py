"""`verifier check` end to end: exact output, positions, formats and exit codes."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from verifier.cli import main

ROOT = Path(__file__).resolve().parent.parent
GDP_WRONG = "Jiangsu has a GDP of about $500 billion.\n"
GDP_REASON = (
    'states about $500 billion; the source says more than $1 trillion '
    '("has a GDP of more than $1 trillion", ABC News, 2017-06)'
)


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(main, ["check", "--ledger", str(ROOT), *args], input=input)


@pytest.fixture
def draft(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    def write(text: str, name: str = "draft.md") -> str:
        (tmp_path / name).write_text(text, encoding="utf-8")
        return name

    return write


def test_text_output_puts_the_statement_beside_the_source(draft):
    result = run(draft(GDP_WRONG))
    assert result.exit_code == 1
    assert result.output == (
        "draft.md\n"
        "  1:1  inconsistent  Jiangsu has a GDP of about $500 billion.\n"
        f"      {GDP_REASON}\n"
        '      source: "has a GDP of more than $1 trillion" — ABC News, 2017-06 '
        "[abc-2017-06-jiangsu-pact 803-837] (claim abc17-jiangsu-gdp)\n"
        "\n"
        "1 finding in 1 file: 1 inconsistent\n"
    )


def test_demo_draft_json_report_validates_and_counts(monkeypatch):
    monkeypatch.chdir(ROOT)
    result = run("examples/draft.md", "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.output)
    schema = json.loads((ROOT / "schemas" / "report.schema.json").read_text())
    jsonschema.validate(report, schema)
    assert report["summary"] == {"consistent": 7, "inconsistent": 3, "contested": 1, "unverified": 3,
                                 "suppressed": 0}  # fmt: skip
    got = [
        (f["line"], f["column"], f["end_line"], f["end_column"], f["verdict"], f["claim"]["id"] if f["claim"] else None)
        for f in report["findings"]
    ]
    # Every finding, in order: the heading (line 5), the opinion (19) and the code block (27) give none.
    assert got == [
        (7, 1, 7, 79, "unverified", None),
        (8, 1, 8, 44, "consistent", "abc17-jiangsu-gdp"),
        (8, 45, 9, 56, "consistent", "ref-jiangsu-population-2020"),
        (8, 45, 9, 56, "consistent", "abc17-jiangsu-density-rank"),
        (10, 1, 10, 44, "inconsistent", "ref-jiangsu-population-2020"),
        (11, 1, 11, 33, "contested", "abc17-jiangsu-location"),
        (15, 1, 15, 73, "consistent", "iclei16-who-outdoor-deaths"),
        (16, 1, 16, 83, "inconsistent", "iclei16-who-indoor-deaths"),
        (17, 1, 17, 86, "consistent", "abc17-us-dangerous-air-population"),
        (18, 1, 18, 86, "unverified", None),
        (23, 3, 23, 62, "inconsistent", "abc17-schwarzenegger-term"),
        (24, 3, 24, 78, "consistent", "iclei16-summit-date"),
        (24, 3, 24, 78, "consistent", "iclei16-summit-place"),
        (25, 3, 25, 38, "unverified", None),
    ]


@pytest.mark.parametrize(
    ("text", "fail_on", "code"),
    [
        (GDP_WRONG, None, 1),
        (GDP_WRONG, "never", 0),
        ("Jiangsu lies in southwest China.\n", None, 0),
        ("Jiangsu lies in southwest China.\n", "contested", 1),
        ("Guangdong has a GDP of more than $1 trillion.\n", "contested", 0),
        ("Guangdong has a GDP of more than $1 trillion.\n", "unverified", 1),
        ("Nearly 125 million Americans live in counties with dangerous levels of air pollution.\n", "unverified", 0),
    ],
)
def test_exit_code_follows_fail_on(draft, text, fail_on, code):
    args = [draft(text)] + (["--fail-on", fail_on] if fail_on else [])
    assert run(*args).exit_code == code


def test_stdin_and_github_annotations(draft):
    result = run("-", "--format", "github", input=GDP_WRONG)
    assert result.exit_code == 1
    assert result.output == f"::error title=verifier%3A inconsistent::{GDP_REASON} (claim abc17-jiangsu-gdp)\n"


def test_github_annotation_has_file_and_position(draft):
    result = run(draft("Intro.\n\n" + GDP_WRONG), "--format", "github")
    assert result.output.startswith(
        "::error file=draft.md,line=3,col=1,endLine=3,endColumn=41,title=verifier%3A inconsistent::"
    )


def test_jsonl_is_one_finding_a_line(draft):
    result = run(draft(GDP_WRONG + "Jiangsu lies in southwest China.\n"), "--format", "jsonl")
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert [(f["verdict"], f["claim"]["id"]) for f in lines] == [
        ("inconsistent", "abc17-jiangsu-gdp"),
        ("contested", "abc17-jiangsu-location"),
    ]


def test_sarif_points_at_the_draft_and_the_source_span(draft):
    result = run(draft(GDP_WRONG), "--format", "sarif")
    sarif = json.loads(result.output)
    [res] = sarif["runs"][0]["results"]
    assert res["ruleId"] == "verifier.inconsistent" and res["level"] == "error"
    region = res["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endLine"], region["endColumn"]) == (1, 1, 1, 41)
    related = res["relatedLocations"][0]["physicalLocation"]
    # named from the folder the command ran in, like the draft, so one base serves both
    assert related["artifactLocation"]["uri"] == Path(os.path.relpath(ROOT / "sources/abc-2017-06-jiangsu-pact.txt")).as_posix()
    assert related["region"]["charOffset"] == 803 and related["region"]["charLength"] == 34


def test_inline_ignore_with_a_reason_suppresses(draft):
    text = '<!-- verifier: ignore abc17-jiangsu-gdp reason="quoting an old estimate" -->\n' + GDP_WRONG
    result = run(draft(text))
    assert (result.exit_code, result.output) == (0, "No findings in 1 file (1 suppressed).\n")


def test_ignore_for_another_claim_does_not_suppress(draft):
    text = '<!-- verifier: ignore abc17-jiangsu-population reason="x" -->\n' + GDP_WRONG
    assert run(draft(text)).exit_code == 1


def test_config_file_sets_ledger_and_fail_on(tmp_path, monkeypatch):
    (tmp_path / "verifier.toml").write_text(f'ledger = "{ROOT.as_posix()}"\nfail-on = "contested"\n')
    (tmp_path / "d.md").write_text("Jiangsu lies in southwest China.\n")
    sub = tmp_path / "deep" / "er"
    sub.mkdir(parents=True)
    monkeypatch.chdir(sub)
    result = CliRunner().invoke(main, ["check", str(tmp_path / "d.md")])
    assert result.exit_code == 1, result.output


def test_pyproject_tool_table_is_read(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text(f'[tool.verifier]\nledger = "{ROOT.as_posix()}"\nfail-on = "never"\n')
    (tmp_path / "d.md").write_text(GDP_WRONG)
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(main, ["check", "d.md"]).exit_code == 0


def test_bad_config_is_one_line_and_exit_2(tmp_path, monkeypatch):
    (tmp_path / "verifier.toml").write_text('fail-on = "sometimes"\n')
    (tmp_path / "d.md").write_text(GDP_WRONG)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "d.md"])
    assert result.exit_code == 2
    assert result.output.startswith(f"error: {tmp_path / 'verifier.toml'}: $.fail-on: Input should be ")


def test_directory_with_include_and_exclude(tmp_path, monkeypatch):
    (tmp_path / "docs" / "old").mkdir(parents=True)
    (tmp_path / "docs" / "a.md").write_text(GDP_WRONG)
    (tmp_path / "docs" / "old" / "b.md").write_text(GDP_WRONG)
    (tmp_path / "docs" / "c.txt").write_text(GDP_WRONG)
    monkeypatch.chdir(tmp_path)
    result = run("docs", "--include", "*.md", "--exclude", "old/**", "--format", "json")
    assert json.loads(result.output)["files"] == ["docs/a.md"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.md", None, "error: missing.md: no such file or directory\n"),
        ("bin.md", b"\xff\xfe", "error: bin.md: not UTF-8 text (invalid byte at offset 0)\n"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path, monkeypatch, name, content, message):
    monkeypatch.chdir(tmp_path)
    if content is not None:
        (tmp_path / name).write_bytes(content)
    result = run(name)
    assert (result.exit_code, result.output) == (2, message)


def test_no_ledger_is_exit_2(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d.md").write_text(GDP_WRONG)
    result = CliRunner().invoke(main, ["check", "d.md"])
    assert result.exit_code == 2
    assert "not a ledger: no claims/ folder" in result.output


def test_verifier_ledger_environment_variable_finds_the_ledger(tmp_path, monkeypatch):
    """check finds its ledger the way every other command does, VERIFIER_LEDGER included."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d.md").write_text(GDP_WRONG)
    result = CliRunner().invoke(main, ["check", "d.md"], env={"VERIFIER_LEDGER": str(ROOT)})
    assert (result.exit_code, result.output.splitlines()[-1]) == (1, "1 finding in 1 file: 1 inconsistent")


def test_ledger_option_wins_over_the_environment_variable(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d.md").write_text(GDP_WRONG)
    result = CliRunner().invoke(main, ["check", "d.md", "--ledger", str(ROOT)], env={"VERIFIER_LEDGER": "nowhere"})
    assert result.exit_code == 1, result.output


def test_suppression_at_the_end_of_the_line_applies_to_that_sentence_only(draft):
    text = (f'{GDP_WRONG.strip()} <!-- verifier: ignore reason="same line" -->\n\n'
            "Jiangsu lies in southwest China.\n")
    result = run(draft(text), "--fail-on", "contested")
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == "1 finding in 1 file: 1 contested (1 suppressed)"


def test_suppression_that_applies_to_no_sentence_is_exit_2(draft):
    result = run(draft(GDP_WRONG + '\n<!-- verifier: ignore reason="stray" -->\n\nLater.\n'))
    assert (result.exit_code, result.output) == (
        2, "error: draft.md:3: suppression at line 3 applies to no sentence\n"
    )


def test_exclude_glob_as_written_from_the_working_directory(tmp_path, monkeypatch):
    (tmp_path / "docs" / "old").mkdir(parents=True)
    (tmp_path / "docs" / "a.md").write_text(GDP_WRONG)
    (tmp_path / "docs" / "old" / "a.md").write_text(GDP_WRONG)
    monkeypatch.chdir(tmp_path)
    result = run("docs/", "--exclude", "docs/old/**", "--format", "json")
    assert json.loads(result.output)["files"] == ["docs/a.md"]


def test_a_folder_with_nothing_to_check_is_exit_2(tmp_path, monkeypatch):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "notes.rst").write_text(GDP_WRONG)
    monkeypatch.chdir(tmp_path)
    result = run("docs")
    assert (result.exit_code, result.output) == (2, "error: no files to check in docs\n")


def test_a_markdown_briefing_with_quotes_tables_lists_and_code(monkeypatch):
    """Positions stay exact through front matter, block quotes, emphasis, tables, links and lists;
    code and questions give nothing; an ignore comment suppresses but keeps the finding."""
    monkeypatch.chdir(ROOT)
    result = run("tests/drafts/briefing.md", "--format", "json")
    got = [
        (f["line"], f["column"], f["end_line"], f["end_column"], f["verdict"],
         f["claim"]["id"] if f["claim"] else None, f["suppressed"])
        for f in json.loads(result.output)["findings"]
    ]  # fmt: skip
    assert got == [
        (7, 3, 8, 22, "consistent", "iclei16-who-indoor-deaths", None),
        (8, 23, 8, 63, "unverified", None, None),  # names no subject: the WHO is in the sentence before
        (12, 3, 12, 55, "consistent", "abc17-jiangsu-gdp", None),
        (13, 3, 13, 55, "inconsistent", "ref-jiangsu-population-2020", None),
        (15, 4, 15, 91, "inconsistent", "abc17-ala-report-data-period", None),
        (16, 4, 16, 93, "consistent", "abc17-us-dangerous-air-population", None),
        (19, 1, 19, 50, "contested", "abc17-jiangsu-location", "we quote the article's own error on purpose"),
        # the first summit was in Los Angeles: "San Francisco" is a value no claim checks
        (23, 1, 24, 54, "unverified", None, None),
        (23, 1, 24, 54, "consistent", "iclei16-summit-date", None),
        (23, 1, 24, 54, "consistent", "iclei16-summit-place", None),
        (25, 1, 25, 55, "consistent", "iclei15-ccucc-launch-date", None),
    ]
    assert result.exit_code == 1  # the inconsistent findings


def test_a_second_check_starts_from_the_cache_without_parsing_claims(tmp_path, monkeypatch):
    ledger = tmp_path / "ledger"
    for part in ("claims", "sources"):
        shutil.copytree(ROOT / part, ledger / part)
    monkeypatch.setenv("VERIFIER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d.md").write_text(GDP_WRONG)
    args = ["check", "d.md", "--ledger", str(ledger), "--format", "jsonl"]
    first = CliRunner().invoke(main, args)
    assert first.exit_code == 1

    def no_parsing(*_args, **_kw):
        raise AssertionError("claims parsed on a warm start")

    monkeypatch.setattr("verifier.ledger.load.read_claims_file", no_parsing)
    second = CliRunner().invoke(main, args)
    assert (second.exit_code, second.output) == (1, first.output)
    # An edited claims file is loaded (and checked) again.
    path = ledger / "claims" / "abc-2017-06-jiangsu-pact.yaml"
    path.write_text(path.read_text() + "  - oops\n")
    monkeypatch.undo()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("VERIFIER_CACHE_DIR", str(tmp_path / "cache"))
    third = CliRunner().invoke(main, args)
    assert third.exit_code == 2
    assert third.output.startswith("error: claims/abc-2017-06-jiangsu-pact.yaml:")


def test_a_claim_the_source_does_not_support_never_counts_as_consistent(draft):
    """"More than $3 trillion" meets the source's "more than $1 trillion" but is not implied by it:
    unverified in every format, in the summary and in the exit code."""
    name = draft("Jiangsu has a GDP of more than $3 trillion.\n")
    report = json.loads(run(name, "--format", "json").output)
    [finding] = report["findings"]
    assert (finding["verdict"], finding["severity"], finding["checked"]) == (
        "unverified", "info", ["more than $3 trillion"]
    )
    assert finding["reason"].startswith("states more than $3 trillion; the source supports only more than $1 trillion")
    assert report["summary"] == {"consistent": 0, "inconsistent": 0, "contested": 0, "unverified": 1, "suppressed": 0}
    assert run(name).exit_code == 0
    assert run(name, "--fail-on", "unverified").exit_code == 1
    sarif = json.loads(run(name, "--format", "sarif").output)
    assert [r["level"] for r in sarif["runs"][0]["results"]] == ["note"]
    assert run(name, "--format", "github").output.startswith("::notice ")
