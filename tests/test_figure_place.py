"""A source's figure for a place ("6 percent in the upper layer of the Keld Sea") is no evidence
about a sentence that does not name that place, either way. Sentences written for the test."""

from __future__ import annotations

import pytest
from helpers import checker_of

TEXT = "Surface acidity in the region rose 6 percent in the upper layer of the Keld Sea from 1990 to 2020.\n"


@pytest.fixture(scope="module")
def checker(tmp_path_factory):
    return checker_of(TEXT, tmp_path_factory.mktemp("l"), published="2021-05-01")


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Surface acidity rose 6 percent in the Keld Sea from 1990 to 2020.", "consistent"),
    ("Surface acidity rose 9 percent in the Keld Sea from 1990 to 2020.", "inconsistent"),
    # the sea is not named: the sea's figure neither confirms nor contradicts
    ("Surface acidity rose 6 percent from 1990 to 2020.", "unverified"),
    ("Surface acidity rose 30 percent from 1990 to 2020.", "unverified"),
])  # fmt: skip
def test_a_figure_for_a_place_speaks_only_of_that_place(checker, sentence, expected):
    assert [f.verdict for f in checker.check_text(sentence, "d.txt")][:1] == [expected]


RATIO = "Tarnia's wind farms produce 80 times more power than its solar parks.\n"


@pytest.fixture(scope="module")
def ratios(tmp_path_factory):
    return checker_of(RATIO, tmp_path_factory.mktemp("r"), published="2021-05-01")


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Tarnia's wind farms produce 80 times more power than its solar parks.", "consistent"),
    ("Tarnia's wind farms produce 50 times more power than its solar parks.", "inconsistent"),
    # a multiplier of something else: another figure
    ("Tarnia's wind farms produce 50 times the output of its gas plants.", "unverified"),
])  # fmt: skip
def test_a_multiplier_compares_only_with_one_of_the_same_thing(ratios, sentence, expected):
    assert [f.verdict for f in ratios.check_text(sentence, "d.txt")][:1] == [expected]


BASELINE = ("Wind farms supplied 58% of the power Brenwick Energy sold in 2025, up from 51% in 2024. "
            "Ada Kell, head teacher of Marsh Lane School, welcomed the figures. Her school has 300 pupils.\n")


@pytest.fixture(scope="module")
def baseline(tmp_path_factory):
    return checker_of(BASELINE, tmp_path_factory.mktemp("b"), published="2026-02-01")


@pytest.mark.parametrize(("sentence", "expected"), [
    # "up from 51% in 2024" is the level of 2024, not a change; 2024 is 51%'s year, not 58%'s
    ("Wind farms supplied 51% of the power Brenwick Energy sold in 2024.", "consistent"),
    ("Wind farms supplied 58% of the power Brenwick Energy sold in 2024.", "inconsistent"),
    # "sold in 2025" is the year of the clause's one figure, not a date fact of its own
    ("Wind farms supplied 58% of the power Brenwick Energy sold in 2025.", "consistent"),
    # a role read whole, with its organisation
    ("Ada Kell is head teacher of Marsh Lane School.", "consistent"),
    ("Ada Kell is head teacher of Brook Street School.", "inconsistent"),
    # "Brook Street School" is not the school a one-word alias names
    ("Brook Street School has 300 pupils.", "unverified"),
])  # fmt: skip
def test_baselines_roles_and_named_schools(baseline, sentence, expected):
    assert [f.verdict for f in baseline.check_text(sentence, "d.txt")][:1] == [expected]


def test_a_budget_for_one_financial_year_is_not_the_next_ones(tmp_path):
    text = "The trust's budget for 2026/27 is £2.4m, 8% more than this year.\n"
    checker = checker_of(text, tmp_path, published="2026-02-01")
    verdict = [f.verdict for f in checker.check_text("The trust's budget for 2025/26 is £2.4 million.", "d")]
    assert verdict == ["unverified"]  # 2025/26 only overlaps 2026/27; "this year" is the baseline
    verdict = [f.verdict for f in checker.check_text("The trust's budget for 2026/27 is £2.4 million.", "d")]
    assert verdict == ["consistent"]


def test_a_date_goes_to_the_claim_whose_words_lead_to_it(tmp_path):
    text = "Brenwick harbour handled its highest cargo total since port records began in 1961.\n"
    checker = checker_of(text, tmp_path, published="2025-01-20")
    sentence = "Brenwick harbour handled its highest cargo in 2024 since port records began in 1961."
    verdicts = {f.verdict for f in checker.check_text(sentence, "d")}
    assert "inconsistent" not in verdicts and "consistent" in verdicts  # 1961 is the beginning's, not 2024


GAP = "Monthly wages in Lorby are €310 below the national average.\n"


