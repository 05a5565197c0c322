"""The tolerance model (interval, Interval), compare and describe."""

from __future__ import annotations

import math
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verifier.config import Tolerance
from verifier.models import (
    SCALE_FACTOR,
    DateValue,
    OrganizationValue,
    PersonValue,
    PlaceValue,
    QuantityValue,
    RankValue,
    TextValue,
)
from verifier.parsing.describe import describe
from verifier.parsing.quantities import find_values
from verifier.parsing.tolerance import Comparison, Interval, compare, interval


def one(text: str) -> QuantityValue:
    (found,) = find_values(text)
    return found.value


# ---------------------------------------------------------------- the tolerance model


@pytest.mark.parametrize("text, lo, hi, hi_closed", [
    # a bare number is a rounding band, half-open: 9.5 rounds up to "10", so "9" stops short of it;
    # written decimals are significant, trailing zeros round by at most 5% of the number
    ("80 million", 76e6, 84e6, False), ("4.3 million", 4.25e6, 4.35e6, False), ("$100 million", 95e6, 105e6, False),
    ("125 million", 124.5e6, 125.5e6, False), ("10", 9.5, 10.5, False), ("1,000", 950, 1050, False),
    ("1,200", 1150, 1250, False), ("300", 285, 315, False), ("0", -0.5, 0.5, False), ("9", 8.5, 9.5, False),
    ("between 10 and 20", 9.5, 21, False), ("12 to 14", 11.5, 14.5, False), ("$1.2bn", 1.15e9, 1.25e9, False),
    ("20%", 19, 21, False), ("0.2%", 0.15, 0.25, False), ("$1 trillion", 0.95e12, 1.05e12, False),
    ("approximately 80 million", 72e6, 88e6, True), ("about 4.3 million", 3.87e6, 4.73e6, True),
    ("nearly 125 million", 112.5e6, 125e6, True), ("exactly 26", 26, 26, True),
    # zeros written after the point are precision too
    ("4.00%", 3.995, 4.005, False), ("3.0 million", 2.95e6, 3.05e6, False), ("1,200.50", 1200.495, 1200.505, False),
    ("between 2.5% and 3.00%", 2.495, 3.005, False),  # the finer end's precision for both
])
def test_bounded_intervals(text, lo, hi, hi_closed):
    iv = interval(one(text))
    assert (iv.lo, iv.hi, iv.lo_closed, iv.hi_closed) == (pytest.approx(lo), pytest.approx(hi), True, hi_closed)


def test_trailing_zeros_keep_a_rate_apart_from_its_neighbour():
    assert compare(one("a cut to 4.00%"), one("at 4.25%")).agree is False
    assert compare(one("a cut to 4.00%"), one("to 4%")).agree is True
    assert one("at 4.25%").decimals is None and one("to 4.00%").decimals == 2


def test_neighbouring_whole_numbers_and_nearly_do_not_meet():
    assert compare(one("ten cities"), one("9 cities")).agree is False
    assert compare(one("nine cities"), one("9 cities")).agree is True
    assert compare(one("almost $1 trillion"), one("more than $1 trillion")).agree is False
    assert compare(one("nearly 125 million"), one("125 million")).agree is True
    assert compare(one("nearly 125 million"), one("125 million")).implied is False


@pytest.mark.parametrize("text, expected", [
    ("more than $1 trillion", Interval(1e12, math.inf, False, False)),
    ("at least 5", Interval(5, math.inf, True, False)),
    ("up to 5", Interval(0, 5, True, True)),
    ("fewer than 5", Interval(0, 5, True, False)),
    ("below 5 °C", Interval(-math.inf, 5, False, False)),
    ("fewer than 0", Interval(-math.inf, 0, False, False)),
])
def test_open_intervals(text, expected):
    assert interval(one(text)) == expected


def test_tolerance_is_configurable():
    tol = Tolerance(approximately=0.5, nearly=0.2, rounding=0.2)
    assert interval(one("about 80"), tol) == Interval(40, 120)
    assert interval(one("nearly 80"), tol) == Interval(64, 80)
    assert interval(one("$100 million"), tol) == Interval(80e6, 120e6, True, False)
    assert interval(one("$100 million"), Tolerance(rounding=0)) == Interval(100e6, 100e6, True, False)
    with pytest.raises(ValueError):
        Tolerance(approximatly=0.1)


def test_a_whole_number_is_read_at_the_precision_its_writer_meant():
    assert compare(one("250 people"), one("300 people")).agree is False
    assert compare(one("2,990 people"), one("3,000 people")).agree is True
    assert compare(one("22%"), one("20%")).agree is False


