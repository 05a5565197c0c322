"""Every name and date a sentence states is checked, or the sentence is not consistent: a name the
ledger knows is checked only through a fact about it, a name of the source sentence only where it
belongs to the matched figure, and a month without a year still states when. Sentences written
for the test."""

from __future__ import annotations

import pytest
from helpers import checker_of

from verifier.models import DateValue
from verifier.parsing.yearless import states_yearless, yearless_dates

VOTES = ("The Farmers' Union won 8 seats, up from 5. "
         "In Elmgate, the Farmers' Union candidate, Ida Brandt, won by 54 votes. "
         "In Southmere, the Harbour Party's Olav Lind won by 1,870 votes.\n")

ROUTES = ("Karsby Airport handled 3.1 million passengers in 2025. "
          "Its busiest route was Karsby–Oslo, with 402,000 passengers, followed by Karsby–Paris (388,000) "
          "and Karsby–Rome (251,000). "
          "Travellers at the Oslo and Paris gates waited 14 and 19 minutes on average, respectively. "
          "The airport will add 6 gates over two years at Hallby, Norrvik and Stade, the three "
          "terminals it runs.\n")

HUB = "The ward upgrades follow the opening in March of a £14 million eye clinic at Wendle.\n"


@pytest.fixture(scope="module")
def votes(tmp_path_factory):
    return checker_of(VOTES, tmp_path_factory.mktemp("v"), publisher="Southmere Gazette", published="2026-05-09")


@pytest.fixture(scope="module")
def routes(tmp_path_factory):
    return checker_of(ROUTES, tmp_path_factory.mktemp("r"), publisher="Karsby Post", published="2026-01-21")


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    return checker_of(HUB, tmp_path_factory.mktemp("h"), publisher="Wendle News", published="2026-09-30")


def verdicts(checker, sentence: str) -> list[tuple[str, str]]:
    return [(f.verdict, f.reason) for f in checker.check_text(sentence, "d.md")]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Olav Lind won Southmere for the Harbour Party by 1,870 votes.", [("consistent", None)]),
    # the Farmers' Union has facts of its own in the ledger, but none says it won Southmere
    ("Olav Lind won Southmere for the Farmers' Union by 1,870 votes.",
     [("unverified", "no claim in the ledger covers \"Farmers' Union\""), ("consistent", None)]),
])  # fmt: skip
def test_a_known_subject_with_no_fact_compared_is_not_checked(votes, sentence, expected):
    found = verdicts(votes, sentence)
    assert [(v, r if v == "unverified" else None) for v, r in found] == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Karsby–Oslo was the airport's busiest route, with 402,000 passengers.", ["consistent"]),
    # the 402,000 is Oslo's: Paris and Rome stand by their own figures in the source sentence
    ("Karsby–Paris was the airport's busiest route, with 402,000 passengers.", ["unverified", "consistent"]),
    ("The busiest route, Karsby–Rome, carried 402,000 passengers.", ["unverified", "consistent"]),
])  # fmt: skip
def test_a_name_beside_another_figure_of_the_source_sentence_is_not_the_claims(routes, sentence, expected):
    found = verdicts(routes, sentence)
    assert [v for v, _ in found] == expected
    if "unverified" in expected:
        assert found[0][1] in ('no claim in the ledger covers "Paris"', 'no claim in the ledger covers "Rome"')


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The £14 million eye clinic at Wendle opened in March.", [("consistent", None)]),
    ("The £14 million eye clinic at Wendle opened in May.",
     [("unverified", 'no claim in the ledger covers "May"'), ("consistent", None)]),
    ("The £14 million eye clinic at Wendle opened on 12 March.",
     [("unverified", 'no claim in the ledger covers "12 March"'), ("consistent", None)]),
    ("The £14 million eye clinic at Wendle opened on Friday.",
     [("unverified", 'no claim in the ledger covers "Friday"'), ("consistent", None)]),
    # the month of publication is the cost's time, not the opening's: "opened in" dates an event
    ("The £14 million eye clinic at Wendle opened in September.",
     [("unverified", 'no claim in the ledger covers "September"'), ("consistent", None)]),
    ("The £14 million eye clinic at Wendle opened in September 2026.",
     [("unverified", 'no claim in the ledger covers "September 2026"'), ("consistent", None)]),
])  # fmt: skip
def test_a_month_without_a_year_must_be_the_sources(hub, sentence, expected):
    found = verdicts(hub, sentence)
    assert [(v, r if v == "unverified" else None) for v, r in found] == expected


