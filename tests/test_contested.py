"""`verifier contested`: the Jiangsu location group until a review settles it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from verifier.checking.contested import ContestedReport, contested_report
from verifier.cli import main
from verifier.ledger.load import load_ledger
from verifier.ledger.review import review_claim

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def seed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the repository's own ledger (87 claims), run from its own folder."""
    root = tmp_path / "ledger"
    for part in ("claims", "sources"):
        shutil.copytree(REPO / part, root / part)
    monkeypatch.chdir(root)
    return root


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_the_seed_ledger_has_one_contested_group_jiangsu_location(seed: Path):
    report = contested_report(load_ledger(seed))
    assert [(g.subject, g.property, [c.id for c in g.claims]) for g in report.groups] == [
        ("Jiangsu", "location", ["abc17-jiangsu-location", "ref-jiangsu-location"])
    ]


def test_text_shows_the_claims_side_by_side(seed: Path):
    ref = load_ledger(seed).sources["ref-jiangsu-facts"]
    abc = load_ledger(seed).sources["abc-2017-06-jiangsu-pact"]
    result = run("contested", "--ledger", str(seed))
    assert result.exit_code == 0
    assert result.stdout == (
        "Jiangsu · location: 2 claims disagree\n"
        "  abc17-jiangsu-location [verified]: southwest China\n"
        f"    ABC News, 2017-06: {abc.title}\n"
        '    "Jiangsu Province, in southwest China" (sources/abc-2017-06-jiangsu-pact.txt, 765-801)\n'
        "  ref-jiangsu-location [verified]: East China\n"
        f"    {ref.publisher}: {ref.title}\n"
        '    "a coastal province in East China" (sources/ref-jiangsu-facts.txt, 50-82)\n'
        "\n"
        "1 contested group\n"
    )


def test_json_has_groups_with_subject_property_and_claims(seed: Path):
    abc = load_ledger(seed).sources["abc-2017-06-jiangsu-pact"]
    result = run("contested", "--ledger", str(seed), "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    ContestedReport.model_validate(data)
    group = data["groups"][0]
    assert (len(data["groups"]), group["subject"], group["property"]) == (1, "Jiangsu", "location")
    assert group["claims"][0] == {
        "id": "abc17-jiangsu-location",
        "statement": "Jiangsu Province is in southwest China.",
        "value": {
            "kind": "place",
            "name": "southwest China",
            "aliases": ["Southwest China", "south-west China"],
        },
        "status": "verified",
        "source": {
            "id": "abc-2017-06-jiangsu-pact",
            "path": "sources/abc-2017-06-jiangsu-pact.txt",
            "title": abc.title,
            "publisher": "ABC News",
            "published": "2017-06",
            "start": 765,
            "end": 801,
            "quote": "Jiangsu Province, in southwest China",
        },
    }
    assert [c["id"] for c in group["claims"]] == ["abc17-jiangsu-location", "ref-jiangsu-location"]
    assert group["claims"][1]["value"]["name"] == "East China"


def test_sarif_has_one_result_at_each_claims_yaml_line_with_source_spans(seed: Path):
    result = run("contested", "--ledger", str(seed), "--format", "sarif")
    assert result.exit_code == 0
    log = json.loads(result.stdout)
    (res,) = log["runs"][0]["results"]
    assert (log["version"], res["ruleId"], res["level"]) == ("2.1.0", "verifier.contested-group", "warning")
    assert res["message"]["text"] == (
        "Jiangsu · location: the sources disagree: southwest China (abc17-jiangsu-location) "
        "vs East China (ref-jiangsu-location)"
    )
    where = [
        (loc["physicalLocation"]["artifactLocation"]["uri"], loc["physicalLocation"]["region"]["startLine"])
        for loc in res["locations"]
    ]
    assert where == [("claims/abc-2017-06-jiangsu-pact.yaml", 101), ("claims/ref-jiangsu-facts.yaml", 36)]
    spans = [loc["physicalLocation"]["region"] for loc in res["relatedLocations"]]
    assert [(s["charOffset"], s["charLength"], s["snippet"]["text"]) for s in spans] == [
        (765, 36, "Jiangsu Province, in southwest China"),
        (50, 32, "a coastal province in East China"),
    ]


def test_from_another_folder_every_path_is_relative_to_it(seed: Path, monkeypatch: pytest.MonkeyPatch):
    # The claim entries (results) and the quoted spans (related locations) share one base.
    (seed.parent / "work").mkdir()
    monkeypatch.chdir(seed.parent / "work")
    log = json.loads(run("contested", "--ledger", str(seed), "--format", "sarif").stdout)
    (res,) = log["runs"][0]["results"]
    uris = [loc["physicalLocation"]["artifactLocation"]["uri"] for loc in res["locations"]]
    related = [loc["physicalLocation"]["artifactLocation"]["uri"] for loc in res["relatedLocations"]]
    assert uris == ["../ledger/claims/abc-2017-06-jiangsu-pact.yaml", "../ledger/claims/ref-jiangsu-facts.yaml"]
    assert related == ["../ledger/sources/abc-2017-06-jiangsu-pact.txt", "../ledger/sources/ref-jiangsu-facts.txt"]
    data = json.loads(run("contested", "--ledger", str(seed), "--format", "json").stdout)
    assert data["groups"][0]["claims"][1]["source"]["path"] == "../ledger/sources/ref-jiangsu-facts.txt"


def test_fail_on_contested_exits_1_while_a_group_is_listed(seed: Path):
    assert run("contested", "--ledger", str(seed), "--fail-on-contested").exit_code == 1


def test_a_review_as_refuted_takes_the_group_off_the_list(seed: Path):
    review_claim(seed, "abc17-jiangsu-location", "refuted", "Jiangsu is in East China.", "ann", "2024-05-01")
    result = run("contested", "--ledger", str(seed), "--fail-on-contested")
    assert (result.exit_code, result.stdout) == (0, "no contested groups\n")
    result = run("contested", "--ledger", str(seed), "--format", "json")
    assert json.loads(result.stdout) == {"groups": []}
    sarif = json.loads(run("contested", "--ledger", str(seed), "--format", "sarif").stdout)
    assert sarif["runs"][0]["results"] == []


def test_a_review_as_verified_does_not_settle_a_conflict(seed: Path):
    # Verifying one side says nothing of the other: both still speak, so they still disagree.
    review_claim(seed, "ref-jiangsu-location", "verified", "Checked.", None, "2024-05-01")
    assert len(contested_report(load_ledger(seed)).groups) == 1


def test_a_malformed_claims_file_exits_2_naming_its_line(tmp_path: Path):
    (tmp_path / "claims").mkdir()
    # `property` is indented one space less than the claim's other keys.
    (tmp_path / "claims" / "bad.yaml").write_text(
        "claims:\n  - id: a\n    statement: b\n   property: c\n", encoding="utf-8"
    )
    result = run("contested", "--ledger", str(tmp_path))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "error: claims/bad.yaml:4: malformed YAML: expected <block end>, but found '<block mapping start>'\n"
    )


def test_the_json_schema_requires_groups():
    schema = ContestedReport.model_json_schema()
    assert schema["required"] == ["groups"]
    assert schema["$defs"]["ContestedGroup"]["required"] == ["subject", "property", "claims"]