def test_power_units_convert_to_one_base():
    assert compare(one("1,200 megawatts"), one("1.2 GW")).agree is True
    assert interval(one("1.2 GW")) == Interval(1.15e9, 1.25e9, True, False)
    assert interval(one("1,200 MW")) == Interval(1.15e9, 1.25e9, True, False)  # trailing zeros: at most 5%
    assert compare(one("1,200 MW"), one("1.2 GW")).implied is True
    assert compare(one("1,230 MW"), one("1.2 GW")).relation == "overlap"  # more precise than the source
    assert compare(one("1,400 megawatts"), one("1.2 GW")).agree is False


def test_meets_with_open_and_closed_ends():
    assert Interval(0, 5, True, True).meets(Interval(5, 9, True, True))
    assert not Interval(0, 5, True, False).meets(Interval(5, 9, True, True))
    assert not Interval(0, 5).meets(Interval(5, math.inf, False, False))
    assert not Interval(0, 4).meets(Interval(4.5, 9))


# ---------------------------------------------------------------- compare


@pytest.mark.parametrize("stated, claimed, relation, detail", [
    ("roughly 50 million", "approximately 80 million", "disjoint",
     "approximately 50 million [45 million, 55 million] does not meet approximately 80 million "
     "[72 million, 88 million]"),
    ("Some 80 million people", "approximately 80 million", "implied",
     "approximately 80 million people [72 million, 88 million] contains approximately 80 million "
     "[72 million, 88 million]"),
    ("exceeds $1 trillion", "more than $1 trillion", "implied",
     "more than $1 trillion (1 trillion, ∞) contains more than $1 trillion (1 trillion, ∞)"),
    ("more than $3 trillion", "more than $1 trillion", "overlap",
     "more than $3 trillion (3 trillion, ∞) meets more than $1 trillion (1 trillion, ∞)"),
    ("more than $500 billion", "more than $1 trillion", "implied",
     "more than $500 billion (500 billion, ∞) contains more than $1 trillion (1 trillion, ∞)"),
    ("1,200 megawatts", "1.2 GW", "implied", "1,200 MW [1.15 billion, 1.25 billion) W contains 1.2 GW "
     "[1.15 billion, 1.25 billion) W"),
    ("CN¥5 billion", "$5 billion", None, "different currencies (CNY vs USD) cannot be compared"),
    ("$5 billion", "5 billion", None, "only one value states a currency (USD)"),
    ("20%", "20", None, "incompatible units (percent vs none) cannot be compared"),
    ("1.2 GW", "20 °C", None, "incompatible units (W vs celsius) cannot be compared"),
    # percentages are not percentage points; rates keep their denominators; durations are no counts
    ("0.2 percentage points", "0.2%", None, "incompatible units (percentage point vs percent) cannot be compared"),
    ("13.5 per 100,000 people", "13.5 per 1,000 people", None,
     "incompatible units (per 100000 vs per 1000) cannot be compared"),
    ("13.5 per 100,000 people", "13.5 per 100000 people", "implied",
     "13.5 per 100,000 people [13.45, 13.55) per 100000 contains 13.5 per 100000 people [13.45, 13.55) per 100000"),
    ("10 years", "2019", None, "different kinds of value (quantity vs date)"),
    ("10 years", "2,019", None, "incompatible units (year vs none) cannot be compared"),
    ("4.3 million", "4.36 million", "disjoint",
     "4.3 million [4.25 million, 4.35 million) does not meet 4.36 million [4.355 million, 4.365 million)"),
])
def test_compare_quantities(stated, claimed, relation, detail):
    found = compare(one(stated), one(claimed))
    assert (found.relation, found.detail) == (relation, detail)


def test_compare_names_ranks_texts_and_kinds():
    jiangsu = PlaceValue(name="Jiangsu Province", aliases=["Jiangsu"])
    assert compare(PlaceValue(name="JIANGSU."), jiangsu).agree is True
    assert compare(PlaceValue(name="Zhejiang"), jiangsu) == \
        Comparison(False, "Zhejiang is not Jiangsu Province", False)
    assert compare(PersonValue(name="Jerry Brown"), PersonValue(name="jerry-brown")).agree is True
    assert compare(OrganizationValue(name="ICLEI"), OrganizationValue(name="NDRC")).agree is False
    assert compare(RankValue(rank=1, scope="a"), RankValue(rank=1, scope="b")).agree is True
    assert compare(RankValue(rank=2, scope="a"), RankValue(rank=1, scope="a")).agree is False
    assert compare(TextValue(text="Hello, World"), TextValue(text="hello world")).agree is True
    assert compare(PlaceValue(name="X"), PersonValue(name="X")) == \
        Comparison(None, "different kinds of value (place vs person)")
    assert compare(QuantityValue(amount=2016), DateValue(date="2016")).agree is None


