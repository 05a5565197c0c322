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
from verifier.extraction.extract import extract_claims
from verifier.extraction.proposals import write_proposals
from verifier.ledger.load import Ledger, load_ledger
from verifier.ledger.workspace import add_source, init_ledger
from verifier.models import Value
from verifier.parsing.tolerance import compare

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


def test_write_after_the_source_text_moved_adds_nothing_twice(tmp_path: Path):
    root, source_id = make_ledger(tmp_path, "harbour-wind.txt", "2021-03-03")
    assert run("extract", source_id, "--write", "--ledger", str(root)).exit_code == 0
    text = root / "sources" / "harbour-wind.txt"
    text.write_text("An added first line.\n\n" + text.read_text())
    again = run("extract", source_id, "--write", "--ledger", str(root))
    assert (again.exit_code, again.output) == (
        0, "added 0 of 7 proposed claims to claims/harbour-wind.yaml (7 already there)\n")


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


def proposals(tmp_path: Path, name: str) -> list[tuple]:
    """Every proposal of a fixture as (subject, property, value without its kind, quote, as_of, period)."""
    root, source_id = make_ledger(tmp_path, name, EXPECTED[name]["published"])
    out = []
    for c in extract_claims(load_ledger(root), source_id):
        value = {k: v for k, v in c.value.model_dump(exclude_none=True).items() if k != "kind" and v != []}
        period = (c.period.start, c.period.end) if c.period else None
        out.append((c.subject.name, c.property, value, c.source.quote, c.as_of, period))
    return out


def test_harbour_wind_coast_exact_proposals(tmp_path: Path):
    # The farm is named by its whole phrase ("Harbour Wind" is an alias). Units are no subjects,
    # "The farm ..." is the farm of the sentence before, "Coast Energy's" is
    # Coast Energy, "output rose 12% in 2020" is a change of the farm's output in 2020 (not a date
    # claim, and not of the speaker's company).
    assert proposals(tmp_path, "harbour-wind-coast.txt") == [
        ("Harbour Wind farm", "opening_date", {"date": "2009"}, "The Harbour Wind farm opened in 2009", None, None),
        ("Harbour Wind farm", "employees", {"amount": 300.0, "noun": "people"}, "employs 300 people", "2021-03-03",
         None),
        ("Harbour Wind farm", "cost", {"amount": 1.2, "scale": "billion", "currency": "EUR"},
         "It cost 1.2bn euros to build", "2021-03-03", None),
        ("Harbour Wind farm", "operator", {"name": "Coast Energy"}, "the operator, Coast Energy", "2021-03-03", None),
        ("Harbour Wind farm", "capacity", {"amount": 450.0, "unit": "MW"}, "The farm has a capacity of 450 MW",
         "2021-03-03", None),
        ("Harbour Wind farm", "number_of_homes", {"amount": 400000.0, "noun": "homes", "qualifier": "approximately"},
         "enough for about 400,000 homes", "2021-03-03", None),
        ("Maria Lopez", "role", {"name": "Maria Lopez", "role": "chief executive of Coast Energy"},
         "Coast Energy's chief executive, Maria Lopez", "2021-03-03", None),
        ("Harbour Wind farm", "output_change", {"amount": 12.0, "unit": "percent"}, "said output rose 12% in 2020",
         "2020", None),
    ]


