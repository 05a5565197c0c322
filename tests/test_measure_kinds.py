"""A kind of a measure ("fuel prices", "youth unemployment") is another figure than the measure or
another kind of it: extract puts the kind in the property, and check neither supports nor
contradicts one kind with another. Texts written for the test, in the shape of a false "consistent"
found by trying one."""

from __future__ import annotations

import pytest
from helpers import checker_of

from verifier.parsing.measured import measured

SOURCE = ("Ostvald's fuel prices rose 4.2% in January, the statistics office said. Ostvald's consumer prices "
          "rose 2.7% in January, while its rents fell 0.6%.\n")


@pytest.fixture(scope="module")
def checker(tmp_path_factory):
    return checker_of(SOURCE, tmp_path_factory.mktemp("kinds"), publisher="Ostvald Statistics",
                      published="2026-02-20")


def test_the_kind_of_a_measure_is_in_its_property(checker):
    made = {c.value.amount: (c.subject.name, c.property) for c in checker.ledger.claims}
    assert made == {4.2: ("Ostvald", "fuel_prices_change"), 2.7: ("Ostvald", "prices_change"),
                    0.6: ("Ostvald", "rents_change")}


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Ostvald's fuel prices rose 4.2% in January.", ("consistent", "states 4.2%")),
    ("In Ostvald, the price of fuel rose 4.2% in January.", ("consistent", "states 4.2%")),
    ("Ostvald saw a 4.2% rise in fuel prices in January.", ("consistent", "states 4.2%")),
    ("Ostvald's fuel prices rose 3.9% in January.", ("inconsistent", "states 3.9%")),
    # consumer prices are the prices a text means by "prices"
    ("Prices in Ostvald rose 2.7% in January.", ("consistent", "states 2.7%")),
    ("In Ostvald, prices rose 4.2% in January.", ("inconsistent", "states 4.2%")),
    # another kind of prices is not what the fuel or the consumer price figure measures
    ("Ostvald's food prices rose 4.2% in January.", ("unverified", "no claim in the ledger covers this statement")),
    ("Ostvald's electricity prices rose 2.7% in January.",
     ("unverified", "no claim in the ledger covers this statement")),
])  # fmt: skip
def test_a_kind_of_measure_answers_only_for_that_kind(checker, sentence, expected):
    found = checker.check_text(sentence, "d.md")
    assert [(f.verdict, f.reason.split(";")[0]) for f in found] == [expected]


def test_a_kind_the_ledger_has_a_figure_of_is_no_context(tmp_path):
    source = "Fuel prices in Ostvald rose 7.9% in January 2026. Consumer prices in Ostvald rose 3.4% in January 2026.\n"
    checker = checker_of(source, tmp_path, publisher="Ostvald Statistics", published="2026-02-20")
    found = checker.check_text("Ostvald's fuel prices rose 3.4% in January 2026.", "d.md")
    assert [(f.verdict, f.reason.split(";")[0]) for f in found] == [("inconsistent", "states 3.4%")]
    found = checker.check_text("In Ostvald, soaring consumer prices rose 4.4% in January 2026.", "d.md")
    assert [(f.verdict, f.reason.split(";")[0]) for f in found] == [("inconsistent", "states 4.4%")]


@pytest.mark.parametrize(("text", "head", "narrowing"), [
    ("Fuel prices rose 4.2% in January.", "price", ("fuel",)),
    ("It reported net debt of €18 million.", "debt", ("net",)),
    ("Rents fell, while house prices rose 4.2% in January.", "price", ("house",)),
    # the measure that names a quantity, not the generic "rate"
    ("Ostvald's youth unemployment rate was 4.2% in January.", "unemployment", ("youth",)),
    ("Average consumer prices rose 4.2%.", "price", ()),
    ("The figure was 4.2%.", "figure", ()),
    ("Sales: 4.2%.", None, None),
])  # fmt: skip
def test_what_a_figure_measures_is_read_from_the_words_before_it(text, head, narrowing):
    at = text.index("4.2") if "4.2" in text else text.index("€18")
    found = measured(text, at, at + 4)
    assert ((found.head, found.narrowing) if found else (None, None)) == (head, narrowing)


@pytest.mark.parametrize(("sentence", "expected"), [
    # the source's own figure in the other unit is a misreading of it
    ("Tarn's share of home births rose 14 percentage points in 2025.", [("inconsistent", "states 14 percentage points")]),
    ("Tarn's caesarean rate rose 3%.", [("inconsistent", "states 3%")]),
    # another measure's figure in the same unit: "share of home births" is no caesarean rate
    ("Tarn's share of home births rose 3 percentage points.",
     [("unverified", "no claim in the ledger covers this statement")]),
    # "rose 3% to 31%" is a change and the level it reached, not a range of 3% to 31%
    ("Tarn's caesarean rate rose 3% to 31% in 2025.", [("inconsistent", "states 3%"), ("consistent", "states 31%")]),
])  # fmt: skip
def test_percentage_points_are_no_percentage(tmp_path, sentence, expected):
    source = ("Tarn's share of home births rose 14% in 2025. Tarn's caesarean rate rose 3 percentage points to "
              "31% in 2025.\n")
    checker = checker_of(source, tmp_path, publisher="Tarn Health Board", published="2026-02-20")
    found = checker.check_text(sentence, "d.md")
    assert [(f.verdict, f.reason.split(";")[0]) for f in found] == expected
