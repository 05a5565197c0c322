"""A figure is judged only by a figure of the same kind: a change by a change over the same baseline
(a quarter-on-quarter figure and a year-on-year one differ without either being wrong), a count
of part of a group by the count of the same verb. Sentences written for the test."""

from __future__ import annotations

import pytest
from helpers import checker_of

from verifier.parsing.baselines import property_baseline, stated_baselines

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


@pytest.mark.parametrize(("text", "kinds"), [
    ("rose 2% compared with the same quarter of the previous year", {"year"}),
    ("up 4% from a year earlier", {"year"}), ("down 1% on the previous year", {"year"}),
    ("rose 2.5% year-on-year", {"year"}), ("rose 1% on an annual basis", {"year"}),
    ("rose 0.3% compared with the previous quarter", {"period quarter"}),
    ("rose 0.3% quarter-on-quarter", {"period quarter"}),
    ("fell 1% from the prior month", {"period month"}), ("rose 0.3% in May", set()),
])  # fmt: skip
def test_the_stated_baseline_is_read_as_a_kind(text, kinds):
    assert stated_baselines(text) == kinds


def test_a_claims_baseline_is_read_from_its_property():
    assert property_baseline("exports_change_vs_same_quarter_previous_year") == "year"
    assert property_baseline("exports_change_vs_year_year") == "year"
    assert property_baseline("exports_change_vs_previous_quarter") == "period quarter"
    assert property_baseline("exports_change") is None


VOTE = "Seven of the council's eleven members backed the budget; three abstained from the vote.\n"


@pytest.fixture(scope="module")
def vote(tmp_path_factory):
    return checker_of(VOTE, tmp_path_factory.mktemp("v"), publisher="Tarn Council", published="2025-08-01")


@pytest.mark.parametrize(("sentence", "expected"), [
    # "eleven" is the matched claim's own sentence's: checked with it
    ("Three of the council's eleven members abstained.", ["consistent"]),
    ("Four of the council's eleven members abstained.", ["inconsistent"]),
    # a count of those who did something else is no evidence either way
    ("Three of the council's eleven members opposed the budget.", ["unverified"]),
])  # fmt: skip
def test_a_partitive_count_compares_only_with_the_count_of_the_same_verb(vote, sentence, expected):
    assert sorted(f.verdict for f in vote.check_text(sentence, "d.txt")) == sorted(expected)


TWO_CHANGES = ("In the third quarter of 2025, Tarnland's exports rose by 2.5% year-on-year, while its imports "
               "rose by 0.4% compared with the previous quarter. Tarnland's output rose by 0.6% on the previous "
               "quarter and by 2.1% on the same quarter of 2024.\n")


@pytest.fixture(scope="module")
def two_changes(tmp_path_factory):
    return checker_of(TWO_CHANGES, tmp_path_factory.mktemp("t"), publisher="Tarnland Statistics",
                      published="2025-11-01")


@pytest.mark.parametrize(("sentence", "expected"), [
    # each change has the baseline stated after it, not the sentence's first
    ("Tarnland's exports rose by 2.5% in the third quarter of 2025 year-on-year.", ["consistent"]),
    ("Tarnland's output rose by 2.1% in the third quarter of 2025 compared with the same quarter of 2024.",
     ["consistent"]),
    ("Tarnland's output rose by 0.6% in the third quarter of 2025 compared with the previous quarter.",
     ["consistent"]),
    # a month-on-month change is not a quarter-on-quarter one; exports are not imports
    ("Tarnland's output rose by 0.6% in the third quarter of 2025 compared with the previous month.",
     ["unverified"]),
    ("Tarnland's exports rose by 2.5% in the third quarter of 2025 compared with the previous quarter.",
     ["unverified"]),
])  # fmt: skip
def test_each_change_has_its_own_baseline_and_measure(two_changes, sentence, expected):
    assert [f.verdict for f in two_changes.check_text(sentence, "d.txt")][:1] == expected


def test_a_count_voted_for_is_no_count_voted_against(tmp_path):
    text = "The Kell Water board met. Five of the Kell Water board's nine members voted for the rise.\n"
    checker = checker_of(text, tmp_path, publisher="Kell Water", published="2025-08-01")
    against = "Five of the Kell Water board's nine members voted against the rise."
    assert [f.verdict for f in checker.check_text(against, "d")][:1] == ["unverified"]
    same = "Five of the Kell Water board's nine members voted for the rise."
    assert [f.verdict for f in checker.check_text(same, "d")] == ["consistent"]  # nine: the source's words


def test_a_count_of_those_who_did_is_not_the_groups_total(tmp_path):
    text = "The Kell Water board met. Five of the board's nine members voted for the rise; two abstained.\n"
    checker = checker_of(text, tmp_path, publisher="Kell Water", published="2025-08-01")
    assert [f.verdict for f in checker.check_text("Two Kell Water board members abstained.", "d")] == ["consistent"]
    assert [f.verdict for f in checker.check_text("Three Kell Water board members abstained.", "d")] \
        == ["inconsistent"]


def test_a_dated_baseline_picks_the_change_of_its_kind(tmp_path):
    text = ("Tarnland Statistics: Quarterly Accounts, Q2 2025\n\n"
            "In the second quarter of 2025, Tarnland's exports rose by 0.7% compared with the previous quarter. "
            "Compared with the same quarter of the previous year, exports rose by 3.1%.\n")
    checker = checker_of(text, tmp_path, publisher="Tarnland Statistics", published="2025-08-01")
    said = "Compared with the second quarter of 2024, Tarnland's exports rose by {} in the second quarter of 2025."
    # the second quarter of 2024 is a year before the figure's quarter: a year-on-year change
    assert [f.verdict for f in checker.check_text(said.format("3.1%"), "d.md")][0] == "consistent"
    assert [f.verdict for f in checker.check_text(said.format("0.7%"), "d.md")][0] == "inconsistent"
