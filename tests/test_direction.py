"""A change's direction is part of its value: a fall of 0.7% is the source's "-0.7%", and a rise
of 0.7% contradicts it. Sentences written for the test."""

from __future__ import annotations

import re

import pytest
from helpers import checker_of
from hypothesis import given, settings
from hypothesis import strategies as st

from verifier.common.text import any_of
from verifier.judging import comparable
from verifier.parsing.direction import direction, signed_only

TEXT = ("In the second quarter of 2024, output rose by 1.2% in Norvia and fell by 0.6% in Ostland. "
        "Brae (-0.9%) recorded the sharpest fall. Tarnia's exports were 4.1% lower than a year before.\n")


@pytest.mark.parametrize(("text", "figure", "expected"), [
    ("prices fell by 0.7% in May", "0.7%", "down"),
    ("a drop of about 3% in sales", "3%", "down"),
    ("sales were 4% lower", "4%", "down"),
    ("Malta (-0.7%)", "-0.7%", "down"),
    ("output rose 2.1% in June", "2.1%", "up"),
    ("Denmark (+1.6%)", "1.6%", "up"),
    ("prices fell sharply by 2% in May", "2%", "down"),
    ("prices fell by at least 1% in May", "1%", "down"),
    ("prices fell, by 2%, in May", "2%", "down"),
    ("prices declined by a modest 2% in May", "2%", "down"),
    ("prices fell to 9% of the total", "9%", None),  # a level reached, no change
    ("a share of 9% of the total", "9%", None),
])  # fmt: skip
def test_the_direction_of_a_figure(text, figure, expected):
    start = text.index(figure)
    amount = -float(figure[1:-1]) if figure.startswith("-") else float(figure[:-1])
    assert direction(text, start, start + len(figure), amount) == expected


@pytest.fixture(scope="module")
def checker(tmp_path_factory):
    return checker_of(TEXT, tmp_path_factory.mktemp("l"), publisher="Norvia Statistics", published="2024-08-01")


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Output fell by 0.6% in Ostland in the second quarter of 2024.", "consistent"),
    ("Output rose by 0.6% in Ostland in the second quarter of 2024.", "inconsistent"),
    ("Brae's share fell by 0.9%.", "consistent"),  # the source's "Brae (-0.9%)"
    ("Brae's share rose by 0.9%.", "inconsistent"),
    ("Output rose by 1.2% in Norvia in the second quarter of 2024.", "consistent"),
    ("Output fell by 1.2% in Norvia in the second quarter of 2024.", "inconsistent"),
    ("Tarnia's exports were 4.1% higher than a year before.", "inconsistent"),
    ("Tarnia's exports fell by 4.1% from a year before.", "consistent"),
])  # fmt: skip
def test_a_rise_never_confirms_a_fall(checker, sentence, expected):
    assert [f.verdict for f in checker.check_text(sentence, "d.txt")] == [expected]


@pytest.mark.parametrize(("source", "published", "sentence", "expected"), [
    # a bounded change the other way never agrees
    ("Exports from Norland rose 2% in 2024.\n", "2024-06-01",
     "Exports from Norland fell by more than 1% in 2024.", ["inconsistent"]),
    ("Exports from Norland rose 2% in 2024.\n", "2024-06-01",
     "Exports from Norland fell by less than 3% in 2024.", ["inconsistent"]),
    # the source's words state 3%, but the other way: the sentence's 3% is not checked by them
    ("Norland's exports rose 2% in 2024 while its imports fell 3%.\n", "2024-06-01",
     "Norland's exports rose 2% in 2024 while its imports rose 3%.", ["unverified", "consistent"]),
    # a month without its year in the source: the claim's own date (the August before publication)
    ("Norland's retail sales rose 0.6 percent in August.\n", "2024-03-01",
     "Norland's retail sales rose 0.6 percent in August 2024.", ["unverified"]),
    ("Norland's retail sales rose 0.6 percent in August.\n", "2024-03-01",
     "Norland's retail sales rose 0.6 percent in August 2023.", ["consistent"]),
    # a year that names a thing ("the 2019 trade plan") is no time of the quote's figure
    ("Norland's wheat exports reached 2 million tonnes in 2024 under the 2019 trade plan.\n", "2025-01-10",
     "Norland's wheat exports reached 2 million tonnes in 2019.", ["unverified"]),
])  # fmt: skip
def test_found_in_review(tmp_path, source, published, sentence, expected):
    checker = checker_of(source, tmp_path, published=published)
    assert [f.verdict for f in checker.check_text(sentence, "d.txt")] == expected


_CHANGE_PARTS = ["rose", "Fell", "by", "a", "sharp", "2%", "12", "percent", "higher", "+", "-", "up", "down", "grew",
                 "the", "total", "of", "increase", "about", "ſ", "K", ",", " "]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_CHANGE_PARTS), max_size=10))
def test_a_text_without_change_words_gives_every_figure_its_sign_only(parts):
    """signed_only lets a claim's quote go unparsed: where it holds, no figure of the text has a
    direction but a negative amount's."""
    text = " ".join(parts)
    if signed_only(text):
        for start in range(len(text) + 1):
            for end in range(start, min(len(text), start + 4) + 1):
                assert direction(text, start, end, 1.0) is None, (text, start, end)
                assert direction(text, start, end, -1.0) == "down"


_WORDS = frozenset({"rose", "rise", "rises", "fell", "fall", "up", "cut", "cuts", "decline"})


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="rosefalupctdclinRSEK ſİı-", max_size=14))
def test_the_tree_of_words_is_found_where_any_word_is(text):
    flat = re.compile("(?i:" + "|".join(map(re.escape, sorted(_WORDS))) + ")")
    assert bool(any_of(_WORDS).search(text)) == bool(flat.search(text))
    assert any_of(frozenset()).search(text) is None


_GAP_PARTS = ["9", "years", "below", "above", "the", "average", "short", "of", "ahead", "Behind", "was", "%", "A",
              " ", "  ", "beneath", "its"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_GAP_PARTS), max_size=9))
def test_a_quote_without_a_gap_word_has_no_gap(parts):
    """A claim's quote is parsed for a figure's gap ("nine years below the average") only when it has
    one of the gap words: wherever a gap is read, the word is there."""
    text = " ".join(parts)
    for end in range(len(text) + 1):
        if comparable._GAP.match(text, end):
            assert comparable._GAP_WORD.search(text)


def test_a_change_verb_further_back_gives_the_figure_after_by_its_direction():
    text = "The council increased the number of routes running every ten minutes by eight, to 19."
    at = text.index("eight")
    assert direction(text, at, at + 5, 8) == "up"
    text = "The trust reduced the number of beds open over winter by 12."
    at = text.index("12")
    assert direction(text, at, at + 2, 12) == "down"
    text = "Staff numbers fell to 109 by March."  # no figure after "by"
    at = text.index("109")
    assert direction(text, at, at + 3, 109) is None
