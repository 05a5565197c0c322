"""Numbers, qualifiers, units and currencies in text: find_values and mask."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verifier.models import QuantityValue
from verifier.parsing.quantities import _BLOCKED, Mention, _may_be_blocked, find_values, mask


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


@pytest.mark.parametrize(("text", "wording", "amount", "qualifier"), [
    ("Road deaths fell by nearly a third.", "nearly a third", 33.3, "nearly"),
    ("Two-thirds of members voted.", "Two-thirds", 66.7, "approximately"),
    ("More than half of the calls came at night.", "More than half", 50.0, "more_than"),
    ("Three quarters of the staff stayed.", "Three quarters", 75.0, "approximately"),
    ("Prices rose by half.", "half", 50.0, "approximately"),
    ("About four-fifths of the rise came from fuel.", "About four-fifths", 80.0, "approximately"),
])  # fmt: skip
def test_a_fraction_in_words_is_a_share(text, wording, amount, qualifier):
    [found] = find_values(text)
    assert (found.text, found.value.amount, found.value.unit, found.value.qualifier) == \
        (wording, amount, "percent", qualifier)


@pytest.mark.parametrize("text", [
    "in the first half of the year", "a quarter of a million", "half a million", "for two quarters in a row",
    "in a third of 2024 and a half of the decade", "raised its rate by a quarter of a percentage point",
    "cut its rate by half a percentage point", "shortened the wait by half a day", "a third of the way",
])  # fmt: skip
def test_a_fraction_of_a_time_a_unit_or_a_number_is_no_share(text):
    assert all(v.get("unit") != "percent" for v in values(text))


def test_a_denominator_after_every_is_no_value():
    assert values("For every £1 given to the trust, 81p reached its schools.") == []
    assert values("one in every five adults") == [{"amount": 20.0, "unit": "percent"}]


def test_a_rate_after_a_fraction_of_one_thing_is_still_a_rate():
    assert values("The path is two thirds of a mile long and 312 per 100,000 people use it.") == \
        [{"amount": 312.0, "unit": "per 100,000", "noun": "people"}]


def test_a_fraction_of_one_thing_leaves_no_count_behind():
    assert values("patients wait three quarters of an hour") == []
    assert values("the blades are two thirds of a mile long") == []
    assert values("growth for two quarters in a row") == [{"amount": 2.0, "noun": "quarters"}]


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


# ---------------------------------------------------------------- properties

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


@pytest.mark.parametrize(("text", "expected"), [
    ("One in five adults has diabetes.", [("One in five", 20.0, "percent")]),
    ("3 in 10 homes were flooded.", [("3 in 10", 30.0, "percent")]),
    ("The rate was 312 per 100,000 people.", [("312 per 100,000", 312.0, "per 100,000")]),
    ("Type 2 diabetes affects adults over 65.", []),
])
def test_values_read_in_parts_shares_rates_and_labels(text, expected):
    """Drafts and sources read the same way: a share, a rate, and labels that are no figures."""
    assert [(m.text, m.value.amount, m.value.unit) for m in find_values(text)] == expected


def test_a_range_may_repeat_its_unit():
    assert values("a rise of ~1.5°C to 2°C by 2050")[0] == {
        "amount": 1.5, "high": 2.0, "unit": "celsius", "qualifier": "approximately"}
    assert texts("between 3% and 4% of farms") == ["between 3% and 4%"]


def test_from_one_figure_to_another_is_a_change_not_a_range():
    assert texts("the share rose from 4% to 7% of households") == ["4%", "7%"]


@pytest.mark.parametrize("text", [
    "The gates open at 7.45 a.m. on weekdays.",
    "The last ferry leaves at 11pm.",
    "The meeting starts at 18:30.",
    "3. Chemistry and Physics",
    "- 2) Nursing",
    "Our 2022 graduates did well.",
])
def test_clock_times_list_numbers_and_cohort_years_are_no_quantities(text):
    assert [m.text for m in find_values(text) if m.value.kind == "quantity"] == []


def test_pm_after_a_price_is_per_month_not_a_time():
    assert [m.value.amount for m in find_values("Rent rose to £95 pm in 2023.") if m.value.kind == "quantity"] == [95]


def test_a_list_item_keeps_its_figure():
    assert [m.value.amount for m in find_values("2. Law and Business: 4,120 students")] == [4120]


@pytest.mark.parametrize("text, qualifier", [
    ("The jobless rate edged up to 4.4% in May.", None),  # a move up that ends at the figure
    ("The estimate was revised up to 2.9%.", None),
    ("Grants of up to £40,000 are offered.", "up_to"),  # a ceiling
    ("Seats are priced up to £90.", "up_to"),
    ("Food prices jumped up to 30% in some shops.", "up_to"),
    ("Rents edged up to 12% in some districts.", "up_to"),
    ("Waits went up to 14 weeks.", "up_to"),
])
def test_up_to_after_a_verb_of_moving_is_no_ceiling(text, qualifier):
    [m] = [m for m in find_values(text) if m.value.kind == "quantity"]
    assert m.value.qualifier == qualifier


_BLOCK_PARTS = ["a", "B", " ", "-", ".", "@", "/", ":", "0", "12", "1834", "(", ")", "+", "http://x.y", "www.a",
                "USDL-12-1834", "(555) 123-4567", "555.123.4567", "COVID-19", "a@b.org", "٣٤٥٦", "\n", "\t",
                "am", "p.m.", "pm", "6.30", "14:00", "1. Business", "2) Nursing", "•", "Ph"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_BLOCK_PARTS), max_size=12))
def test_a_text_without_a_link_address_code_or_phone_mark_is_searched_for_none(parts):
    """find_values skips the search for URLs, addresses, codes, phone numbers, times and list numbers
    where the text has none of their marks: wherever the search would find one, the text has them."""
    text = "".join(parts)
    if _BLOCKED.search(text):
        assert _may_be_blocked(text)


@pytest.mark.parametrize(("sentence", "verdict"), [
    ("In Brask County, road deaths fell by nearly a third after the new limits.", "consistent"),
    ("In Brask County, road deaths fell by about a third after the new limits.", "consistent"),
    ("In Brask County, road deaths fell by a quarter after the new limits.", "inconsistent"),
])  # fmt: skip
def test_a_share_in_words_is_checked_against_a_percentage(tmp_path, sentence, verdict):
    from helpers import checker_of

    checker = checker_of("In Brask County, road deaths fell by 32% after the new limits.\n", tmp_path)
    assert [f.verdict for f in checker.check_text(sentence, "d.md")] == [verdict]


@pytest.mark.parametrize(("text", "qualifier"), [
    ("The fund gives €4 million over three years.", None),  # money spread across them
    ("Twelve posts are funded over two years.", None),
    ("The repairs lasted over three years.", "more_than"),
    ("The site has been closed for over two years.", "more_than"),
    ("Patients waited over 18 weeks.", "more_than"),
    ("The council will build 1,200 homes over five years.", None),  # a figure spread across them
    ("1,200 patients waited over 18 weeks.", "more_than"),
    ("The bypass is over two years late.", "more_than"),
    ("Over 300 people came.", "more_than"),
])  # fmt: skip
def test_over_a_duration_spreads_a_figure_unless_it_is_how_long(text, qualifier):
    last = find_values(text)[-1].value
    assert last.qualifier == qualifier
