"""Numbers, qualifiers, units and currencies in text; the tolerance model; compare and describe."""

from __future__ import annotations

import math
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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
from verifier.quantities import (
    Comparison,
    Interval,
    Mention,
    Tolerance,
    compare,
    describe,
    find_values,
    interval,
    mask,
)


def values(text: str, published: str | None = None) -> list[dict]:
    """The values found, as compact dicts, for exact assertions."""
    return [m.value.model_dump(exclude_none=True, exclude={"kind"}) for m in find_values(text, published)]


def one(text: str) -> QuantityValue:
    (found,) = find_values(text)
    return found.value


def texts(text: str) -> list[str]:
    return [m.text for m in find_values(text)]


# ---------------------------------------------------------------- numbers


@pytest.mark.parametrize("text, amount", [("1,200", 1200), ("4.3", 4.3), ("1.5", 1.5),
                                          ("1,234,567.89", 1234567.89)])
def test_digits_with_separators_and_decimals(text, amount):
    assert values(text) == [{"amount": amount}]


@pytest.mark.parametrize("text, amount", [
    ("ten cities", 10), ("Nine provinces", 9), ("twelve towns", 12), ("twenty-five nations", 25),
    ("a hundred people", 100), ("a dozen eggs", 12), ("three hundred and forty-two votes", 342),
    ("two thousand five hundred seats", 2500),
])
def test_number_words(text, amount):
    assert one(text).amount == amount


def test_number_words_keep_the_stated_scale():
    assert values("one trillion") == [{"amount": 1.0, "scale": "trillion"}]
    assert values("two hundred thousand") == [{"amount": 200.0, "scale": "thousand"}]


def test_one_and_a_alone_are_not_counts():
    assert values("one of the best, no one came, a report") == []


@pytest.mark.parametrize("text, amount, scale", [
    ("4.3 million", 4.3, "million"), ("80m", 80, "million"), ("$1.2bn", 1.2, "billion"),
    ("20k", 20, "thousand"), ("3 tn", 3, "trillion"), ("5 billion", 5, "billion"),
    ("7 thousand", 7, "thousand"), ("2 mn", 2, "million"),
])
def test_scales_words_and_abbreviations(text, amount, scale):
    assert (one(text).amount, one(text).scale) == (amount, scale)


def test_spaced_single_letter_is_not_a_scale():
    assert one("80 m").scale is None


@pytest.mark.parametrize("text, currency", [
    ("$5", "USD"), ("US$5", "USD"), ("5 US dollars", "USD"), ("5 dollars", "USD"), ("€5", "EUR"),
    ("5 euros", "EUR"), ("£5", "GBP"), ("5 yuan", "CNY"), ("RMB 5", "CNY"), ("CN¥5", "CNY"), ("HK$5", "HKD"),
])
def test_currencies(text, currency):
    assert one(text).currency == currency
    assert one(text).amount == 5


@pytest.mark.parametrize("text", ["20%", "20 %", "20 percent", "20 per cent"])
def test_percentages(text):
    assert values(text) == [{"amount": 20.0, "unit": "percent"}]
    assert find_values(text)[0].text == text


@pytest.mark.parametrize("text, amount, unit", [
    ("1,200 megawatts", 1200, "MW"), ("1.2 GW", 1.2, "GW"), ("500 kW", 500, "kW"), ("3 gigawatts", 3, "GW"),
    ("2 kilowatts", 2, "kW"), ("1.2GW", 1.2, "GW"), ("25 °C", 25, "celsius"), ("1.5 celsius", 1.5, "celsius"),
    ("4 degrees Celsius", 4, "celsius"), ("40 tonnes", 40, "tonnes"), ("12 km", 12, "km"),
    ("9 TWh", 9, "TWh"),
])
def test_units(text, amount, unit):
    assert values(text) == [{"amount": amount, "unit": unit}]


def test_power_units_convert_to_one_base():
    assert compare(one("1,200 megawatts"), one("1.2 GW")).agree is True
    assert interval(one("1.2 GW")) == interval(one("1,200 MW")) == Interval(1.15e9, 1.25e9)
    assert compare(one("1,400 megawatts"), one("1.2 GW")).agree is False


@pytest.mark.parametrize("text, nouns", [
    ("approximately 80 million people", ["people"]),
    ("4.3 million and 3.7 million deaths", ["deaths", "deaths"]),
    ("Nine cities and provinces", ["cities"]),
    ("125 million Americans", ["americans"]),
    ("10 Chinese cities", ["cities"]),
    ("5, 6 or 7 towns", ["towns", "towns", "towns"]),
    ("18 months in office", ["months"]),
    ("more than $1 trillion, is home", [None]),  # a currency counts nothing
    ("20 percent of residents", [None]),
])
def test_counted_noun(text, nouns):
    assert [m.value.noun for m in find_values(text)] == nouns


