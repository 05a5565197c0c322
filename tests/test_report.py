"""The reporters: exact output of every format for a hand-built report."""

from __future__ import annotations

import hashlib
import json

import jsonschema
import pytest

from verifier.errors import UsageError
from verifier.models import (
    SEVERITY,
    DateValue,
    Finding,
    MatchedClaim,
    QuantityValue,
    Report,
    SourceQuote,
    Summary,
)
from verifier.report import FORMATS, render
from verifier.report.github import escape_data, escape_property
from verifier.report.sarif import artifact_uri, fingerprint, sarif_log

ODD_PATH = "notes/q3, draft: v2.md"

ABC = MatchedClaim(
    id="abc-jiangsu-population",
    statement="Jiangsu has approximately 80 million people.",
    value=QuantityValue(amount=80, scale="million", noun="people", qualifier="approximately"),
    status="verified",
    source=SourceQuote(
        id="abc-2017-06-jiangsu-pact", path="sources/abc-2017-06-jiangsu-pact.txt",
        title="China's Jiangsu signs climate pact", publisher="ABC News", published="2017-06",
        start=1234, end=1277, quote="is home to approximately 80 million people",
    ),
)  # fmt: skip
XINHUA = MatchedClaim(
    id="xinhua-pact-date", statement="The pact was signed in 2016.", value=DateValue(date="2016"),
    status="disputed",
    source=SourceQuote(
        id="xinhua-2016-pact", path="sources/xinhua-2016-pact.txt", title="Pact signed",
        publisher="Xinhua", start=10, end=33, quote="signed the pact in 2016",
    ),
)  # fmt: skip
REUTERS = MatchedClaim(
    id="reuters-pact-date", statement="The pact was signed in 2017.", value=DateValue(date="2017"),
    status="disputed",
    source=SourceQuote(
        id="reuters-2017-pact", path="sources/reuters-2017-pact.txt", title="Jiangsu, California sign pact",
        publisher="Reuters", published="2017-06-08", start=200, end=214, quote="signed in\n2017",
    ),
)  # fmt: skip


def finding(verdict: str, line: int, column: int, statement: str, reason: str, **kw) -> Finding:
    end_line = kw.pop("end_line", line)
    end_column = kw.pop("end_column", column + len(statement))
    return Finding(
        check=f"verifier.{verdict}", path=kw.pop("path", "docs/a.md"), line=line, column=column,
        end_line=end_line, end_column=end_column, statement=statement, verdict=verdict,
        severity=SEVERITY[verdict], reason=reason, **kw,
    )  # fmt: skip


CONSISTENT = finding("consistent", 2, 1, "Some 80 million people call Jiangsu home.",
                     "the ledger says approximately 80 million people", claim=ABC, score=91.0)
INCONSISTENT = finding("inconsistent", 5, 5, "Jiangsu is home to about 60 million people.",
                       "the ledger says approximately 80 million people, not about 60 million",
                       claim=ABC, score=88.5)
UNVERIFIED = finding("unverified", 5, 50, "Zhejiang's GDP exceeds $1 trillion.",
                     "no claim in the ledger is about Zhejiang's gdp")
SUPPRESSED = finding("inconsistent", 8, 1, "Jiangsu has 90 million people.", "the ledger says 80 million",
                     claim=ABC, suppressed="figure from the 2020 census")
CONTESTED = finding("contested", 1, 1, "The pact was signed in\n2016.", "sources disagree: 100%\nsee both",
                    path=ODD_PATH, end_line=2, end_column=6, claim=XINHUA, others=[REUTERS])


def make_report(findings: list[Finding], files: list[str]) -> Report:
    counts = {"consistent": 0, "inconsistent": 0, "contested": 0, "unverified": 0, "suppressed": 0}
    for f in findings:
        counts["suppressed" if f.suppressed else f.verdict] += 1
    return Report(version="0.1.0", files=files, findings=findings, summary=Summary(**counts))


@pytest.fixture
def report() -> Report:
    # Deliberately out of order: the reporters sort (the unverified 5:50 comes after 5:5's inconsistent).
    return make_report([CONTESTED, UNVERIFIED, SUPPRESSED, INCONSISTENT, CONSISTENT],
                       ["docs/a.md", ODD_PATH, "empty.md"])


# ---------------------------------------------------------------- text

ABC_SOURCE = ('"is home to approximately 80 million people" — ABC News, 2017-06 '
              "[abc-2017-06-jiangsu-pact 1234-1277] (claim abc-jiangsu-population)")
