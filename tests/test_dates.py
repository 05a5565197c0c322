"""Dates and periods in text, resolved against a publication date; date ranges; date comparison."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verifier.errors import UsageError
from verifier.models import DateValue
from verifier.parsing.dates import _PATTERNS, date_range, what_is_present
from verifier.parsing.describe import describe
from verifier.parsing.quantities import find_values
from verifier.parsing.tolerance import Comparison, compare


def dates(text: str, published: str | None = None) -> list[tuple[str, str, str | None]]:
    return [(m.text, m.value.date, m.value.end) for m in find_values(text, published)]


@pytest.mark.parametrize("text, span, date, end", [
    ("signed in 2016.", "2016", "2016", None),
    ("governor 2003 to 2011", "2003 to 2011", "2003", "2011"),
    ("governor from 2003 to 2011", "from 2003 to 2011", "2003", "2011"),
    ("data 2013-2015", "2013-2015", "2013", "2015"),
    ("data 2013–2015", "2013–2015", "2013", "2015"),
    ("data 2013-15", "2013-15", "2013", "2015"),
    # a fiscal year, named after the year it ends in, is that year and the one before
    ("sales in fiscal 2024 rose", "fiscal 2024", "2023", "2024"),
    ("in Fiscal Year 2024,", "Fiscal Year 2024", "2023", "2024"),
    ("FY24 results", "FY24", "2023", "2024"),
    ("FY99 results", "FY99", "1998", "1999"),
    ("the FY 2023/24 accounts", "FY 2023/24", "2023", "2024"),
    ("in financial year 2023-24", "financial year 2023-24", "2023", "2024"),
    ("between 2003 and 2011", "between 2003 and 2011", "2003", "2011"),
    ("held on 8 June 2016", "8 June 2016", "2016-06-08", None),
    ("ran from 3 April 2023 to 2 April 2024.", "from 3 April 2023 to 2 April 2024", "2023-04-03", "2024-04-02"),
    ("between 1 May 2021 and 30 April 2022", "between 1 May 2021 and 30 April 2022", "2021-05-01",
     "2022-04-30"),
    ("term: March 1, 2019 – February 28, 2020.", "March 1, 2019 – February 28, 2020", "2019-03-01",
     "2020-02-28"),
    ("held on June 8, 2016", "June 8, 2016", "2016-06-08", None),
    ("September 15, 2015", "September 15, 2015", "2015-09-15", None),
    ("Tuesday, September 15, 2015", "Tuesday, September 15, 2015", "2015-09-15", None),
    ("in September 2015", "September 2015", "2015-09", None),
    ("in June 2016", "June 2016", "2016-06", None),
    ("Sept. 3, 2015", "Sept. 3, 2015", "2015-09-03", None),
    ("in the 1970s", "1970s", "1970", "1979"),
    ("on 2016-06-08", "2016-06-08", "2016-06-08", None),
    ("date 2017-06 ©", "2017-06", "2017-06", None),
    # two days of one month are the days from the first to the second, not a count and a date
    ("visited on 14 and 15 March 2024.", "14 and 15 March 2024", "2024-03-14", "2024-03-15"),
])
def test_absolute_dates(text, span, date, end):
    assert dates(text) == [(span, date, end)]


def test_two_full_dates_without_from_or_a_dash_stay_two_dates():
    found = [(m.text, m.value.date) for m in find_values("On 1 May 2021 to 2 June 2021 it was shut.")]
    assert found == [("1 May 2021", "2021-05-01"), ("2 June 2021", "2021-06-02")]


def test_two_years_joined_by_and_are_two_dates():
    assert dates("in 2015 and 2016") == [("2015", "2015", None), ("2016", "2016", None)]


def test_a_backwards_range_is_not_a_period():
    assert dates("2015-2013") == [("2015", "2015", None), ("2013", "2013", None)]


def test_an_impossible_date_gives_no_value_and_no_count():
    assert find_values("on 31 June 2016 and 2016-13-01") == []


@pytest.mark.parametrize("text, published, span, date", [
    ("On June 1, Trump", "2017-06", "June 1", "2017-06-01"),
    ("on 1 June the", "2017", "1 June", "2017-06-01"),
    ("following the first summit last September", "2016-06", "last September", "2015-09"),
    ("last September", "2016-10-02", "last September", "2016-09"),
    ("next September", "2016-06", "next September", "2016-09"),
    ("last year", "2016-06", "last year", "2015"),
    ("this year", "2016", "this year", "2016"),
    ("next month", "2015-12-09", "next month", "2016-01"),
    ("last month", "2016-01", "last month", "2015-12"),
    ("announced today", "2015-09-15", "today", "2015-09-15"),
    ("yesterday", "2016-03-01", "yesterday", "2016-02-29"),
    ("signed on Tuesday", "2017-06-08", "Tuesday", "2017-06-06"),
    ("signed on Thursday", "2017-06-08", "Thursday", "2017-06-08"),
])
def test_relative_dates_resolve_against_publication(text, published, span, date):
    assert dates(text, published) == [(span, date, None)]


@pytest.mark.parametrize("text, published", [
    ("On June 1, Trump", None), ("last September", "2016"), ("next month", None),
    ("on Tuesday", "2017-06"), ("on Tuesday", None), ("today", "2015-09"),
])
def test_unresolvable_dates_are_skipped_and_give_no_count(text, published):
    assert find_values(text, published) == []


def test_a_bad_publication_date_is_a_usage_error():
    with pytest.raises(UsageError) as err:
        find_values("in 2016", "8 June")
    assert str(err.value) == "publication date '8 June' is not of the form YYYY, YYYY-MM or YYYY-MM-DD"


@pytest.mark.parametrize("value, first, last", [
    (DateValue(date="2016"), dt.date(2016, 1, 1), dt.date(2016, 12, 31)),
    (DateValue(date="2016-02"), dt.date(2016, 2, 1), dt.date(2016, 2, 29)),
    (DateValue(date="2016-06-08"), dt.date(2016, 6, 8), dt.date(2016, 6, 8)),
    (DateValue(date="1970", end="1979"), dt.date(1970, 1, 1), dt.date(1979, 12, 31)),
    (DateValue(date="2015-09", end="2016-02"), dt.date(2015, 9, 1), dt.date(2016, 2, 29)),
])
def test_date_range(value, first, last):
    assert date_range(value) == (first, last)


@pytest.mark.parametrize("stated, claimed, relation, detail", [
    # a date is the span of days it covers; the source's days must lie inside the statement's
    ("2016", "2016-06-08", "implied", "2016 includes 8 June 2016"),
    ("2016-06-08", "2016", "overlap", "8 June 2016 overlaps 2016"),
    ("2016-06", "2016-07", "disjoint", "June 2016 differs from July 2016"),
    ("2016-06-08", "2016-06-09", "disjoint", "8 June 2016 differs from 9 June 2016"),
    ("2016-06", "2016-06-30", "implied", "June 2016 includes 30 June 2016"),
])
def test_compare_single_dates_by_the_days_they_cover(stated, claimed, relation, detail):
    found = compare(DateValue(date=stated), DateValue(date=claimed))
    assert (found.relation, found.detail) == (relation, detail)


def test_compare_periods_end_by_end():
    assert compare(DateValue(date="2003", end="2011"), DateValue(date="2003", end="2010")) == \
        Comparison(False, "2003 to 2011 differs from 2003 to 2010", False)
    assert compare(DateValue(date="2013", end="2015"), DateValue(date="2013-01", end="2015-06")).relation == "implied"
    assert compare(DateValue(date="2013-01", end="2015-06"), DateValue(date="2013", end="2015")).relation == "overlap"
    assert compare(DateValue(date="2005"), DateValue(date="2003", end="2011")) == \
        Comparison(None, "2005 and 2003 to 2011: a period and a single date")


def test_parsed_periods_agree_however_written():
    (a,), (b,) = find_values("data 2013-2015"), find_values("from 2013 to 2015")
    assert compare(a.value, b.value).agree is True


@pytest.mark.parametrize("value, text", [
    (DateValue(date="2016"), "2016"), (DateValue(date="2016-06"), "June 2016"),
    (DateValue(date="2016-06-08"), "8 June 2016"), (DateValue(date="2013", end="2015"), "2013 to 2015"),
])
def test_describe_round_trips(value, text):
    assert describe(value) == text
    (m,) = find_values(text)
    assert m.value == value


@pytest.mark.parametrize("text, published, expected", [
    # a month alone after a preposition: that month of the year of publication
    ("sales fell 2 percent in March", "2019-05-10", [("2 percent", None, None), ("March", "2019-03", None)]),
    ("In October, the fund", "2019-05-10", [("October", "2019-10", None)]),
    # a month before the noun of a figure is its time; before another noun it names a thing
    ("the July figure of 3", "2019-05-10", [("July", "2019-07", None), ("3", None, None)]),
    ("the March reading of 3", "2019-05-10", [("March", "2019-03", None), ("3", None, None)]),
    ("the May Fair drew 3", "2019-05-10", [("3", None, None)]),
    # yearless periods
    ("from April to June", "2019-05-10", [("from April to June", "2019-04", "2019-06")]),
    ("between 2 and 9 May the", "2019-05-10", [("between 2 and 9 May", "2019-05-02", "2019-05-09")]),
    ("from November 20 to January 5", "2019-05-10", [("from November 20 to January 5", "2018-11-20", "2019-01-05")]),
])  # fmt: skip
def test_months_and_periods_without_a_year(text, published, expected):
    got = [(m.text, getattr(m.value, "date", None), getattr(m.value, "end", None))
           for m in find_values(text, published)]
    assert got == expected
    assert [m.text for m in find_values(text) if m.value.kind == "date"] == []  # no publication: unresolved


def test_a_financial_year_is_a_period_of_two_years():
    assert dates("the budget for 2026/27 is") == [("2026/27", "2026", "2027")]
    assert dates("a ratio of 1/2 or 2026/2027") == []


_DATE_WORDS = ["May", "June", "Sept.", "December", "Mayor", "2019", "1990s", "2010-11", "2017-06-02", "2017-06",
               "May 2019", "June 8", "8 June", "8–10", "12", "3rd",
               "٢٠١٩", "１２", "from", "to", "–", "-", "between", "and", "Q3", "first quarter of", "last", "this",
               "month", "year", "today", "Monday,", "in", "since", "the", ",", "of", "people", "%", "$"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_DATE_WORDS), max_size=9), st.sampled_from([" ", "", "  "]))
def test_a_date_pattern_is_skipped_only_where_it_cannot_match(words, sep):
    """find_dates tries a pattern only where the text has what the pattern needs (a month's name,
    four digits in a row): every match of every pattern is in a text that has it, so skipping the
    others finds the same dates."""
    text = sep.join(words)
    present = what_is_present(text)
    for pattern, _, need in _PATTERNS:
        if pattern.search(text):
            assert present[need], (pattern.pattern, text)


@pytest.mark.parametrize("text, span, date, end", [
    # a figure after the comma is no year of the date before it
    ("The trial ran from 3 May to 20 September, 8% longer than planned.", "3 May to 20 September",
     "2025-05-03", "2025-09-20"),
    ("Sales peaked in November, 14% above the year before.", "November", "2025-11", None),
    # a year after the comma still is
    ("The trial ran from 3 May to 20 September, 2023.", "3 May to 20 September, 2023", "2023-05-03",
     "2023-09-20"),
])
def test_a_date_without_a_year_before_a_comma_and_a_percentage(text, span, date, end):
    from verifier.parsing.dates import find_dates

    found = [(text[s:e], v.date, v.end) for s, e, v in find_dates(text, "2025-12-01") if v]
    assert found == [(span, date, end)]