@pytest.mark.parametrize("value, text", [
    (QuantityValue(amount=80, scale="million", qualifier="approximately"), "approximately 80 million"),
    (QuantityValue(amount=1, scale="trillion", currency="USD", qualifier="more_than"),
     "more than $1 trillion"),
    (QuantityValue(amount=4.3, scale="million", noun="deaths"), "4.3 million deaths"),
    (QuantityValue(amount=1.2, unit="GW"), "1.2 GW"),
    (QuantityValue(amount=20, unit="percent"), "20 percent"),
    (QuantityValue(amount=5, high=9, currency="CNY"), "CNY 5 to 9"),
    (QuantityValue(amount=0.00001), "0.00001"),
    (QuantityValue(amount=4, unit="percent", decimals=2), "4.00 percent"),
    (QuantityValue(amount=10, high=20, scale="billion", currency="USD"), "$10 to $20 billion"),
    (DateValue(date="2016-06-08"), "8 June 2016"),
    (DateValue(date="2013", end="2015"), "2013 to 2015"),
    (RankValue(rank=1, scope="provinces by density"), "rank 1 (provinces by density)"),
    (PlaceValue(name="Jiangsu"), "Jiangsu"),
    (PersonValue(name="Jerry Brown", role="Governor of California"), "Jerry Brown, Governor of California"),
    (PersonValue(name="Jerry Brown", aliases=["Brown"]), "Jerry Brown"),
    (TextValue(text="cap and trade"), "'cap and trade'"),
])
def test_describe(value, text):
    assert describe(value) == text


# ---------------------------------------------------------------- properties

_amounts = st.one_of(st.integers(0, 10**6), st.decimals(0, 1000, places=2).map(lambda d: float(d)))
_quantities = st.builds(
    QuantityValue,
    amount=_amounts.map(float),
    scale=st.sampled_from([None, "thousand", "million", "billion", "trillion"]),
    qualifier=st.sampled_from([None, "exactly", "approximately", "nearly", "more_than", "at_least", "up_to",
                               "fewer_than"]),
    currency=st.sampled_from([None, None, "USD", "EUR", "GBP", "CNY"]),
    noun=st.sampled_from([None, "people", "deaths", "cities"]),
)


def _with_unit(q: QuantityValue, unit: str | None) -> QuantityValue:
    """Units and currencies exclude each other and a counted noun, as the reader finds them."""
    if unit:
        return q.model_copy(update={"unit": unit, "currency": None, "noun": None})
    return q.model_copy(update={"noun": None}) if q.currency else q


_values = st.builds(_with_unit, _quantities, st.sampled_from([None, None, "percent", "MW", "GW", "celsius"]))


@settings(max_examples=150, deadline=None)
@given(_values)
def test_describe_then_find_values_round_trips(q):
    (m,) = find_values(f"It says {describe(q)}.")
    assert m.value == q
    assert compare(m.value, q).agree is True


@settings(max_examples=100, deadline=None)
@given(_quantities.filter(lambda q: q.qualifier in (None, "approximately", "exactly")))
def test_interval_contains_the_value(q):
    exact = Decimal(repr(q.amount)) * Decimal(SCALE_FACTOR[q.scale])  # 4.39 * 1e12 is not exact in floats
    assert float(exact) in interval(q)


@settings(max_examples=100, deadline=None)
@given(_quantities, st.floats(0, 1))
def test_approximately_band_holds_the_bare_band(q, width):
    bare = interval(q.model_copy(update={"qualifier": None}))
    about = interval(q.model_copy(update={"qualifier": "approximately"}), Tolerance(approximately=width))
    assert about.lo <= bare.lo and bare.hi <= about.hi


@settings(max_examples=50, deadline=None)
@given(st.decimals(-60, 60, places=1).map(float), st.sampled_from([None, "approximately", "fewer_than"]))
def test_temperatures_round_trip_below_zero(amount, qualifier):
    q = QuantityValue(amount=amount, unit="celsius", qualifier=qualifier)
    (m,) = find_values(f"It was {describe(q)} there.")
    assert m.value == q


_ends = st.integers(-5, 5).map(float)
_intervals = st.builds(lambda a, b, c1, c2: Interval(min(a, b), max(a, b), c1, c2),
                       _ends, _ends, st.booleans(), st.booleans())


@settings(max_examples=100, deadline=None)
@given(_intervals, _intervals)
def test_meets_is_symmetric(a, b):
    assert a.meets(b) == b.meets(a)


# ---------------------------------------------------------------- supported by the source


