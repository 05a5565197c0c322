"""One source giving two figures that the ledger files under one subject and property is not two
sources disagreeing: those are two facts the property does not tell apart, and a statement
matching either is unverified, never contested. Sentences written for the test."""

from __future__ import annotations

import pytest
from helpers import checker_of

TEXT = "The Tarn Trust gave £3 million to the city museum. The Tarn Trust gave £5 million to the zoo.\n"


@pytest.fixture(scope="module")
def checker(tmp_path_factory):
    return checker_of(TEXT, tmp_path_factory.mktemp("l"), published="2024-05-01")


def test_the_two_figures_share_one_group(checker):
    keys = {(c.subject.name, c.property) for c in checker.index.claims}
    assert keys == {("Tarn Trust", "amount")}


@pytest.mark.parametrize("sentence", [
    "The Tarn Trust gave £3 million to the city museum.",
    "The Tarn Trust gave £5 million to the city museum.",
])  # fmt: skip
def test_a_figure_of_either_is_unverified_with_both_cited(checker, sentence):
    [finding] = checker.check_text(sentence, "d.txt")
    assert finding.verdict == "unverified"
    assert "the source gives more than one figure for this" in finding.reason
    assert "£3 million" in finding.reason and "£5 million" in finding.reason


def test_a_figure_of_neither_is_still_inconsistent(checker):
    assert [f.verdict for f in checker.check_text("The Tarn Trust gave £4 million.", "d.txt")] == ["inconsistent"]
