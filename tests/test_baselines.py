"""A figure is judged only by a figure of the same kind: a change by a change over the same baseline
(a quarter-on-quarter figure and a year-on-year one differ without either being wrong), a count
of part of a group by the count of the same verb. Sentences written for the test."""

from __future__ import annotations

import pytest
from helpers import checker_of

from verifier.parsing.baselines import property_baseline, stated_baseline

TEXT = ("In the second quarter of 2025, Tarnland's exports rose by 0.7% compared with the previous quarter. "
        "Compared with the same quarter of the previous year, exports rose by 3.1%.\n")


@pytest.fixture(scope="module")
def checker(tmp_path_factory):
    return checker_of(TEXT, tmp_path_factory.mktemp("b"), publisher="Tarnland Statistics", published="2025-08-01")


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Tarnland's exports rose by 0.7% in the second quarter of 2025 compared with the previous quarter.",
     ["consistent"]),
    ("Tarnland's exports rose by 3.1% in the second quarter of 2025 compared with the previous quarter.",
     ["inconsistent"]),
    # the year-on-year figure is no evidence against a quarter-on-quarter statement, nor the other way
    ("Tarnland's exports rose by 0.7% in the second quarter of 2025 compared with a year earlier.",
     ["inconsistent"]),
])  # fmt: skip
def test_a_change_is_judged_by_the_change_over_its_own_baseline(checker, sentence, expected):
    findings = checker.check_text(sentence, "d.txt")
    assert [f.verdict for f in findings] == expected
    assert all("3.1" in f.reason for f in findings if "year earlier" in sentence)


@pytest.mark.parametrize(("text", "kind"), [
    ("rose 2% compared with the same quarter of the previous year", "year"),
    ("up 4% from a year earlier", "year"), ("down 1% on the previous year", "year"),
    ("rose 0.3% compared with the previous quarter", "period"), ("fell 1% from the prior month", "period"),
    ("rose 0.3% in May", None),
])  # fmt: skip
def test_the_stated_baseline_is_read_as_a_kind(text, kind):
    assert stated_baseline(text) == kind


def test_a_claims_baseline_is_read_from_its_property():
    assert property_baseline("exports_change_vs_same_quarter_previous_year") == "year"
    assert property_baseline("exports_change_vs_previous_quarter") == "period"
    assert property_baseline("exports_change") is None


VOTE = "Seven of the council's eleven members backed the budget; three abstained from the vote.\n"


@pytest.fixture(scope="module")
def vote(tmp_path_factory):
    return checker_of(VOTE, tmp_path_factory.mktemp("v"), publisher="Tarn Council", published="2025-08-01")


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Three of the council's eleven members abstained.", ["consistent", "consistent"]),
    ("Four of the council's eleven members abstained.", ["inconsistent", "consistent"]),
    # a count of those who did something else is no evidence either way
    ("Three of the council's eleven members opposed the budget.", ["unverified"]),
])  # fmt: skip
def test_a_partitive_count_compares_only_with_the_count_of_the_same_verb(vote, sentence, expected):
    assert sorted(f.verdict for f in vote.check_text(sentence, "d.txt")) == sorted(expected)