EXPECTED_TEXT = f"""\
docs/a.md
  2:1   consistent    Some 80 million people call Jiangsu home.
      the ledger says approximately 80 million people
      source: {ABC_SOURCE}
  5:5   inconsistent  Jiangsu is home to about 60 million people.
      the ledger says approximately 80 million people, not about 60 million
      source: {ABC_SOURCE}
  5:50  unverified    Zhejiang's GDP exceeds $1 trillion.
      no claim in the ledger is about Zhejiang's gdp

notes/q3, draft: v2.md
  1:1  contested     The pact was signed in 2016.
      sources disagree: 100%
      see both
      source: "signed the pact in 2016" — Xinhua [xinhua-2016-pact 10-33] (claim xinhua-pact-date)
      other:  "signed in 2017" — Reuters, 2017-06-08 [reuters-2017-pact 200-214] (claim reuters-pact-date)

4 findings in 3 files: 1 inconsistent, 1 contested, 1 unverified, 1 consistent (1 suppressed)
"""


def test_text_groups_by_file_sorts_worst_first_and_hides_suppressed(report):
    assert render(report, "text") == EXPECTED_TEXT


def test_worst_verdict_comes_first_on_a_line_even_at_a_later_column():
    early = UNVERIFIED.model_copy(update={"column": 1, "end_column": 4})
    one = make_report([early, INCONSISTENT], ["docs/a.md"])
    locations = [line.split()[:2] for line in render(one, "text").splitlines() if line.startswith("  5:")]
    assert locations == [["5:5", "inconsistent"], ["5:1", "unverified"]]
    assert [line[:8] for line in render(one, "github").splitlines()] == ["::error ", "::notice"]


def test_text_default_has_no_escape_codes(report):
    assert "\x1b" not in render(report, "text", color=False)


def test_text_colour_paints_verdicts_and_bold_headers():
    one = make_report([UNVERIFIED, INCONSISTENT], ["docs/a.md"])
    assert render(one, "text", color=True) == (
        "\x1b[1mdocs/a.md\x1b[0m\n"
        "  5:5   \x1b[31minconsistent\x1b[0m  Jiangsu is home to about 60 million people.\n"
        "      the ledger says approximately 80 million people, not about 60 million\n"
        f"      source: {ABC_SOURCE}\n"
        "  5:50  \x1b[36munverified\x1b[0m    Zhejiang's GDP exceeds $1 trillion.\n"
        "      no claim in the ledger is about Zhejiang's gdp\n"
        "\n"
        "2 findings in 1 file: 1 inconsistent, 1 unverified\n"
    )


def test_text_colours_contested_yellow_and_consistent_green():
    out = render(make_report([CONSISTENT, CONTESTED], ["docs/a.md", ODD_PATH]), "text", color=True)
    assert "\x1b[32mconsistent\x1b[0m    Some 80" in out
    assert "\x1b[33mcontested\x1b[0m     The pact" in out


def test_text_no_findings():
    assert render(make_report([], ["a.md"]), "text") == "No findings in 1 file.\n"
    assert render(make_report([], ["a.md", "b.md"]), "text", color=True) == "No findings in 2 files.\n"


def test_text_only_suppressed_findings_are_counted_not_shown():
    out = render(make_report([SUPPRESSED], ["docs/a.md"]), "text")
    assert out == "No findings in 1 file (1 suppressed).\n"


def test_text_stdin_header():
    stdin = UNVERIFIED.model_copy(update={"path": "-"})
    assert render(make_report([stdin], ["-"]), "text").splitlines()[0] == "<stdin>"


# ---------------------------------------------------------------- json and jsonl


def test_json_is_the_report_and_validates_against_its_schema(report):
    out = render(report, "json")
    assert out.endswith("}\n") and out.startswith('{\n  "version": "0.1.0",\n')
    data = json.loads(out)
    jsonschema.validate(data, Report.model_json_schema())
    assert Report.model_validate(data) == report


def test_json_keeps_non_ascii_readable():
    quote = ABC.source.model_copy(update={"quote": "江苏 – about 80 million"})
    f = CONSISTENT.model_copy(update={"claim": ABC.model_copy(update={"source": quote})})
    assert '"quote": "江苏 – about 80 million"' in render(make_report([f], ["docs/a.md"]), "json")