def test_upper_case_dateline_without_comma_and_counts_by_their_noun(tmp_path: Path):
    # "PORT ELLIS — " is where the release was issued, never the subject; "48 turbines" counts turbines
    # although "capacity" follows it; "said Maria Lopez, Chief Executive of X" gives her role.
    farm, day = "Harbour Wind Farm", "2024-05-02"
    assert proposals(tmp_path, "harbour-wind-farm-dateline.txt") == [
        (farm, "announcement_place", {"name": "Port Ellis", "aliases": ["PORT ELLIS"]}, "PORT ELLIS", day, None),
        (farm, "built_by", {"name": "Southwind Power"}, "built by Southwind Power", day, None),
        (farm, "opening_date", {"date": day}, "opened on 2 May 2024", None, None),
        (farm, "number_of_turbines", {"amount": 48.0, "noun": "turbines"}, "The farm has 48 turbines", day, None),
        (farm, "capacity", {"amount": 400.0, "unit": "MW"}, "a capacity of 400 megawatts", day, None),
        (farm, "number_of_homes", {"amount": 300000.0, "noun": "homes", "qualifier": "approximately"},
         "enough to power about 300,000 homes", day, None),
        (farm, "cost", {"amount": 1.1, "scale": "billion", "currency": "GBP"}, "It cost £1.1 billion", day, None),
        (farm, "employees", {"amount": 120.0, "noun": "people"}, "employs 120 people", day, None),
        ("Maria Lopez", "role", {"name": "Maria Lopez", "role": "Chief Executive of Northwind Energy"},
         "Maria Lopez, Chief Executive of Northwind Energy", day, None),
    ]


