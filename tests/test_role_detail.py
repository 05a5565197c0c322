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


OWNED = "\"The budget is fair,\" said Rafael Montes, the city's budget director.\n"


@pytest.fixture(scope="module")
def owned(tmp_path_factory):
    return checker_of(OWNED, tmp_path_factory.mktemp("o"), publisher="Harbour News")


@pytest.mark.parametrize(("sentence", "expected"), [
    # whose title it is counts: the source's "budget director of the city" is no one else's
    ("Rafael Montes is the province's budget director.", ["unverified"]),
    ("Rafael Montes is the budget director.", ["unverified"]),
])  # fmt: skip
def test_a_possessive_title_keeps_its_owner(owned, sentence, expected):
    assert [f.verdict for f in owned.check_text(sentence, "d.txt")] == expected


HOLDERS = ("\"We acted fast,\" said Oda Brun, Tarnwell's head of product safety. Its director of field "
           "operations, Ines Vold, agreed. Governor Kai Lund opened the plant. Piet Dam, a board member, "
           "spoke.\n")


@pytest.fixture(scope="module")
def holders(tmp_path_factory):
    return checker_of(HOLDERS, tmp_path_factory.mktemp("h"), publisher="Tarnwell Appliances")


@pytest.mark.parametrize(("sentence", "expected"), [
    # a person's title is evidence of the match, though no other word of the sentence is the claim's
    ("Ines Vold is director of field operations.", ["consistent"]),
    ("Oda Brun is Tarnwell's head of product safety.", ["consistent"]),
    # a title one person holds at a time, which the source gives someone else
    ("Ines Vold is Tarnwell's head of product safety.", ["inconsistent", "unverified"]),
    ("Ines Vold is the Governor.", ["inconsistent", "unverified"]),
    # not when it may be one of several, a past holder, a shared title, or denied
    ("Ines Vold is a head of product safety.", ["unverified"]),
    ("In 2019, Ines Vold was Tarnwell's head of product safety.", ["unverified", "unverified"]),
    ("Ines Vold is a board member.", ["unverified"]),
    ("Ines Vold is not Tarnwell's head of product safety.", ["unverified"]),
])  # fmt: skip
def test_a_sole_title_held_by_another_person_is_inconsistent(holders, sentence, expected):
    assert [f.verdict for f in holders.check_text(sentence, "d.txt")] == expected


def test_the_holder_is_cited_with_the_stated_title(holders):
    [wrong, _] = holders.check_text("Ines Vold is Tarnwell's head of product safety.", "d.txt")
    assert wrong.reason.startswith("states Tarnwell's head of product safety; the source says Oda Brun, "
                                   "head of product safety of Tarnwell (")


BOARD = "Members elected a new board chair, Ida Brekk, in June.\n"


@pytest.fixture(scope="module")
def board(tmp_path_factory):
    return checker_of(BOARD, tmp_path_factory.mktemp("bc"), publisher="Tarn Housing Cooperative")


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Ida Brekk is the board chair.", ["consistent"]),
    # a noun before the title is part of it, not left out of the comparison
    ("Ida Brekk is the finance chair.", ["inconsistent"]),
    # the same title of a named body: more than the source says
    ("Ida Brekk was elected board chair of the Tarn Housing Cooperative.", ["unverified"]),
])  # fmt: skip
def test_a_noun_before_a_title_is_part_of_it(board, sentence, expected):
    assert [f.verdict for f in board.check_text(sentence, "d.txt")] == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    # a post taken over, given up or hoped for says nothing the source's "X, head of ..." says
    ("Ines Vold replaced Oda Brun as Tarnwell's head of product safety.", ["unverified"]),
    ("Oda Brun resigned as Tarnwell's head of product safety.", ["unverified"]),
    ("Ines Vold was Tarnwell's head of product safety.", ["unverified"]),
    ("Ines Vold is running for Governor.", ["unverified"]),
    # an adverb before a title is no part of it
    ("Kai Lund is still Governor.", ["consistent"]),
])  # fmt: skip
def test_a_post_changing_hands_is_not_confirmed_nor_contradicted(holders, sentence, expected):
    assert [f.verdict for f in holders.check_text(sentence, "d.txt")][:1] == expected


def test_an_older_holder_does_not_contradict_a_newer_one(tmp_path):
    old = "\"Done,\" said Oda Brun, Tarnwell's head of product safety. Ines Vold, its director of sales, agreed.\n"
    new = "\"It is over,\" said Ines Vold, Tarnwell's head of product safety.\n"
    checker = checker_of(old, tmp_path, published="2019-05-01", more=((new, "2025-10-09"),))
    verdicts = [f.verdict for f in checker.check_text("Ines Vold is Tarnwell's head of product safety.", "d")]
    assert verdicts == ["consistent"]


def test_an_older_holder_is_not_confirmed_over_a_newer_one(tmp_path):
    old = "\"Done,\" said Oda Brun, Tarnwell's head of product safety.\n"
    new = "\"It is over,\" said Ines Vold, Tarnwell's head of product safety.\n"
    checker = checker_of(old, tmp_path, published="2019-05-01", more=((new, "2025-10-09"),))
    [first, *_] = checker.check_text("Oda Brun is Tarnwell's head of product safety.", "d")
    assert first.verdict == "unverified" and "Ines Vold" in first.reason


def test_a_title_word_inside_the_owners_name_is_no_title(tmp_path):
    from helpers import verdicts_of

    source = "The board's medical director, Dr Ilsa Morrow, said the ward would reopen in June.\n"
    said = "Dr Ilsa Morrow, the health board's medical director, said the ward would reopen in June."
    assert "inconsistent" not in verdicts_of(source, said, tmp_path)