def test_jsonl_one_compact_finding_per_line_in_record_order(report):
    lines = render(report, "jsonl").splitlines()
    assert [json.loads(line)["verdict"] for line in lines] == [
        "contested", "unverified", "inconsistent", "inconsistent", "consistent"]
    assert lines[1] == (
        '{"check":"verifier.unverified","path":"docs/a.md","line":5,"column":50,"end_line":5,'
        '"end_column":85,"statement":"Zhejiang\'s GDP exceeds $1 trillion.","verdict":"unverified",'
        '"severity":"info","reason":"no claim in the ledger is about Zhejiang\'s gdp","claim":null,'
        '"others":[],"score":null,"checked":[],"not_covered":[],"suppressed":null}'
    )
    assert json.loads(lines[2])["suppressed"] == "figure from the 2020 census"
    assert all(Finding.model_validate_json(line) for line in lines)


def test_jsonl_no_findings_is_empty():
    assert render(make_report([], ["a.md"]), "jsonl") == ""


# ---------------------------------------------------------------- github


def test_github_annotations_exact(report):
    assert render(report, "github") == (
        "::error file=docs/a.md,line=5,col=5,endLine=5,endColumn=48,title=verifier%3A inconsistent::"
        "the ledger says approximately 80 million people, not about 60 million"
        " (claim abc-jiangsu-population)\n"
        "::notice file=docs/a.md,line=5,col=50,endLine=5,endColumn=85,title=verifier%3A unverified::"
        "no claim in the ledger is about Zhejiang's gdp\n"
        # Multi-line: no col/endColumn. Path: ',' and ':' escaped; message: '%' and newline escaped.
        "::warning file=notes/q3%2C draft%3A v2.md,line=1,endLine=2,title=verifier%3A contested::"
        "sources disagree: 100%25%0Asee both (claims xinhua-pact-date, reuters-pact-date)\n"
    )


def test_github_stdin_has_no_file_property():
    stdin = UNVERIFIED.model_copy(update={"path": "-"})
    assert render(make_report([stdin], ["-"]), "github") == (
        "::notice title=verifier%3A unverified::no claim in the ledger is about Zhejiang's gdp\n")


def test_github_escaping():
    assert escape_data("50% done\r\nnext: a, b") == "50%25 done%0D%0Anext: a, b"
    assert escape_property("50% done\r\nnext: a, b") == "50%25 done%0D%0Anext%3A a%2C b"
    # '%' first, so an escape is never escaped twice.
    assert escape_property("%3A") == "%253A"


def test_github_nothing_to_say_is_empty():
    assert render(make_report([CONSISTENT, SUPPRESSED], ["docs/a.md"]), "github") == ""


# ---------------------------------------------------------------- sarif

LEVEL = {"none", "note", "warning", "error"}


def _check_region(region: dict) -> None:
    for key in ("startLine", "startColumn", "endLine", "endColumn"):
        if key in region:
            assert isinstance(region[key], int) and region[key] >= 1, key
    for key in ("charOffset", "charLength"):
        if key in region:
            assert isinstance(region[key], int) and region[key] >= 0, key
    assert "startLine" in region or "charOffset" in region
    if "snippet" in region:
        assert isinstance(region["snippet"]["text"], str)


def _check_location(loc: dict) -> None:
    phys = loc["physicalLocation"]
    uri = phys["artifactLocation"]["uri"]
    assert isinstance(uri, str) and uri and "\\" not in uri and " " not in uri
    assert ":" not in uri.split("/")[0], "a colon in the first segment reads as a URI scheme"
    _check_region(phys["region"])


def _check_result(result: dict, rules: list[dict]) -> None:
    assert isinstance(result["message"]["text"], str) and result["message"]["text"]
    assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    assert result["level"] in LEVEL
    assert len(result["locations"]) == 1
    _check_location(result["locations"][0])
    ids = [rel["id"] for rel in result.get("relatedLocations", [])]
    assert len(ids) == len(set(ids)) and all(isinstance(i, int) and i >= 0 for i in ids)
    for rel in result.get("relatedLocations", []):
        _check_location(rel)
        assert isinstance(rel["message"]["text"], str)
    for key, value in result["partialFingerprints"].items():
        assert isinstance(key, str) and isinstance(value, str)
    for sup in result.get("suppressions", []):
        assert sup["kind"] in {"inSource", "external"}


def check_sarif(log: dict) -> None:
    """The parts of SARIF 2.1.0 GitHub code scanning requires, checked by hand (no network for the schema)."""
    assert log["version"] == "2.1.0" and log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert isinstance(log["runs"], list) and len(log["runs"]) == 1
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "verifier" and isinstance(driver["version"], str)
    rules = driver["rules"]
    assert len({r["id"] for r in rules}) == len(rules)
    for rule in rules:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"] and rule["help"]["text"]
        assert rule["defaultConfiguration"]["level"] in LEVEL
    assert run["columnKind"] in {"utf16CodeUnits", "unicodeCodePoints"}
    assert isinstance(run["results"], list)
    for result in run["results"]:
        _check_result(result, rules)


