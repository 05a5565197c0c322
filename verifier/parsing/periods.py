"""Periods a sentence gives by their length: a window that ends at a date ("the 12 months to August
2012", "the fiscal year ended 30 June 2025", "the five years to 2024") and the unit before a period
("the previous quarter" of October to December 2024)."""

from __future__ import annotations

import re

from verifier.models import DateValue
from verifier.parsing.dates import date_parts

_UNIT_MONTHS = {"month": 1, "quarter": 3, "half": 6, "year": 12, "decade": 120}


def unit_before(d: DateValue, unit: str) -> DateValue | None:
    """The month, quarter or year before `d`, where `d` is one such unit ("the previous quarter" of
    October to December 2024 is July to September 2024); None where `d` is no whole `unit`."""
    first, last = date_parts(d.date), date_parts(d.end or d.date)
    if len(first) == 1 and len(last) == 1:
        first, last = [first[0], 1], [last[0], 12]
    if len(first) != 2 or len(last) != 2:
        return None  # a day is no month
    months = (last[0] - first[0]) * 12 + last[1] - first[1] + 1
    if months != _UNIT_MONTHS.get(unit):
        return None
    start, end = first[0] * 12 + first[1] - 1 - months, last[0] * 12 + last[1] - 1 - months
    if unit == "year" and d.end is None:  # a calendar year: the year before
        return DateValue(date=f"{start // 12:04d}")
    text = [f"{v // 12:04d}-{v % 12 + 1:02d}" for v in (start, end)]
    return DateValue(date=text[0], end=text[1] if months > 1 else None)


_COUNT_WORDS = {w: n for n, w in enumerate(
    "one two three four five six seven eight nine ten eleven twelve".split(), 1)}
# "the 12 months to August", "the three months ending June", "the fiscal year ended 30 June", "the
# five years to 2024": a window that ends at the date after it
_WINDOW = re.compile(r"(?i:\b(?:the|a)\s+(?:(?P<n>\d{1,4}|" + "|".join(_COUNT_WORDS) + r")[\s-]+)?"
                     r"(?:(?:fiscal|financial)\s+)?(?P<unit>month|quarter|half|year|decade)s?\s+"
                     r"(?:to|ending|ended|through|until|up\s+to)\s+(?:in\s+)?)$")


def window_period(text: str, start: int, end: DateValue) -> DateValue | None:
    """The period of a window that the date at `start` ends ("rose 4.4 percent in the three months
    to June 2025": April to June 2025), or None where no window's words stand before it."""
    found = window_of(text, start, end)
    return found[1] if found else None


def window_of(text: str, start: int, end: DateValue) -> tuple[int, DateValue] | None:
    """Where the window's words begin ("the three months to") and its period."""
    found = _WINDOW.search(text, max(0, start - 60), start)
    if not found:
        return None
    period = _window(found, end)
    return (found.start(), period) if period else None


def _window(found: re.Match, end: DateValue) -> DateValue | None:
    count = (found["n"] or "one").lower()
    n = int(count) if count.isdigit() else _COUNT_WORDS[count]
    unit = _UNIT_MONTHS[found["unit"].lower()]
    if not 1 <= n <= 100 * 12 // unit:
        return None  # "the 0 months to June", "the 99999 months to March": no window to read
    months = n * unit
    last = date_parts(end.end or end.date)
    if len(last) == 1:  # a window of whole years to a year: "the five years to 2024" is 2020 to 2024
        if months % 12:
            return None
        years = months // 12
        return DateValue(date=f"{last[0]:04d}") if years == 1 \
            else DateValue(date=f"{last[0] - years + 1:04d}", end=f"{last[0]:04d}")
    stop = last[0] * 12 + last[1] - 1
    if months == 1:
        return DateValue(date=f"{last[0]:04d}-{last[1]:02d}")
    first = stop - months + 1
    return DateValue(date=f"{first // 12:04d}-{first % 12 + 1:02d}", end=f"{last[0]:04d}-{last[1]:02d}")


# "12" in "the 12 months to August", "three" in "the three years ending 2024": a window's length
_WINDOW_COUNT = re.compile(r"[\s-]+(?:month|quarter|half|year|week|decade)s?\s+"
                           r"(?:to|ending|ended|through|until)\s+[A-Z0-9]")


def is_window_count(text: str, end: int) -> bool:
    """Whether the number ending at `end` is the length of a window, no figure of the sentence."""
    return _WINDOW_COUNT.match(text, end) is not None
