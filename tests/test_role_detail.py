"""A stated role holding the whole claimed role and more is compatible, not contradicted; another
qualifier of the same title is a contradiction. Sentences written for the test."""

from __future__ import annotations

import pytest
from helpers import checker_of

TEXT = "The flood plan was presented by Professor Lena Ortiz. Mayor Tom Vale of Brenwick backed it.\n"


@pytest.fixture(scope="module")
def checker(tmp_path_factory):
    return checker_of(TEXT, tmp_path_factory.mktemp("l"), publisher="Brenwick Council")


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Professor Lena Ortiz presented the flood plan.", ["consistent"]),
    # more than the source says
    ("Lena Ortiz, Professor of Hydrology at Kell University, presented the flood plan.", ["unverified"]),
    ("Associate Professor Lena Ortiz presented the flood plan.", ["inconsistent"]),
    # another title altogether: people hold several roles, so the source's says nothing of it
    ("Lena Ortiz, head of the hydrology unit, presented the flood plan.", ["unverified"]),
    ("Lecturer Lena Ortiz presented the flood plan.", ["unverified"]),  # reported, never dropped
])  # fmt: skip
def test_a_more_specific_role_is_compatible_only(checker, sentence, expected):
    assert [f.verdict for f in checker.check_text(sentence, "d.txt")] == expected


ROLES = "Ida Holm, head of freight statistics at the Tarn Office, presented the data.\n"


@pytest.fixture(scope="module")
def roles(tmp_path_factory):
    return checker_of(ROLES, tmp_path_factory.mktemp("r"), publisher="Tarn Office")


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Ida Holm is head of freight statistics at the Tarn Office.", ["consistent"]),
    # the words of the title's complement count, not its head word alone
    ("Ida Holm is head of wage statistics at the Tarn Office.", ["inconsistent"]),
    ("Ida Holm, head of passenger rail statistics, presented the data.", ["inconsistent"]),
    # without the complement, a wider role: the source does not say she heads the whole office
    ("Ida Holm, head of the Tarn Office, presented the data.", ["unverified"]),
])  # fmt: skip
def test_a_lower_case_title_is_compared_with_its_complement(roles, sentence, expected):
    assert [f.verdict for f in roles.check_text(sentence, "d.txt")] == expected


FORMER = "A former chief executive, Ivo Kral, said the harbour plan was flawed.\n"


@pytest.fixture(scope="module")
def former(tmp_path_factory):
    return checker_of(FORMER, tmp_path_factory.mktemp("f"), publisher="Harbour News")


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Former chief executive Ivo Kral said the harbour plan was flawed.", ["consistent"]),
    ("Chief executive Ivo Kral said the harbour plan was flawed.", ["inconsistent"]),  # not any more
])  # fmt: skip
def test_a_former_title_is_not_the_title(former, sentence, expected):
    assert [f.verdict for f in former.check_text(sentence, "d.txt")] == expected
