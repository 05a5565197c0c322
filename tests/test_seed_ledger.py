"""The seed ledger (sources/ and claims/) is valid, its spans point at their quotes, and the
facts the checker is demonstrated on are recorded with exact typed values."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from verifier.models import Claim, ClaimsFile, Source

ROOT = Path(__file__).resolve().parents[1]
SOURCE_FILES = sorted((ROOT / "sources").glob("*.yaml"))
CLAIM_FILES = sorted((ROOT / "claims").glob("*.yaml"))
# Properties whose claims each name one member of a set (see the header of every claims file).
SET_VALUED = {"organizer", "co_organizer", "launched_by", "partner", "supported_by", "members"}


def _load(path: Path) -> object:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


SOURCES: dict[str, Source] = {s.id: s for s in (Source.model_validate(_load(p)) for p in SOURCE_FILES)}
CLAIMS: list[tuple[str, Claim]] = [
    (p.name, c) for p in CLAIM_FILES for c in ClaimsFile.model_validate(_load(p)).claims
]


def _text(source_id: str) -> str:
    return (ROOT / SOURCES[source_id].path).read_bytes().decode("utf-8")


def _find(subject: str, prop: str, source_id: str | None = None) -> list[Claim]:
    return [
        c
        for _, c in CLAIMS
        if c.subject.name == subject and c.property == prop and source_id in (None, c.source.id)
    ]


def _find_prop(prop: str, source_id: str) -> list[Claim]:
    return [c for _, c in CLAIMS if c.property == prop and c.source.id == source_id]


def _one(subject: str, prop: str, source_id: str) -> Claim:
    found = _find(subject, prop, source_id)
    assert len(found) == 1, f"{subject}/{prop} in {source_id}: {[c.id for c in found]}"
    return found[0]


def _value(claim: Claim) -> dict:
    return claim.value.model_dump(exclude_defaults=True) | {"kind": claim.value.kind}


# ---------------------------------------------------------------- sources


def test_the_ledger_has_the_three_seeds_and_a_reference() -> None:
    assert sorted(SOURCES) == [
        "abc-2017-06-jiangsu-pact",
        "iclei-2015-09-ccucc-launch",
        "iclei-2016-06-climate-leaders-summit",
        "ref-jiangsu-facts",
    ]
    assert {s.id: s.kind for s in SOURCES.values()} == {
        "abc-2017-06-jiangsu-pact": "news",
        "iclei-2015-09-ccucc-launch": "press-release",
        "iclei-2016-06-climate-leaders-summit": "news",
        "ref-jiangsu-facts": "reference",
    }
    assert SOURCES["iclei-2015-09-ccucc-launch"].published == "2015-09-15"
    assert SOURCES["abc-2017-06-jiangsu-pact"].published == "2017-06"


@pytest.mark.parametrize("path", SOURCE_FILES, ids=lambda p: p.name)
def test_source_metadata_names_its_file_and_its_hash(path: Path) -> None:
    source = Source.model_validate(_load(path))
    assert source.id == path.stem
    assert source.path == f"sources/{path.stem}.txt"
    data = (ROOT / source.path).read_bytes()
    assert hashlib.sha256(data).hexdigest() == source.sha256


def test_every_source_text_has_metadata() -> None:
    texts = {p.stem for p in (ROOT / "sources").glob("*.txt")}
    assert texts == set(SOURCES)


# ---------------------------------------------------------------- claims and spans


@pytest.mark.parametrize("name,claim", CLAIMS, ids=[c.id for _, c in CLAIMS])
def test_span_points_at_its_quote(name: str, claim: Claim) -> None:
    span = claim.source
    assert span.id in SOURCES, f"{name}: unknown source {span.id}"
    text = _text(span.id)
    assert 0 <= span.start < span.end <= len(text)
    assert text[span.start : span.end] == span.quote
    assert span.prefix is not None and span.suffix is not None
    assert len(span.prefix) <= 32 and len(span.suffix) <= 32
    assert text[max(0, span.start - 32) : span.start] == span.prefix
    assert text[span.end : span.end + 32] == span.suffix


def test_claim_ids_are_unique_and_there_are_enough_claims() -> None:
    ids = [c.id for _, c in CLAIMS]
    assert len(ids) == len(set(ids))
    assert len(ids) > 40


def test_each_claims_file_holds_claims_of_its_own_source() -> None:
    for name, claim in CLAIMS:
        assert claim.source.id == Path(name).stem, claim.id


def test_a_subject_has_the_same_names_and_type_in_every_claim() -> None:
    seen: dict[str, tuple[list[str], str]] = {}
    for _, claim in CLAIMS:
        names = (claim.subject.aliases, claim.subject.type)
        assert seen.setdefault(claim.subject.name, names) == names, claim.id


def test_properties_are_snake_case_and_set_valued_ones_are_tagged() -> None:
    for _, claim in CLAIMS:
        assert re.fullmatch(r"[a-z][a-z0-9]*(_[a-z0-9]+)*", claim.property), claim.id
        assert ("set-valued" in claim.tags) == (claim.property in SET_VALUED), claim.id


# ---------------------------------------------------------------- the facts themselves

ABC = "abc-2017-06-jiangsu-pact"
REF = "ref-jiangsu-facts"
ICLEI16 = "iclei-2016-06-climate-leaders-summit"
ICLEI15 = "iclei-2015-09-ccucc-launch"


def test_jiangsu_gdp_and_population_as_abc_states_them() -> None:
    gdp = _one("Jiangsu", "gdp", ABC)
    assert _value(gdp) == {
        "kind": "quantity", "amount": 1.0, "scale": "trillion", "currency": "USD", "qualifier": "more_than"
    }
    assert gdp.as_of == "2017-06"
    population = _one("Jiangsu", "population", ABC)
    assert _value(population) == {
        "kind": "quantity", "amount": 80.0, "scale": "million", "noun": "people", "qualifier": "approximately"
    }
    assert population.subject.names() == ["Jiangsu", "Jiangsu Province", "Jiangsu province"]
    assert _value(_one("Jiangsu", "population_density_rank", ABC))["rank"] == 1
    assert _value(_one("Jiangsu", "clean_energy_production_rank", ABC))["rank"] == 1


def test_jiangsu_location_conflict_is_in_the_ledger() -> None:
    locations = {c.source.id: c.value.name for c in _find("Jiangsu", "location")}
    assert locations == {ABC: "southwest China", REF: "East China"}


def test_reference_dates_jiangsu_population_and_gdp() -> None:
    population = {c.as_of: _value(c) for c in _find("Jiangsu", "population", REF)}
    assert population == {
        "2016-12": {"kind": "quantity", "amount": 79.99, "scale": "million", "noun": "people"},
        "2020-11-01": {"kind": "quantity", "amount": 84.75, "scale": "million", "noun": "people"},
    }
    gdp = {c.value.currency: (_value(c), c.as_of) for c in _find("Jiangsu", "gdp", REF)}
    assert gdp["USD"] == (
        {"kind": "quantity", "amount": 1.1, "scale": "trillion", "currency": "USD", "qualifier": "more_than"},
        "2016",
    )
    assert gdp["CNY"][0]["amount"] == 7.6 and gdp["CNY"][0]["high"] == 7.8


def test_who_air_pollution_deaths() -> None:
    indoor = _one("World Health Organization", "deaths_from_indoor_air_pollution", ICLEI16)
    outdoor = _one("World Health Organization", "deaths_from_outdoor_air_pollution", ICLEI16)
    assert _value(indoor) == {"kind": "quantity", "amount": 4.3, "scale": "million", "noun": "deaths"}
    assert _value(outdoor) == {"kind": "quantity", "amount": 3.7, "scale": "million", "noun": "deaths"}
    assert "WHO" in indoor.subject.aliases


def test_american_lung_association_figures() -> None:
    claim = _one("United States population", "people_in_counties_with_dangerous_air_pollution", ABC)
    assert _value(claim) == {
        "kind": "quantity", "amount": 125.0, "scale": "million", "noun": "people", "qualifier": "nearly"
    }
    assert (claim.period.start, claim.period.end) == ("2013", "2015")
    assert "Europeans" not in claim.subject.names() and "Americans" in claim.subject.names()
    period = _one("American Lung Association", "data_period", ABC)
    assert _value(period) == {"kind": "date", "date": "2013", "end": "2015"}
    start = _one("American Lung Association", "report_start_year", ABC)
    assert _value(start) == {"kind": "date", "date": "2000"}


def test_governors_terms() -> None:
    term = _one("Arnold Schwarzenegger", "term_of_office", ABC)
    assert _value(term) == {"kind": "date", "date": "2003", "end": "2011"}
    first = _one("Jerry Brown", "first_term_of_office", ABC)
    assert _value(first) == {"kind": "date", "date": "1970", "end": "1979"}
    remaining = _one("Jerry Brown", "remaining_time_in_office", ABC)
    assert _value(remaining) == {"kind": "quantity", "amount": 18.0, "noun": "months"}
    roles = {c.source.id: c.value.role for c in _find("Jerry Brown", "role")}
    assert roles == dict.fromkeys([ABC, ICLEI16, ICLEI15], "Governor of California")


def test_paris_agreement_facts() -> None:
    withdrawal = _one("Donald Trump", "paris_withdrawal_announcement_date", ABC)
    assert _value(withdrawal) == {"kind": "date", "date": "2017-06-01"}
    count = _one("Paris Agreement", "signatory_count", ABC)
    assert _value(count) == {"kind": "quantity", "amount": 200.0, "noun": "nations", "qualifier": "nearly"}
    assert _value(_one("Paris Agreement", "signing_date", ABC)) == {"kind": "date", "date": "2016"}
    target = _one("Paris Agreement", "temperature_target", ABC)
    assert _value(target) == {"kind": "quantity", "amount": 1.5, "unit": "celsius"}


def test_summits() -> None:
    summit = "2nd US-China Climate Leaders Summit"
    assert _value(_one(summit, "date", ICLEI16)) == {"kind": "date", "date": "2016-06-08"}
    assert _one(summit, "place", ICLEI16).value.name == "Beijing"
    first = "1st US-China Climate Leaders Summit"
    assert _value(_one(first, "date", ICLEI16)) == {"kind": "date", "date": "2015-09"}
    assert _one(first, "place", ICLEI16).value.name == "Los Angeles"
    session = "ICLEI session on air quality improvement and low-carbon development"
    assert {c.value.name for c in _find(session, "co_organizer")} == {
        "ICLEI", "Energy Foundation China", "Clean Air Alliance of China", "NDRC Energy Research Institute"
    }


def test_every_speaker_has_a_role() -> None:
    speakers = {
        c.subject.name: c.value.role for c in _find_prop("role", ICLEI16) if c.subject.name != "Jerry Brown"
    }
    assert len(speakers) == 8
    assert speakers["Zhaoli Jiang"] == "Deputy Director of NDRC Department of Climate Change"
    assert speakers["Elizabeth Tisdahl"] == "Mayor of Evanston"


def test_eacac_has_nine_members() -> None:
    count = _one("East Asia Clean Air Cities", "member_count", ICLEI16)
    assert _value(count) == {"kind": "quantity", "amount": 9.0, "noun": "cities and provinces"}
    members = {c.value.name for c in _find("East Asia Clean Air Cities", "members", ICLEI16)}
    assert members == {
        "Beijing", "Guiyang", "Jinan", "Shenzhen", "Sichuan", "Kitakyushu", "Tokyo", "Seoul", "Ulaanbaatar"
    }


def test_iclei_and_ccucc_facts() -> None:
    size = _one("ICLEI", "member_count", ICLEI15)
    assert _value(size) == {
        "kind": "quantity", "amount": 1000.0, "noun": "cities, towns, and counties", "qualifier": "more_than"
    }
    ccucc = "California-China Urban Climate Collaborative"
    launch = {c.source.id: c.value.date for c in _find(ccucc, "launch_date")}
    assert launch == {ICLEI15: "2015-09-15", ICLEI16: "2015"}
    assert {c.value.name for c in _find(ccucc, "partner")} == {
        "Lawrence Berkeley National Laboratory",
        "California-China Office of Trade and Investment",
        "Bay Area Council",
        "Asia Society",
    }
    for prop in ("initial_cohort_california_cities", "initial_cohort_chinese_cities"):
        assert _value(_one(ccucc, prop, ICLEI15)) == {"kind": "quantity", "amount": 10.0, "noun": "cities"}
    assert _one(ccucc, "seed_funder", ICLEI15).value.name == "Energy Foundation China"
