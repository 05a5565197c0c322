"""A sentence that names no subject the ledger knows is still checked against the claim whose own
words say what it says ("The Kestrel contracts ..." where the source's subject is "The Kestrel
Programme Office"), but only where the claim names every name the sentence states. Sentences here
are written for the test."""

from __future__ import annotations

import pytest
from helpers import checker_of

TEXT = ("The Kestrel Programme Office awarded service contracts with a total value of up to $12.4 million "
        "over a period of up to four years. Its director said the work would start in spring.\n")


@pytest.fixture(scope="module")
def checker(tmp_path_factory):
    return checker_of(TEXT, tmp_path_factory.mktemp("l"), publisher="Kestrel Programme Office")


def verdicts(checker, text: str) -> list[str]:
    return [f.verdict for f in checker.check_text(text, "d.txt")]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The Kestrel service contracts have a total value of up to $12.4 million.", ["consistent"]),
    # a word the claim does not hold may make it another figure
    ("The Kestrel service contracts have a combined value of up to $12.4 million.", ["unverified"]),
    ("The Kestrel service contracts have a total value of up to $14.2 million.", ["inconsistent"]),
    ("The Kestrel service contracts were awarded over a period of up to six years.", ["inconsistent"]),
    ("Kestrel awarded service contracts over a period of up to four years.", ["consistent"]),
    # a name the claim does not hold: another programme's contracts, not evidence
    ("The Osprey service contracts have a total value of up to $12.4 million.", ["unverified"]),
    # too few words beside the value to tell what it is of
    ("Contracts: $12.4 million.", ["unverified"]),
])  # fmt: skip
def test_a_claim_found_by_its_words(checker, sentence, expected):
    assert verdicts(checker, sentence) == expected


COST = "The index for all goods rose 2.1 percent in March 2024. Fuel costs climbed sharply.\n"


@pytest.fixture(scope="module")
def goods(tmp_path_factory):
    checker = checker_of(COST, tmp_path_factory.mktemp("g"), published="2024-04-10")
    assert any("index" in c.subject.aliases for c in checker.ledger.claims)  # the noun alone names it too
    return checker


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The index rose 5.0 percent in March 2024.", ["inconsistent"]),
    ("The all goods index rose 2.1 percent in March 2024.", ["consistent"]),
    ("The overall index rose 2.1 percent in March 2024.", ["consistent"]),  # the whole, not a part
    # a modifier the subject's name lacks names another index: not evidence either way
    ("The food index rose 5.0 percent in March 2024.", ["unverified"]),
])  # fmt: skip
def test_a_noun_of_a_name_modified_otherwise_is_another_subject(goods, sentence, expected):
    assert verdicts(goods, sentence) == expected


def test_a_modified_noun_carries_no_subject_from_before(goods):
    text = "The index rose 2.1 percent in March 2024.\n\nThe food index rose 5.0 percent in March 2024.\n"
    assert verdicts(goods, text) == ["consistent", "unverified"]
