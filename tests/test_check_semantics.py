"""`check` never passes a figure its source does not support: the source must imply the statement,
a bare number is read at the precision its writer meant, and every value of a sentence is checked.

The ledger here is built in memory from a short text of our own, so each rule is pinned on
sentences of the shapes that used to pass wrongly."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from verifier.checking.pipeline import Checker
from verifier.config import Tolerance
from verifier.ledger.load import Ledger
from verifier.matching.index import build_index
from verifier.models import Claim, Source

TEXT = (
    "Harbour Wind Farm cost $100 million to build. "
    "The farm was opened in Port Ellis on 4 May 2019. "
    "Westvale had 37,508 residents in the 2020 census. "
    "The Delta Road Project received $194 million for road building. "
    "Norland has a GDP of more than $1 trillion. "
    "Norland lies in northern Arcadia. "
    "The turbines carry a warranty of at least five years. "
    "The farm's output is 1.2 GW. "
    "Norland's population is 84.75 million. "
    "Harbour Wind Farm's output was 8% higher in March 2023 than in February 2023. "
    "Norland's wind power grew by 12% in 2023. "
    "As of January 2024, the farm employed 48 people. "
    "The farm sells power at $40/MWh. "
    "In 2010 the Westvale census cost $5 million. "
)

CLAIMS = [
    ("harbour-cost", "Harbour Wind Farm", "cost", "$100 million",
     {"kind": "quantity", "amount": 100, "scale": "million", "currency": "USD"}, {}),
    ("harbour-opened", "Harbour Wind Farm", "opening_date", "opened in Port Ellis on 4 May 2019",
     {"kind": "date", "date": "2019-05-04"}, {}),
    ("harbour-place", "Harbour Wind Farm", "location", "opened in Port Ellis",
     {"kind": "place", "name": "Port Ellis"}, {}),
    ("westvale-residents", "Westvale", "population", "Westvale had 37,508 residents",
     {"kind": "quantity", "amount": 37508, "noun": "residents"}, {"as_of": "2020"}),
    ("delta-funding", "Delta Road Project", "funding", "received $194 million for road building",
     {"kind": "quantity", "amount": 194, "scale": "million", "currency": "USD"}, {}),
    ("norland-gdp", "Norland", "gdp", "has a GDP of more than $1 trillion",
     {"kind": "quantity", "amount": 1, "scale": "trillion", "currency": "USD", "qualifier": "more_than"}, {}),
    ("norland-location", "Norland", "location", "Norland lies in northern Arcadia",
     {"kind": "place", "name": "northern Arcadia"}, {}),
    ("harbour-warranty", "Harbour Wind Farm", "warranty", "a warranty of at least five years",
     {"kind": "quantity", "amount": 5, "noun": "years", "qualifier": "at_least"}, {}),
    ("harbour-output", "Harbour Wind Farm", "output", "output is 1.2 GW",
     {"kind": "quantity", "amount": 1.2, "unit": "GW"}, {}),
    ("norland-population", "Norland", "population", "Norland's population is 84.75 million",
     {"kind": "quantity", "amount": 84.75, "scale": "million", "noun": "people"}, {"as_of": "2024"}),
    # as extract proposes them: two facts quoting one sentence, a change and the month it is compared with
    ("harbour-output-change", "Harbour Wind Farm", "output_change",
     "output was 8% higher in March 2023 than in February 2023",
     {"kind": "quantity", "amount": 8, "unit": "percent"}, {"as_of": "2023-03"}),
    ("harbour-output-date", "Harbour Wind Farm", "date", "output was 8% higher in March 2023 than in February 2023",
     {"kind": "date", "date": "2023-02"}, {}),
    ("norland-wind-growth", "Norland", "wind_power_change", "wind power grew by 12% in 2023",
     {"kind": "quantity", "amount": 12, "unit": "percent"}, {"as_of": "2023"}),
    # as extract proposes them: dated by the publication, though the sentence dates the figure
    ("harbour-staff", "Harbour Wind Farm", "staff", "the farm employed 48 people",
     {"kind": "quantity", "amount": 48, "noun": "people"}, {"as_of": "2024-03-01"}),
    ("harbour-price", "Harbour Wind Farm", "price", "sells power at $40/MWh",
     {"kind": "quantity", "amount": 40, "currency": "USD"}, {}),
    # a claim filed under the wrong property, as extract may: the only 2010 "population" is money
    ("westvale-census-cost", "Westvale", "population", "the Westvale census cost $5 million",
     {"kind": "quantity", "amount": 5, "scale": "million", "currency": "USD"}, {"as_of": "2010"}),
]  # fmt: skip


def _ledger(tmp: Path, tolerance: Tolerance | None = None) -> Checker:
    source = Source(
        id="harbour", title="Harbour notes", publisher="Coast Post", published="2024-03-01", kind="news",
        sha256=hashlib.sha256(TEXT.encode()).hexdigest(), path="sources/harbour.txt",
    )  # fmt: skip
    claims = []
    for cid, subject, prop, quote, value, extra in CLAIMS:
        start = TEXT.index(quote)
        claims.append(Claim.model_validate({
            "id": cid, "statement": TEXT[TEXT.rfind(". ", 0, start) + 2 : TEXT.index(". ", start) + 1].strip(),
            "subject": {"name": subject}, "property": prop, "value": value, "status": "verified",
            "source": {"id": "harbour", "start": start, "end": start + len(quote), "quote": quote}, **extra,
        }))  # fmt: skip
    ledger = Ledger(tmp, {"harbour": source}, claims, {}, _texts={"harbour": TEXT})
    return Checker(ledger, tolerance or Tolerance(), build_index(claims))


@pytest.fixture(scope="module")
def checker(tmp_path_factory) -> Checker:
    return _ledger(tmp_path_factory.mktemp("ledger"))


def verdicts(checker: Checker, text: str) -> list[tuple[str, str | None]]:
    return [(f.verdict, f.claim.id if f.claim else None) for f in checker.check_text(text, "d.txt")]


CASES = [
    # A bare round number is read at its writer's precision, never +-50%
    ("Harbour Wind Farm cost $100 million to build.", [("consistent", "harbour-cost")]),
    ("Harbour Wind Farm cost $150 million to build.", [("inconsistent", "harbour-cost")]),
    ("Harbour Wind Farm cost $149 million to build.", [("inconsistent", "harbour-cost")]),
    ("Harbour Wind Farm cost $55 million to build.", [("inconsistent", "harbour-cost")]),
    ("Harbour Wind Farm cost about $100 million to build.", [("consistent", "harbour-cost")]),
    ("Westvale has about 37,500 residents.", [("consistent", "westvale-residents")]),
    ("Norland's population is 80 million.", [("inconsistent", "norland-population")]),
    ("Norland's population is 85 million.", [("consistent", "norland-population")]),
    ("Norland's population is some 80 million.", [("consistent", "norland-population")]),
    # Units convert; a restatement in other units is the same figure
    ("Harbour Wind Farm has an output of 1,200 megawatts.", [("consistent", "harbour-output")]),
    # Supported by the source: its interval must lie inside the statement's
    ("Norland has a GDP of more than $1 trillion.", [("consistent", "norland-gdp")]),
    ("Norland has a GDP of more than $500 billion.", [("consistent", "norland-gdp")]),
    ("Norland has a GDP of more than $3 trillion.", [("unverified", "norland-gdp")]),
    ("Norland has a GDP of $2 trillion.", [("unverified", "norland-gdp")]),
    ("Norland has a GDP of about $500 billion.", [("inconsistent", "norland-gdp")]),
    ("Harbour Wind Farm's turbines carry a warranty of at least ten years.", [("unverified", "harbour-warranty")]),
    ("Harbour Wind Farm's turbines carry a warranty of at least three years.",
     [("consistent", "harbour-warranty")]),
    # Every value accounted for: a date nobody checked, a place in apposition
    ("Harbour Wind Farm was opened in Port Ellis on 4 May 2021.",
     [("inconsistent", "harbour-opened"), ("consistent", "harbour-place")]),
    ("Norland, in southern Arcadia, has a GDP of more than $1 trillion.",
     [("inconsistent", "norland-location"), ("consistent", "norland-gdp")]),
    ("Harbour Wind Farm cost $100 million to build, the largest sum in Arcadia.",
     [("unverified", None), ("consistent", "harbour-cost")]),
    # A name nobody checked is a value too; the source's own publisher speaks for it
    ("The Danish Harbour Wind Farm cost $100 million to build.", [("unverified", None), ("consistent", "harbour-cost")]),
    ("Harbour Wind Farm cost $100 million to build, the Coast Post says.", [("consistent", "harbour-cost")]),
    # A figure dated in the sentence is judged by the figure of that time, or not at all
    ("Westvale had 37,508 residents in the 1990 census.", [("unverified", "westvale-residents")]),
    ("In 2020, Westvale had 37,508 residents.", [("consistent", "westvale-residents")]),
    # Values of other kinds or denominators are never compared
    ("Westvale has 21.4 persons per square kilometre.", [("unverified", None)]),
    ("Harbour Wind Farm cost $100 million to build (p. 44).", [("consistent", "harbour-cost")]),
    # "two-thirds" is a share of its own, which no claim covers; it is no count of 2 compared with the cost
    ("Harbour Wind Farm cost $100 million to build, two-thirds of it borrowed.",
     [("unverified", None), ("consistent", "harbour-cost")]),
    # "the past 10 years", "50 years ago" place a time: compared with neither the 2019 opening date nor
    # the warranty's years, and left uncovered
    ("Harbour Wind Farm has produced power for the past 10 years.", [("unverified", None)]),
    # a percentage change is not a share
    ("Norland's wind power grew by 12% in 2023.", [("consistent", "norland-wind-growth")]),
    ("Norland's wind power grew by 20% in 2023.", [("inconsistent", "norland-wind-growth")]),
    ("In 2023, wind power made up 20% of Norland's electricity.", [("unverified", None)]),
    # an open bound far below the figure is true of it, but says nothing of it
    ("Westvale had more than 40 residents in the 2020 census.", [("unverified", None)]),
    ("Westvale had more than 30,000 residents in the 2020 census.", [("consistent", "westvale-residents")]),
    # A subject the ledger does not cover: unverified, not a look-alike's figure
    ("The Nepal Road Project received $200 million for road building.", [("unverified", None)]),
    ("The Delta Road Project received $200 million for road building.", [("consistent", "delta-funding")]),
    ("The Delta Road Project received $210 million for road building.", [("inconsistent", "delta-funding")]),
    ("Ostland's wind farm cost $100 million to build, as Harbour Wind Farm did.", [("unverified", None)]),
    # a value the claim's own words state is not evidence against it ("March 2023" is in the quote of
    # the February date): the figure is checked in its month, both months are the source's
    ("Harbour Wind Farm's output was 8% higher in March 2023 than in February 2023.",
     [("consistent", "harbour-output-change"), ("consistent", "harbour-output-date")]),
    # the claim's own words date its figure and give its denominator
    ("As of January 2024, Harbour Wind Farm employed 48 people.", [("consistent", "harbour-staff")]),
    ("As of January 2022, Harbour Wind Farm employed 48 people.", [("unverified", "harbour-staff")]),
    ("Harbour Wind Farm sells power at $40/MWh.", [("consistent", "harbour-price")]),
    ("Harbour Wind Farm sells power at $45/MWh.", [("inconsistent", "harbour-price")]),
    ("Harbour Wind Farm sells power at $40 per household.", [("unverified", None)]),
    # the group's figure of that time cannot be compared with the sentence's: no figure, no crash
    ("In 2010, Westvale had 30,000 residents.", [("unverified", "westvale-residents")]),
    # "It", "the farm", "the project" speak of the subject of the sentence before
    ("Harbour Wind Farm opened in 2019. It cost $150 million to build.",
     [("consistent", "harbour-opened"), ("inconsistent", "harbour-cost")]),
    ("Harbour Wind Farm opened in 2019. The project cost $100 million to build.",
     [("consistent", "harbour-opened"), ("consistent", "harbour-cost")]),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "expected"), CASES, ids=[c[0][:60] for c in CASES])
def test_verdicts(checker, sentence, expected):
    assert verdicts(checker, sentence) == expected


def test_an_overlap_says_what_the_source_supports_and_never_counts_as_consistent(checker):
    [finding] = checker.check_text("Norland has a GDP of more than $3 trillion.", "d.txt")
    assert finding.reason == (
        'states more than $3 trillion; the source supports only more than $1 trillion '
        '("has a GDP of more than $1 trillion", Coast Post, 2024-03-01)'
    )
    assert finding.severity == "info" and finding.checked == ["more than $3 trillion"]


def test_an_unchecked_value_is_named_and_the_checked_ones_listed(checker):
    findings = checker.check_text("Harbour Wind Farm cost $100 million to build, the largest sum in Arcadia.", "d.txt")
    assert [(f.verdict, f.reason, f.checked, f.not_covered) for f in findings] == [
        ("unverified", 'no claim in the ledger covers "largest" and "Arcadia"', [], ["largest", "Arcadia"]),
        ("consistent", 'states $100 million; the source says $100 million ("$100 million", Coast Post, 2024-03-01)',
         ["$100 million"], []),
    ]


def test_a_dated_figure_without_a_figure_of_that_time(checker):
    [finding] = checker.check_text("Westvale had 37,508 residents in the 1990 census.", "d.txt")
    assert finding.reason == (
        "states 37,508 for 1990; the ledger has no figure for that time (only as of 2010, 2020)"
    )


def test_rounding_is_configurable(tmp_path):
    loose = _ledger(tmp_path, Tolerance(rounding=0.1))  # trailing zeros may round by 10%
    assert verdicts(loose, "Norland's population is 80 million.") == [("consistent", "norland-population")]


def test_a_four_hundred_digit_number_does_not_crash(checker):
    findings = checker.check_text(f"Harbour Wind Farm cost ${'9' * 400} to build.", "d.txt")
    assert [f.verdict for f in findings] == ["unverified"]
