"""extract: exact spans, typed values, several facts per sentence, idempotent --write, and the
whole path from an empty folder to `check` on texts the extractor was not tuned on."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from pydantic import TypeAdapter
from ruamel.yaml import YAML

from verifier.cli import main
from verifier.extract import extract_claims, write_proposals
from verifier.ledger import Ledger, load_ledger
from verifier.models import Value
from verifier.values import compare
from verifier.workspace import add_source, init_ledger

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "extract"
EXPECTED = YAML(typ="safe").load((FIXTURES / "expected.yaml").read_text())
VALUE = TypeAdapter(Value)


def make_ledger(tmp_path: Path, name: str, published: str | None = None) -> tuple[Path, str]:
    root = tmp_path / "ledger"
    if not root.exists():
        init_ledger(root)
    source = add_source(root, FIXTURES / name, published=published)
    return root, source.id


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.mark.parametrize("source_id", ["abc-2017-06-jiangsu-pact", "iclei-2015-09-ccucc-launch",
                                       "iclei-2016-06-climate-leaders-summit", "ref-jiangsu-facts"])
def test_seed_spans_are_exact(source_id: str):
    full = load_ledger(REPO)
    text = full.source_text(source_id)
    claims = extract_claims(Ledger(full.root, full.sources, [], {}), source_id)
    assert claims
    for claim in claims:
        span = claim.source
        assert text[span.start:span.end] == span.quote
        assert span.prefix == (text[max(0, span.start - 32):span.start] or None)
        assert span.suffix == (text[span.end:span.end + 32] or None)
        assert claim.status == "proposed"
    assert len({c.id for c in claims}) == len(claims)


def test_seed_sentence_with_two_figures_gives_two_claims():
    full = load_ledger(REPO)
    claims = extract_claims(Ledger(full.root, full.sources, [], {}), "abc-2017-06-jiangsu-pact")
    by_prop = {c.property: c for c in claims if c.subject.name == "Jiangsu Province"}
    assert by_prop["gdp"].source.quote == "has a GDP of more than $1 trillion"
    assert by_prop["gdp"].value.model_dump(exclude_none=True) == {
        "kind": "quantity", "amount": 1.0, "scale": "trillion", "currency": "USD", "qualifier": "more_than"}
    assert by_prop["population"].source.quote == "is home to approximately 80 million people"
    assert by_prop["population"].as_of == "2017-06"
    assert by_prop["location"].value.name == "southwest China"
    assert by_prop["gdp"].subject.aliases == ["Jiangsu"]


def test_period_and_known_subjects_come_from_the_ledger():
    claims = extract_claims(load_ledger(REPO), "abc-2017-06-jiangsu-pact")
    people = next(c for c in claims if c.source.quote.startswith("Nearly 125 million"))
    assert (people.period.start, people.period.end) == ("2013", "2015")
    gdp = next(c for c in claims if c.property == "gdp")
    assert gdp.subject.name == "Jiangsu"  # the ledger's own name for the subject, with its aliases
    assert gdp.id == "abc-2017-06-jiangsu-pact-gdp-1"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_unseen_texts_give_the_expected_facts(tmp_path: Path, name: str):
    root, source_id = make_ledger(tmp_path, name, EXPECTED[name]["published"])
    ledger = load_ledger(root)
    text = ledger.source_text(source_id)
    claims = extract_claims(ledger, source_id)
    for fact in EXPECTED[name]["facts"]:
        lo = text.index(fact["near"])
        hi = lo + len(fact["near"])
        expected = VALUE.validate_python(fact["value"])
        hits = [c for c in claims if c.source.start < hi and lo < c.source.end
                and compare(c.value, expected).agree and c.property == fact.get("property", c.property)]
        assert hits, f"{fact['near']!r}: no proposal with {expected!r}"
    for claim in claims:
        assert text[claim.source.start:claim.source.end] == claim.source.quote


def test_one_sentence_several_facts_and_aliases(tmp_path: Path):
    root = tmp_path / "l"
    init_ledger(root)
    (tmp_path / "s.txt").write_text(
        "The plant opened in 2009 and employs 300 people.\n\n"
        "The World Health Organization (WHO) counted 4.3 million deaths in 2012.\n")
    add_source(root, tmp_path / "s.txt", published="2016-06")
    claims = extract_claims(load_ledger(root), "s")
    assert [(c.property, c.source.quote) for c in claims[:2]] == [
        ("opening_date", "The plant opened in 2009"), ("employees", "employs 300 people")]
    assert claims[0].value.model_dump() == {"kind": "date", "date": "2009", "end": None}
    assert claims[0].as_of is None and claims[1].as_of == "2016-06"
    deaths = next(c for c in claims if c.property == "deaths")
    assert (deaths.subject.name, deaths.subject.aliases, deaths.subject.type) == (
        "World Health Organization", ["WHO"], "organization")
    assert deaths.statement == "The World Health Organization (WHO) counted 4.3 million deaths in 2012."


def test_write_is_idempotent_and_keeps_comments(tmp_path: Path):
    root, source_id = make_ledger(tmp_path, "harbour-wind.txt", "2021-03-03")
    out = run("extract", source_id, "--write", "--ledger", str(root))
    assert (out.exit_code, out.output) == (0, "added 7 of 7 proposed claims to claims/harbour-wind.yaml\n")
    path = root / "claims" / "harbour-wind.yaml"
    path.write_text(path.read_text().replace("claims:\n", "claims:\n  # reviewed by hand\n", 1))
    first = path.read_text()
    again = run("extract", source_id, "--write", "--ledger", str(root))
    assert (again.exit_code, again.output) == (
        0, "added 0 of 7 proposed claims to claims/harbour-wind.yaml (7 already there)\n")
    assert path.read_text() == first
    # A claim deleted by the reviewer comes back; the comment stays.
    data = YAML().load(first)
    del data["claims"][-1]
    shutil.copy(path, tmp_path / "backup")
    with path.open("w") as handle:
        YAML().dump(data, handle)
    assert write_proposals(root, source_id, extract_claims(load_ledger(root), source_id)) == 1
    assert "# reviewed by hand" in path.read_text()
    assert len(load_ledger(root).claims) == 7


def test_print_yaml_and_json_without_writing(tmp_path: Path):
    root, source_id = make_ledger(tmp_path, "harbour-wind.txt", "2021-03-03")
    out = run("extract", source_id, "--format", "json", "--ledger", str(root))
    assert out.exit_code == 0
    rows = json.loads(out.output)
    assert [r["property"] for r in rows] == ["opening_date", "employees", "cost", "population", "share",
                                            "data_period", "number_of_collisions"]
    assert rows[2]["source"]["quote"] == "It cost 1.2bn euros to build"
    yaml_out = run("extract", source_id, "--ledger", str(root))
    assert YAML(typ="safe").load(yaml_out.output)["claims"] == rows
    assert list((root / "claims").iterdir()) == []


def test_unknown_source_id(tmp_path: Path):
    root = tmp_path / "l"
    init_ledger(root)
    out = run("extract", "nope", "--ledger", str(root))
    assert (out.exit_code, out.output) == (2, "error: no source with id 'nope'\n")


def test_whole_path_from_an_empty_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    shutil.copy(FIXTURES / "harbour-wind.txt", "article.txt")
    assert run("init").exit_code == 0
    added = run("source", "add", "article.txt", "--id", "wind", "--published", "2021-03-03")
    assert added.exit_code == 0, added.output
    assert run("extract", "wind", "--write").exit_code == 0
    valid = run("validate")
    assert (valid.exit_code, valid.output) == (0, "ok: 7 claims in 1 file, 1 source\n")
    Path("draft.md").write_text(
        "The Harbour Wind farm employs 300 people.\n\n"       # repeats a fact
        "The Harbour Wind farm cost 2.5bn euros to build.\n\n"  # changes one
        "Nordvik is home to about 90,000 residents.\n\n"       # changes another
        "We should all visit the coast.\n")                     # an opinion: no finding
    out = run("check", "draft.md", "--format", "json")
    assert out.exit_code == 1, out.output
    findings = json.loads(out.output)["findings"]
    assert [(f["line"], f["verdict"]) for f in findings] == [
        (1, "consistent"), (3, "inconsistent"), (5, "inconsistent")]  # dropped facts: no finding
    assert findings[1]["claim"]["id"] == "wind-cost-1"
    assert findings[1]["reason"].endswith("[claim wind-cost-1 is unreviewed]")