@pytest.fixture(scope="module")
def gaps(tmp_path_factory):
    return checker_of(GAP, tmp_path_factory.mktemp("g"), published="2021-05-01")


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Monthly wages in Lorby are €310 below the national average.", "consistent"),
    ("Monthly wages in Lorby are €500 below the national average.", "inconsistent"),
    # a gap is no level: the source's gap neither confirms nor contradicts a level
    ("Monthly wages in Lorby are €310.", "unverified"),
    ("Monthly wages in Lorby are €2,140.", "unverified"),
    ("Monthly wages in Lorby are €310 above the national average.", "unverified"),  # the other way
])  # fmt: skip
def test_a_gap_from_a_reference_compares_only_with_a_gap(gaps, sentence, expected):
    assert [f.verdict for f in gaps.check_text(sentence, "d.txt")][:1] == [expected]


PURPOSE = "The Orrin Fund gave £4.2 million last year, and the city council gave £900,000 for road repairs.\n"


@pytest.fixture(scope="module")
def purposes(tmp_path_factory):
    return checker_of(PURPOSE, tmp_path_factory.mktemp("p"), published="2021-05-01")


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The Orrin Fund gave £4.2 million.", "consistent"),
    # the amount is the source's; what it is for, the source does not say
    ("The Orrin Fund gave £4.2 million for a new sports hall.", "unverified"),
    ("The city council gave £900,000 for road repairs.", "consistent"),
    ("The city council gave £900,000 for the repair of roads.", "consistent"),
])  # fmt: skip
def test_a_purpose_the_source_does_not_give_is_not_supported(purposes, sentence, expected):
    assert [f.verdict for f in purposes.check_text(sentence, "d.txt")][:1] == [expected]


TWO_PURPOSES = "The hospice received €3 million in state grants, and its donors gave €1 million for a new " \
               "day centre.\n"


@pytest.fixture(scope="module")
def two_purposes(tmp_path_factory):
    return checker_of(TWO_PURPOSES, tmp_path_factory.mktemp("t"), published="2021-05-01")


def test_a_purpose_of_another_figure_in_the_sentence_supports_nothing(two_purposes):
    found = two_purposes.check_text("The hospice received €3 million for a new day centre.", "d.txt")
    assert [f.verdict for f in found][:1] == ["unverified"]


ABOVE = "Tarn's jobless rate of 5.2% was above the national average in 2023.\n"


@pytest.fixture(scope="module")
def above(tmp_path_factory):
    return checker_of(ABOVE, tmp_path_factory.mktemp("a"), published="2024-05-01")


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Tarn's jobless rate was 5.2% in 2023.", "consistent"),  # a level compared, no gap
    ("Tarn's jobless rate stood 5.2% above the national average in 2023.", "unverified"),
])  # fmt: skip
def test_a_level_compared_with_a_reference_is_no_gap(above, sentence, expected):
    assert [f.verdict for f in above.check_text(sentence, "d.txt")][:1] == [expected]


AIM = "Kelso University has set a target of 15,000 students by 2030.\n"


@pytest.fixture(scope="module")
def aims(tmp_path_factory):
    return checker_of(AIM, tmp_path_factory.mktemp("m"), published="2025-02-01")


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Kelso University has a target of 15,000 students by 2030.", "consistent"),
    ("Kelso University has a target of 18,000 students by 2030.", "inconsistent"),
    # an aim is no count of today: never compared with a statement of fact
    ("Kelso University has 15,000 students.", "unverified"),
])  # fmt: skip
def test_an_aim_compares_only_with_an_aim(aims, sentence, expected):
    assert [f.verdict for f in aims.check_text(sentence, "d.txt")][:1] == [expected]


YEARS = "Tarn signed the Kelso Accord in 2016. The wettest year on record in Tarn is 1998.\n"


@pytest.fixture(scope="module")
def years(tmp_path_factory):
    return checker_of(YEARS, tmp_path_factory.mktemp("y"), published="2024-03-01")


@pytest.mark.parametrize(("sentence", "expected"), [
    # when the sentence speaks is no date it claims: another fact's 1998 confirms nothing
    ("Since 1998, Tarn has planted more trees.", ["unverified"]),
    ("In 2016, Tarn signed the Kelso Accord.", ["consistent"]),
])  # fmt: skip
def test_a_fronted_time_is_no_date_claim_on_thin_evidence(years, sentence, expected):
    assert [f.verdict for f in years.check_text(sentence, "d.txt")] == expected


def test_an_aim_of_the_sentence_is_not_confirmed_by_a_fact(tmp_path):
    checker = checker_of("Lowick Port handled 3.2 million tonnes of cargo in 2024.\n", tmp_path, published="2025-02-01")
    found = checker.check_text("Lowick Port plans to handle 3.2 million tonnes of cargo.", "d.txt")
    assert [f.verdict for f in found][:1] == ["unverified"]