def test_yearless_dates_are_read_against_one_fixed_year():
    text = "It opened on 12 March, closed in May and reopened on Friday; sales rose last year."
    found = [(text[s:e].rstrip("."), v) for s, e, v in yearless_dates(text)]
    assert [w for w, _ in found] == ["12 March", "May", "Friday"]
    assert yearless_dates("Sales rose 3% last year and 2% in 2024.") == []
    march = found[0][1]
    assert isinstance(march, DateValue) and march.date.endswith("-03-12")
    assert states_yearless("opened on 12 March 2025", "12 March", march)
    assert not states_yearless("opened in March 2025", "12 March", march)  # a month does not state its 12th
    assert states_yearless("opened on 12 March 2025", "May", found[1][1]) is False
    # a weekday only by its name: read in one fixed year, "Friday" falls on 31 December by chance
    assert states_yearless("reopened on Friday, 31 December", "Friday", found[2][1])
    assert not states_yearless("reopened on 31 December", "Friday", found[2][1])


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Tarn's fuel price index rose 4.2 percent in August.", [("consistent", None)]),
    # the month is the figure's time, read in the source's year: July's figure is not in the ledger
    ("Tarn's fuel price index rose 4.2 percent in July.",
     [("unverified", "states 4.2 percent for 2026-07; the ledger has no figure for that time (only as of "
                     "2026-08)")]),
])  # fmt: skip
def test_a_month_without_a_year_may_be_the_time_the_figure_holds(tmp_path, sentence, expected):
    text = "Tarn prices\n\nHighlights: August 2026\n\n- Tarn's fuel price index rose 4.2 percent.\n"
    checker = checker_of(text, tmp_path, publisher="Tarn Statistics", published="2026-09-15")
    assert [(v, r if v == "unverified" else None) for v, r in verdicts(checker, sentence)] == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    # names before the first figure belong to every figure; a figure of another kind is no rival
    ("Travellers at the Paris gates waited 19 minutes on average.", ["consistent"]),
    ("The airport will add 6 gates over two years at Hallby, Norrvik and Stade.", ["consistent", "consistent"]),
    # "6 gates over two years" spreads the gates across two years: four years is another figure
    ("The airport will add 6 gates over four years at Hallby, Norrvik and Stade.",
     ["inconsistent", "consistent"]),
])  # fmt: skip
def test_names_shared_by_the_figures_of_a_list_stay_the_claims(routes, sentence, expected):
    assert [v for v, _ in verdicts(routes, sentence)] == expected


@pytest.mark.parametrize(("text", "sentence", "left"), [
    # the publication's own day is no statement that the profit is May's
    ("Kelda Water made a profit of £31 million.\n", "Kelda Water made a profit of £31 million in September.",
     "September"),
    # "Friday" read in one fixed year falls on some 31 December; only the weekday's name states it
    ("The Wendle pool reopened on 31 December after a £2.7 million refit.\n",
     "The Wendle pool reopened on Friday after a £2.7 million refit.", "Friday"),
])  # fmt: skip
def test_a_yearless_date_is_not_covered_by_chance(tmp_path, text, sentence, left):
    checker = checker_of(text, tmp_path, published="2026-09-30")
    assert [(v, r if v == "unverified" else None) for v, r in verdicts(checker, sentence)] == \
        [("unverified", f'no claim in the ledger covers "{left}"'), ("consistent", None)]