@settings(max_examples=200, deadline=None)
@given(_values, _values)
def test_implied_is_a_kind_of_agreement(stated, claimed):
    found = compare(stated, claimed)
    assert (found.relation is None) == (found.agree is None)
    if found.implied:
        assert found.agree is True
        if stated.qualifier == claimed.qualifier == "up_to":  # two caps compare as figures
            stated, claimed = (q.model_copy(update={"qualifier": None}) for q in (stated, claimed))
        # the source's interval lies inside the statement's, or both name the same bare figure
        assert interval(claimed).within(interval(stated)) or not (stated.qualifier or claimed.qualifier)


@settings(max_examples=150, deadline=None)
@given(_values)
def test_a_value_implies_itself(q):
    assert compare(q, q).relation == "implied"


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 10**6), st.integers(1, 10**6), st.sampled_from(["more_than", "at_least"]))
def test_an_open_ended_source_supports_only_what_it_implies(stated, claimed, qualifier):
    """"more than 3" is not supported by "more than 1" (they only overlap); "more than 1" is by "more than 3"."""
    found = compare(QuantityValue(amount=stated, qualifier=qualifier), QuantityValue(amount=claimed, qualifier=qualifier))
    assert found.relation == ("implied" if stated <= claimed else "overlap")


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 10**7), st.sampled_from([None, "thousand", "million", "billion", "trillion"]))
def test_a_bare_whole_number_is_never_read_looser_than_its_rounding(amount, scale):
    """Never +-50%: at most 5% either side (or half a unit, for a count without a scale word)."""
    q = QuantityValue(amount=amount, scale=scale)
    iv, x = interval(q), amount * SCALE_FACTOR[scale]
    room = max(0.05 * x, 0.5 if scale is None else 0)
    assert x - iv.lo <= room * (1 + 1e-9) and iv.hi - x <= room * (1 + 1e-9)


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 10**6), st.integers(1, 10**6))
def test_two_caps_are_two_figures(stated, claimed):
    """"up to $31.1 million" is not implied by "up to $30.1 million": a cap is a figure."""
    found = compare(QuantityValue(amount=stated, qualifier="up_to"), QuantityValue(amount=claimed, qualifier="up_to"))
    assert found.implied == compare(QuantityValue(amount=stated), QuantityValue(amount=claimed)).implied


def test_huge_numbers_are_no_values():
    # More digits than a float holds: the reader gives no value, and the model refuses one.
    assert find_values("It cost $" + "9" * 400 + " to build.") == []
    with pytest.raises(ValueError, match="not a finite number"):
        QuantityValue(amount=float("9" * 400))


@pytest.mark.parametrize(("stated", "claimed", "agree"), [
    ("30 feet", "30 metres", False),          # a unit in words is a unit, not a thing counted
    ("6 feet", "1.83 m", True),               # converted: 6 feet is 1.83 m at its precision
    ("5 km", "5,000 metres", True),
    ("12 miles", "19.3 kilometres", True),
    ("40 hectares", "100 acres", True),
    ("200 tons", "200 tonnes", None),         # short or metric: not compared
    ("11.8 µg/m³", "11.8 μg/m3", True),       # a concentration, however its micro sign is typed
    ("12.1 ug/m3", "11.8 µg/m³", False),
    ("11.8 µg/m³", "11.8 stations", None),    # never a count
    ("0.5 mg/l", "0.5 mg/L", True),
])  # fmt: skip
def test_units_written_as_words_compare_in_their_base_unit(stated, claimed, agree):
    assert compare(find_values(stated)[0].value, find_values(claimed)[0].value).agree is agree


@pytest.mark.parametrize(("stated", "claimed", "agree"), [
    # a rate with its counted noun between ("cases per 100,000") is the same rate
    ("about 21.4 cases per 100,000 people", "21.4 per 100,000 people", True),
    ("30.2 per 100,000 residents", "21.4 per 100,000 people", None),  # other people named: not compared
    ("30.2 deaths per 100,000", "21.4 per 100,000 people", False),  # one names none: the same rate
    ("30.2 per 1,000 people", "21.4 per 100,000 people", None),  # another denominator
])  # fmt: skip
def test_rates_compare_by_number_and_by_whom_they_count(stated, claimed, agree):
    [a], [b] = find_values(stated), find_values(claimed)
    assert compare(a.value, b.value).agree is agree


@pytest.mark.parametrize(("stated", "claimed", "agree", "implied"), [
    ("164 years", "164.79 years", True, False),  # the whole part: compatible, not confirmed
    ("165 years", "164.79 years", True, True),  # rounded: 164.5..165.5 holds it
    ("163 years", "164.79 years", False, False),
    ("about 164 years", "164.79 years", True, True),  # widened: it holds
])  # fmt: skip
def test_a_whole_number_cut_from_a_decimal_is_compatible_only(stated, claimed, agree, implied):
    [a], [b] = find_values(stated), find_values(claimed)
    result = compare(a.value, b.value)
    assert (result.agree, bool(result.implied)) == (agree, implied)