@pytest.mark.parametrize("text, span, amount, high", [
    ("between 10 and 20 people", "between 10 and 20", 10, 20),
    ("10 to 20 cities", "10 to 20", 10, 20),
    ("10-20 km", "10-20 km", 10, 20),
    ("from 5 to 9 towns", "from 5 to 9", 5, 9),
    ("Between ten and twenty people", "Between ten and twenty", 10, 20),
])
def test_ranges(text, span, amount, high):
    (m,) = find_values(text)
    assert (m.text, m.value.amount, m.value.high) == (span, amount, high)


def test_range_shares_scale_and_currency():
    assert values("$10-20 billion") == [{"amount": 10.0, "high": 20.0, "scale": "billion", "currency": "USD"}]
    assert values("500 million to 1.2 billion") == [{"amount": 500.0, "high": 1200.0, "scale": "million"}]


def test_and_without_between_is_two_numbers():
    assert texts("4.3 million and 3.7 million deaths") == ["4.3 million", "3.7 million"]


# ---------------------------------------------------------------- qualifiers


@pytest.mark.parametrize("phrase, qualifier", [
    ("more than", "more_than"), ("over", "more_than"), ("above", "more_than"), ("exceeds", "more_than"),
    ("in excess of", "more_than"), ("at least", "at_least"), ("no fewer than", "at_least"),
    ("no less than", "at_least"), ("nearly", "nearly"), ("almost", "nearly"), ("close to", "nearly"),
    ("just under", "nearly"), ("about", "approximately"), ("approximately", "approximately"),
    ("around", "approximately"), ("roughly", "approximately"), ("some", "approximately"),
    ("an estimated", "approximately"), ("approx.", "approximately"), ("up to", "up_to"), ("at most", "up_to"),
    ("no more than", "up_to"), ("fewer than", "fewer_than"), ("less than", "fewer_than"),
    ("under", "fewer_than"), ("below", "fewer_than"), ("exactly", "exactly"), ("precisely", "exactly"),
])
def test_qualifiers_before_the_number(phrase, qualifier):
    (m,) = find_values(f"The count was {phrase} 200 nations.")
    assert (m.text, m.value.qualifier, m.value.noun) == (f"{phrase} 200", qualifier, "nations")


def test_qualifier_before_a_currency_is_in_the_span():
    (m,) = find_values("a GDP of more than $1 trillion")
    assert m.text == "more than $1 trillion"
    assert m.value == QuantityValue(amount=1, scale="trillion", currency="USD", qualifier="more_than")


def test_some_and_over_and_under_only_before_numbers():
    text = "Some 80 million people. Some cities. Over the years, under the pact."
    assert texts(text) == ["Some 80 million"]


@pytest.mark.parametrize("text, qualifier", [("5 or more", "at_least"), ("80,000+", "at_least"),
                                             ("10 or so", "approximately"), ("7 or fewer", "up_to")])
def test_qualifiers_after_the_number(text, qualifier):
    (m,) = find_values(text)
    assert (m.text, m.value.qualifier) == (text, qualifier)


# ---------------------------------------------------------------- not values


@pytest.mark.parametrize("text", [
    "the 2nd Summit", "call 303-908-3250", "mail angie.fyfe@iclei.org", "see www.icleiusa.org/2016/5",
    "https://x.org/a/12", "version 1.2.3", "COVID19 and G20", "a 3D film", "5G networks", "at 10:30", "24/7",
])
def test_not_values(text):
    assert find_values(text) == []


def test_negative_numbers_and_halves():
    assert values("fell to -5 °C, about −0.5 °C") == [
        {"amount": -5.0, "unit": "celsius"},
        {"amount": -0.5, "unit": "celsius", "qualifier": "approximately"},
    ]
    assert texts("fell to -5 °C, 10-20 km") == ["-5 °C", "10-20 km"]
    assert values("half a million people") == [{"amount": 0.5, "scale": "million", "noun": "people"}]
    assert values("half an hour") == []


def test_numbered_names_are_not_counts():
    assert values("No. 1 and #2") == []


def test_top_10_list_is_a_count_of_10():
    assert values("the top 10 list") == [{"amount": 10.0, "noun": "list"}]


def test_years_versus_counts():
    assert values("2,016 people came in 2016.") == [{"amount": 2016.0, "noun": "people"}, {"date": "2016"}]
    assert values("more than 2000 people") == [{"amount": 2000.0, "noun": "people", "qualifier": "more_than"}]
    assert values("the 2016 US-China summit") == [{"date": "2016"}]
    assert values("2015 percent")[0]["unit"] == "percent"


def test_spans_are_exact_code_point_offsets():
    text = "Jiangsu’s GDP — über €1.2bn — and ~80m people."
    for m in find_values(text):
        assert text[m.start:m.end] == m.text
    assert texts(text) == ["€1.2bn", "~80m"]


def test_mask_replaces_values_with_their_qualifiers():
    assert mask("Jiangsu is home to approximately 80 million people since 2016.") == \
        "Jiangsu is home to <num> people since <date>."
    mentions = [Mention(0, 2, "10", QuantityValue(amount=10))]
    assert mask("10 of 20", mentions) == "<num> of 20"