def test_sarif_is_valid_and_leaves_out_consistent(report):
    log = json.loads(render(report, "sarif"))
    check_sarif(log)
    run = log["runs"][0]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == [
        "verifier.inconsistent", "verifier.contested", "verifier.unverified"]
    assert [r["name"] for r in run["tool"]["driver"]["rules"]] == [
        "InconsistentStatement", "ContestedStatement", "UnverifiedStatement"]
    assert [(r["ruleId"], r["ruleIndex"], r["level"]) for r in run["results"]] == [
        ("verifier.inconsistent", 0, "error"),
        ("verifier.unverified", 2, "note"),
        ("verifier.inconsistent", 0, "error"),
        ("verifier.contested", 1, "warning"),
    ]
    assert run["tool"]["driver"]["version"] == "0.1.0"
    assert run["columnKind"] == "unicodeCodePoints"


def test_sarif_result_fields(report):
    inconsistent, unverified, suppressed, contested = sarif_log(report)["runs"][0]["results"]
    assert inconsistent["message"]["text"] == (
        "Jiangsu is home to about 60 million people. — "
        "the ledger says approximately 80 million people, not about 60 million")
    assert inconsistent["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "docs/a.md"},
        "region": {"startLine": 5, "startColumn": 5, "endLine": 5, "endColumn": 48,
                   "snippet": {"text": "Jiangsu is home to about 60 million people."}},
    }
    assert inconsistent["relatedLocations"] == [{
        "id": 1,
        "physicalLocation": {
            "artifactLocation": {"uri": "sources/abc-2017-06-jiangsu-pact.txt"},
            "region": {"charOffset": 1234, "charLength": 43,
                       "snippet": {"text": "is home to approximately 80 million people"}},
        },
        "message": {"text": "China's Jiangsu signs climate pact, 2017-06: "
                            '"is home to approximately 80 million people"'},
    }]
    assert "relatedLocations" not in unverified and "suppressions" not in inconsistent
    assert suppressed["suppressions"] == [
        {"kind": "inSource", "justification": "figure from the 2020 census"}]
    assert contested["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (
        "notes/q3,%20draft%3A%20v2.md")
    assert [(r["id"], r["message"]["text"]) for r in contested["relatedLocations"]] == [
        (1, 'Pact signed: "signed the pact in 2016"'),
        (2, 'Jiangsu, California sign pact, 2017-06-08: "signed in\n2017"'),
    ]


def test_sarif_fingerprint_is_path_statement_and_claim_not_position():
    expected = hashlib.sha256(
        b"docs/a.md\0verifier.inconsistent\0"
        b"Jiangsu is home to about 60 million people.\0abc-jiangsu-population"
    ).hexdigest()
    assert fingerprint(INCONSISTENT) == expected
    moved = INCONSISTENT.model_copy(update={"line": 40, "end_line": 40, "column": 1, "end_column": 44})
    assert fingerprint(moved) == expected
    other_claim = INCONSISTENT.model_copy(update={"claim": XINHUA})
    assert fingerprint(other_claim) != expected
    log = sarif_log(make_report([INCONSISTENT], ["docs/a.md"]))
    assert log["runs"][0]["results"][0]["partialFingerprints"] == {"verifierFinding/v1": expected}


@pytest.mark.parametrize(("path", "uri"), [
    ("-", "stdin"),
    ("docs/a.md", "docs/a.md"),
    ("./docs/a.md", "docs/a.md"),
    ("docs\\sub\\a.md", "docs/sub/a.md"),
    ("a:b.md", "a%3Ab.md"),
    ("notes/50% done.md", "notes/50%25%20done.md"),
    ("/abs/a b.md", "file:///abs/a%20b.md"),
])  # fmt: skip
def test_sarif_artifact_uri(path, uri):
    assert artifact_uri(path) == uri


def test_sarif_no_findings_still_has_a_run_with_empty_results():
    log = json.loads(render(make_report([CONSISTENT], ["docs/a.md"]), "sarif"))
    check_sarif(log)
    assert log["runs"][0]["results"] == [] and log["runs"][0]["tool"]["driver"]["rules"] == []


# ---------------------------------------------------------------- dispatch


def test_every_format_ends_with_a_newline(report):
    for fmt in FORMATS:
        assert render(report, fmt).endswith("\n"), fmt


def test_unknown_format_is_a_usage_error(report):
    with pytest.raises(UsageError) as exc:
        render(report, "xml")
    assert str(exc.value) == "unknown output format 'xml'; choose one of: text, json, jsonl, sarif, github, html, rdjson, junit"