def test_dateline_article_checks_against_its_own_claims(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    shutil.copy(FIXTURES / "harbour-wind-farm-dateline.txt", "article.txt")
    assert run("init").exit_code == 0
    assert run("source", "add", "article.txt", "--id", "harbour", "--published", "2024-05-02").exit_code == 0
    assert run("extract", "harbour", "--write").exit_code == 0
    assert run("validate").output == "ok: 9 claims in 1 file, 1 source\n"
    Path("draft.md").write_text("The Harbour Wind Farm has 48 turbines.\n\n"
                                "The Harbour Wind Farm has a capacity of 500 MW.\n\n"
                                "The farm provides enough power for about 300,000 homes.\n")
    out = run("check", "draft.md", "--format", "json")
    findings = json.loads(out.output)["findings"]
    assert [(f["line"], f["verdict"], f["claim"]["id"]) for f in findings] == [
        (1, "consistent", "harbour-number-of-turbines-1"), (3, "inconsistent", "harbour-capacity-1"),
        (5, "consistent", "harbour-number-of-homes-1")]


def test_press_release_with_dateline_and_officials(tmp_path: Path):
    # The dateline gives place and date, not the subject; "today" is the release date, so it is the
    # same fact; the officials in the "launched by" list are people with their titles.
    ministry = "Ministry of Water Resources"
    first = ("The Ministry of Water Resources today announced a £340 million programme to protect 12,000 homes "
             "along the Avon valley from flooding")
    officials = ("launched by Minister for Water Helen Carter, Deputy Minister Tom Reyes and Permanent "
                 "Secretary Anil Shah")
    delivered = "delivered between 2022 and 2027 by the Environment Agency and the Avon Valley Council"
    day = "2022-04-14"
    assert proposals(tmp_path, "ministry-flood-release.txt") == [
        (ministry, "announcement_place", {"name": "Riverton", "aliases": ["RIVERTON", "RIVERTON, April 14, 2022"]},
         "RIVERTON, April 14, 2022", day, None),
        (ministry, "announcement_date", {"date": day}, "April 14, 2022", None, None),
        (ministry, "amount", {"amount": 340.0, "scale": "million", "currency": "GBP"}, first, day, None),
        (ministry, "number_of_homes", {"amount": 12000.0, "noun": "homes"}, first, day, None),
        (ministry, "launched_by", {"name": "Helen Carter", "role": "Minister for Water"}, officials, day, None),
        (ministry, "launched_by", {"name": "Tom Reyes", "role": "Deputy Minister"}, officials, day, None),
        (ministry, "launched_by", {"name": "Anil Shah", "role": "Permanent Secretary"}, officials, day, None),
        ("Helen Carter", "role", {"name": "Helen Carter", "role": "Minister for Water"},
         "Minister for Water Helen Carter", day, None),
        ("Tom Reyes", "role", {"name": "Tom Reyes", "role": "Deputy Minister"}, "Deputy Minister Tom Reyes", day,
         None),
        ("Anil Shah", "role", {"name": "Anil Shah", "role": "Permanent Secretary"}, "Permanent Secretary Anil Shah",
         day, None),
        (ministry, "place", {"name": "Riverton"}, "ceremony in Riverton", day, None),
        (ministry, "delivery_period", {"date": "2022", "end": "2027"},
         "It will be delivered between 2022 and 2027 by the Environment Agency", None, None),
        (ministry, "delivered_by", {"name": "Environment Agency"}, delivered, day, None),
        (ministry, "delivered_by", {"name": "Avon Valley Council"}, delivered, day, None),
        ("Grace Okafor", "role", {"name": "Grace Okafor", "role": "chief engineer of the ministry"},
         "The ministry's chief engineer, Dr Grace Okafor", day, None),
        (ministry, "distance", {"amount": 40.0, "unit": "km"}, "said 40 kilometres of embankments would be rebuilt",
         day, None),
        # Flooding is what the clause says cost the money; the Treasury only reports it.
        ("Flooding", "cost", {"amount": 85.0, "scale": "million", "currency": "GBP"},
         "Flooding cost the region £85 million in 2020", "2020", None),
        (ministry, "employees", {"amount": 2300.0, "noun": "staff"}, "the ministry employs 2,300 staff", day, None),
    ]


def test_health_report_rates_ratios_and_year_ranges(tmp_path: Path):
    # "one in five" is a share, "312 per 100,000 people" one rate (not 312 and 100,000), "type 2" and
    # "over 65" are labels, and a year or range right after a figure is its as_of or period.
    day = "2023-05-01"
    assert proposals(tmp_path, "diabetes-health-report.txt") == [
        # the kind of a measure is in its property, and its baseline's
        ("Westshire", "diabetes_prevalence", {"amount": 8.4, "unit": "percent"},
         "Diabetes prevalence among adults in Westshire reached 8.4% in 2022", "2022", None),
        ("Westshire", "diabetes_prevalence", {"amount": 6.1, "unit": "percent"}, "up from 6.1% in 2012", "2012",
         None),
        # a measure of a measure names what is measured when no place or group owns it
        ("rate of hospital admissions for diabetes", "hospital_admissions", {"amount": 312.0, "unit": "per 100,000", "noun": "people"},
         "The rate of hospital admissions for diabetes was 312 per 100,000 people between 2019 and 2021", day,
         ("2019", "2021")),
        ("Westshire", "share", {"amount": 20.0, "unit": "percent"}, "One in five adults over 65 has type 2 diabetes",
         day, None),
        ("Westshire", "deaths_change", {"amount": 9.0, "unit": "percent"},
         "Deaths linked to diabetes fell by 9% from 2015 to 2020", day, ("2015", "2020")),
        ("Westshire", "residents_screened", {"amount": 45000.0, "noun": "residents", "qualifier": "approximately"},
         "Around 45,000 residents were screened in 2021-22", day, ("2021", "2022")),
        ("Westshire", "share", {"amount": 30.0, "unit": "percent"},
         "and 3 in 10 of them were referred for further tests", day, None),
        ("Samuel Green", "role", {"name": "Samuel Green", "role": "Director of Public Health"},
         "Dr Samuel Green, Director of Public Health", day, None),
        ("Westshire", "spending_change", {"amount": 15.0, "unit": "percent"},
         "said spending on prevention rose 15% in 2022", "2022", None),
    ]


def test_refers_back_by_checks_rule(tmp_path: Path):
    # "Those turbines ..." speaks of the sentence before (check's rule); "The Paris Agreement ..." names
    # its own subject; "MW" and "March" are never subjects.
    root = tmp_path / "l"
    init_ledger(root)
    (tmp_path / "s.txt").write_text(
        "Nordvik Power runs the Skerry plant. Those turbines produce 120 MW.\n\n"
        "The Paris Agreement was signed by 196 parties. In March 40 MW more came online.\n")
    add_source(root, tmp_path / "s.txt", published="2021-05")
    claims = extract_claims(load_ledger(root), "s")
    assert [(c.subject.name, c.source.quote) for c in claims] == [
        ("Nordvik Power", "Those turbines produce 120 MW"),
        ("Paris Agreement", "The Paris Agreement was signed by 196 parties"),
        ("Paris Agreement", "In March 40 MW more came online"),
    ]