# ---------------------------------------------------------------- the tolerance model


@pytest.mark.parametrize("text, lo, hi", [
    ("80 million", 75e6, 85e6), ("4.3 million", 4.25e6, 4.35e6), ("125 million", 124.5e6, 125.5e6),
    ("10", 5, 15), ("1,000", 500, 1500), ("1,200", 1150, 1250), ("0", -0.5, 0.5),
    ("approximately 80 million", 72e6, 88e6), ("about 4.3 million", 3.87e6, 4.73e6),
    ("nearly 125 million", 112.5e6, 125.5e6), ("between 10 and 20", 5, 25), ("12 to 14", 11.5, 14.5),
    ("exactly 26", 26, 26), ("$1.2bn", 1.15e9, 1.25e9), ("20%", 15, 25),
])
def test_closed_intervals(text, lo, hi):
    iv = interval(one(text))
    assert (iv.lo, iv.hi, iv.lo_closed, iv.hi_closed) == (pytest.approx(lo), pytest.approx(hi), True, True)


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
    tol = Tolerance(approximately=0.5, nearly=0.2)
    assert interval(one("about 80"), tol) == Interval(40, 120)
    assert interval(one("nearly 80"), tol) == Interval(64, 85)
    with pytest.raises(ValueError):
        Tolerance(approximatly=0.1)


def test_meets_with_open_and_closed_ends():
    assert Interval(0, 5, True, True).meets(Interval(5, 9, True, True))
    assert not Interval(0, 5, True, False).meets(Interval(5, 9, True, True))
    assert not Interval(0, 5).meets(Interval(5, math.inf, False, False))
    assert not Interval(0, 4).meets(Interval(4.5, 9))


# ---------------------------------------------------------------- compare


@pytest.mark.parametrize("stated, claimed, agree, detail", [
    ("roughly 50 million", "approximately 80 million", False,
     "approximately 50 million [45 million, 55 million] does not meet approximately 80 million "
     "[72 million, 88 million]"),
    ("Some 80 million people", "approximately 80 million", True,
     "approximately 80 million people [72 million, 88 million] meets approximately 80 million "
     "[72 million, 88 million]"),
    ("exceeds $1 trillion", "more than $1 trillion", True,
     "more than $1 trillion (1 trillion, ∞) meets more than $1 trillion (1 trillion, ∞)"),
    ("1,200 megawatts", "1.2 GW", True, "1,200 MW [1.15 billion, 1.25 billion] W meets 1.2 GW "
     "[1.15 billion, 1.25 billion] W"),
    ("CN¥5 billion", "$5 billion", None, "different currencies (CNY vs USD) cannot be compared"),
    ("$5 billion", "5 billion", None, "only one value states a currency (USD)"),
    ("20%", "20", None, "incompatible units (percent vs none) cannot be compared"),
    ("1.2 GW", "20 °C", None, "incompatible units (W vs celsius) cannot be compared"),
    ("4.3 million", "4.36 million", False,
     "4.3 million [4.25 million, 4.35 million] does not meet 4.36 million [4.355 million, 4.365 million]"),
])
def test_compare_quantities(stated, claimed, agree, detail):
    assert compare(one(stated), one(claimed)) == Comparison(agree, detail)


def test_compare_names_ranks_texts_and_kinds():
    jiangsu = PlaceValue(name="Jiangsu Province", aliases=["Jiangsu"])
    assert compare(PlaceValue(name="JIANGSU."), jiangsu).agree is True
    assert compare(PlaceValue(name="Zhejiang"), jiangsu) == \
        Comparison(False, "Zhejiang is not Jiangsu Province")
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
    (QuantityValue(amount=10, high=20, scale="billion", currency="USD"), "$10 to $20 billion"),
    (DateValue(date="2016-06-08"), "8 June 2016"),
    (DateValue(date="2013", end="2015"), "2013 to 2015"),
    (RankValue(rank=1, scope="provinces by density"), "rank 1 (provinces by density)"),
    (PlaceValue(name="Jiangsu"), "Jiangsu"),
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


_ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen " \
        "sixteen seventeen eighteen nineteen".split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()


def spell(n: int, joiner: str) -> str:
    """A small speller for 1..999, the reference the parser is checked against."""
    hundreds, rest = divmod(n, 100)
    words = [f"{_ONES[hundreds]} hundred"] if hundreds else []
    if rest >= 20:
        words.append(_TENS[rest // 10 - 2] + (f"-{_ONES[rest % 10]}" if rest % 10 else ""))
    elif rest:
        words.append(_ONES[rest])
    return f" {joiner} ".join(words) if joiner and len(words) == 2 else " ".join(words)


@settings(max_examples=150, deadline=None)
@given(st.integers(2, 999), st.sampled_from(["", "and"]))
def test_spelled_numbers_round_trip(n, joiner):
    text = f"They counted {spell(n, joiner)} cities."
    (m,) = find_values(text)
    assert (m.value.amount, m.value.noun, m.text) == (n, "cities", spell(n, joiner))