REGIONS = ("Unemployment fell in most regions. The Lowe Valley and the Brask Coast recorded rates of 5.2% and "
           "7.1%, respectively. Her school and its neighbour, Kimbe Primary, now hold 12,000 and 9,000 "
           "books, respectively. The relief fund of £3 million has paid out £420,000 so far.\n")


@pytest.mark.parametrize(("sentence", "expected"), [
    # the figures of a "respectively" go to the subjects in the order the sentence names them
    ("The Lowe Valley and the Brask Coast had unemployment rates of 5.2% and 7.1% respectively.",
     ["consistent", "consistent"]),
    ("The Lowe Valley had an unemployment rate of 5.2%.", ["consistent"]),
    # "its neighbour, Kimbe Primary": the name in apposition is the list item
    ("Kimbe Primary now holds 9,000 books.", ["consistent"]),
    ("Kimbe Primary now holds 12,000 books.", ["inconsistent"]),
    # what a fund has paid out is not the fund's size
    ("The relief fund has paid out £420,000 so far.", ["consistent"]),
    ("The relief fund has paid out £600,000 so far.", ["inconsistent"]),
])  # fmt: skip
def test_list_items_and_measures_of_one_subject_keep_their_own_figures(tmp_path, sentence, expected):
    checker = checker_of(REGIONS, tmp_path, publisher="Brask Statistics", published="2025-11-13")
    assert [v for v, _ in verdicts(checker, sentence)] == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    # in a "respectively" sentence the order decides, whatever words stand next to each number
    ("Varna and Tolby recorded 280 and 515 burglaries respectively in 2025.", ["inconsistent", "inconsistent"]),
    ("Varna and Tolby recorded 515 and 280 burglaries in 2025, respectively.", ["consistent", "consistent"]),
    ("Tolby, Oskar and Varna recorded 280, 71 and 515 burglaries respectively in 2025.",
     ["consistent", "consistent", "consistent"]),
])  # fmt: skip
def test_respectively_pairs_figures_with_subjects_in_order(tmp_path, sentence, expected):
    text = ("Varna recorded 515 burglaries in 2025. Tolby recorded 280 burglaries in 2025. "
            "Oskar recorded 71 burglaries in 2025.\n")
    checker = checker_of(text, tmp_path, publisher="Brask Police", published="2026-01-20")
    assert [v for v, _ in verdicts(checker, sentence)] == expected


def test_a_date_claim_does_not_cover_the_figures_of_its_sentence(tmp_path):
    text = "Water bills in Varna and Tolby rose by 3 percent and 6 percent, respectively, in 2025.\n"
    checker = checker_of(text, tmp_path, publisher="Brask Post", published="2026-01-20")
    found = verdicts(checker, "Water bills in Tolby rose by 3 percent in 2025.")
    assert ("unverified", 'no claim in the ledger covers "3 percent"') in found
    assert all(v != "inconsistent" for v, _ in found)


def test_a_name_the_opening_phrase_is_of_speaks_of_another_subject(tmp_path):
    source = ("Hotels in Kessland recorded 9.2 million nights in 2026. Guests from Norway spent 1.3 million "
              "nights there.\n")
    check = checker_of(source, tmp_path, publisher="Kessland Statistics", published="2027-02-01")
    found = check.check_text("Guests from Poland spent 0.8 million nights in Kessland in 2026.", "d.md")
    assert [(f.verdict, f.reason) for f in found] == [
        ("unverified", 'no claim in the ledger covers "Poland", which the statement is about')]


def test_a_known_name_opening_the_sentence_in_the_possessive_owns_its_figure(tmp_path):
    # Dunford is a subject of the ledger, but the figure found is the Wrenham unit's
    source = ("The maternity unit at Wrenham Hospital delivered 2,950 babies last year. Dunford opened a new "
              "birth centre in May.\n")
    check = checker_of(source, tmp_path, publisher="Wrenham Courier", published="2026-03-18")
    found = check.check_text("Dunford's maternity unit delivered 2,110 babies last year.", "d.md")
    assert [f.verdict for f in found] == ["unverified"]
    assert found[0].reason == 'no claim in the ledger covers "Dunford", which the statement is about'
