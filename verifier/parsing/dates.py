"""Dates and periods in text → DateValue; the days a date covers; how two dates compare.

Split out of quantities.py, which calls `find_dates` from `find_values` and dispatches
`compare`/`describe` here for dates. Relative dates ("last September", "on Tuesday",
"June 1") resolve against the publication date of the text; without one they are
found (so their digits are not read as counts) but give no value.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from functools import lru_cache
from typing import Literal

from verifier.errors import UsageError
from verifier.models import DateValue

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
PRECISION = ["year", "month", "day"]

# Capitalised month names only: "may" is a verb far more often than a month.
_M = (r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
      r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b\.?")
_WD = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
_D = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_M2 = _M.replace("?P<month>", "?P<month2>")
_D2 = _D.replace("?P<day>", "?P<day2>")
_YR = r"(?:1[89]\d\d|20\d\d|2100)"
_Y = rf"(?P<year>{_YR})"
_Y1 = rf"(?P<year1>{_YR})"

# A number 1800-2100 is a count, not a year, after these words or before these units.
_COUNT_BEFORE = re.compile(r"(?i)(?<!\w)(?:(?:more|fewer|less|greater)\s+than|at\s+least|nearly|almost"
                           r"|in\s+excess\s+of|[$€£¥])\s*$")
_COUNT_AFTER = re.compile(
    r"\s*(?:%|°|(?:percent|per\s+cent|thousand|million|billion|trillion|bn|mn|tn|[kMGT]Wh?|watts?"
    r"|\w+watts?|degrees|celsius|fahrenheit|dollars|euros|yuan|km|kg|tonnes|tons|miles|hectares|acres)\b)")
_NEXT_WORD = re.compile(r"\s+(?P<w>[a-z][a-z'’-]*)")
_IRREGULAR = {"people", "children", "men", "women", "staff", "personnel", "police", "cattle", "sheep", "fish"}

# The date right after a figure is that figure's own: "0.9% in 2024, after 0.4% in 2023", "€22.4
# million at 30 June 2026", "4.25% as of 1 March"; "a profit of £8 million on 3 March" is when it
# was announced, not when the profit holds.
OWN_DATE_GAP = re.compile(r"\s+(?:in|during|for|over|at|as\s+(?:of|at))\s+(?:the\s+)?"
                          r"(?:(?:end|close|start|beginning)\s+of\s+(?:the\s+)?)?")  # "at the end of June"
# "from €27.1 million a year earlier": a baseline one year before the figure it is compared with
YEAR_EARLIER = re.compile(r"\s+(?:(?:a|one|the)\s+year\s+(?:earlier|before)|(?:in\s+)?the\s+(?:previous|prior"
                          r"|preceding)\s+year)\b")
# The words before a figure that make it a baseline: "from €3.5 billion", "up from 64%", "than 4%".
_BASELINE_BEFORE = re.compile(r"\b(?:(?:up|down)\s+)?(?:from|after|than|versus|compared\s+(?:with|to))"
                              r"\s+[+−-]?$")



def baseline_before(text: str, start: int) -> bool:
    """Whether the words before the figure at `start` make it a baseline ("up from 64%")."""
    return _BASELINE_BEFORE.search(text, max(0, start - 30), start) is not None


Found = DateValue | None | Literal[False]  # a date; a date that cannot be resolved; not a date here


def looks_plural(word: str) -> bool:
    """Whether a word reads as a counted plural noun ("cities", "people"), not "was" or "this"."""
    w = word.lower()
    plural = len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is", "'s", "’s"))
    return plural or w in _IRREGULAR


def parse_published(published: str | None) -> tuple[int, ...]:
    """(year[, month[, day]]) of a publication date, () when none is given."""
    if published is None:
        return ()
    if not re.fullmatch(r"\d{4}(-\d\d(-\d\d)?)?", published):
        raise UsageError(f"publication date '{published}' is not of the form YYYY, YYYY-MM or YYYY-MM-DD")
    return tuple(int(p) for p in published.split("-"))


def _month(name: str) -> int:
    return [m[:3] for m in MONTHS].index(name[:3]) + 1


def _value(y: int, m: int | None = None, d: int | None = None) -> Found:
    try:
        dt.date(y, m or 1, d or 1)
    except ValueError:  # "31 June 2016" is a date, if a wrong one: not a count of 31
        return None
    return DateValue(date="-".join([f"{y:04d}", *(f"{p:02d}" for p in (m, d) if p)]))


def _full(mt: re.Match, pub: tuple[int, ...]) -> Found:
    month = _month(mt["month"]) if "month" in mt.re.groupindex else None
    day = int(mt["day"]) if "day" in mt.re.groupindex else None
    return _value(int(mt["year"]), month, day)


def _iso(mt: re.Match, pub: tuple[int, ...]) -> Found:
    return _value(*(int(mt[g]) for g in ("year", "month", "day") if g in mt.re.groupindex))


def _year_range(mt: re.Match, pub: tuple[int, ...]) -> Found:
    y1, y2 = mt["y1"] or mt["b1"], mt["y2"] or mt["y2b"] or mt["b2"] or mt["y2s"]
    if len(y2) == 2:  # "2013-15"
        y2 = y1[:2] + y2
    if int(y2) <= int(y1):
        return False
    return DateValue(date=y1, end=y2)


def _span(mt: re.Match, pub: tuple[int, ...]) -> Found:
    """ "March 4–November 30, 2021", "April–June 2020", "8–10 June 2016": one period, in one year
    (the first month in the year before when it comes later: "November–February 2023")."""
    g = mt.groupdict()
    m2 = _month(g["month2"]) if g.get("month2") else _month(g["month"])
    m1 = _month(g["month"]) if g.get("month") else m2
    year = int(g["year"])
    start_year = int(g["year1"]) if g.get("year1") else year - 1 if m1 > m2 else year
    first = _value(start_year, m1, int(g["day"]) if g.get("day") else None)
    last = _value(year, m2, int(g["day2"]) if g.get("day2") else None)
    if not first or not last or (first.date >= last.date):
        return None
    return DateValue(date=first.date, end=last.date)


def _yearless_span(mt: re.Match, pub: tuple[int, ...]) -> Found:
    """ "from July 14 to July 27", "14-27 July", "from May to June": one period in the year of
    publication (the first month in the year before when it comes later: "December 28 to January 3")."""
    if not pub:
        return None
    g = mt.groupdict()
    m2 = _month(g["month2"]) if g.get("month2") else _month(g["month"])
    m1 = _month(g["month"]) if g.get("month") else m2
    day1, day2 = (int(g[d]) if g.get(d) else None for d in ("day", "day2"))
    first = _value(pub[0] - (m1 > m2), m1, day1)
    last = _value(pub[0], m2, day2)
    if not first or not last or first.date >= last.date:
        return False  # "May 3 to 1": not a period
    return DateValue(date=first.date, end=last.date)


_QUARTERS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}


def _quarter(mt: re.Match, pub: tuple[int, ...]) -> Found:
    """ "the fourth quarter of 2024", "Q4 2024": the three months of that quarter."""
    q = int(mt["q"]) if mt["q"] else _QUARTERS[mt["qw"].lower()]
    return DateValue(date=f"{mt['year']}-{3 * q - 2:02d}", end=f"{mt['year']}-{3 * q:02d}")


def _fiscal(mt: re.Match, pub: tuple[int, ...]) -> Found:
    """ "fiscal 2025", "FY25", "FY2024/25": a fiscal year, named after the year it ends in, starts
    in the year before (April, July or October in most conventions), so it reads as the two years,
    the same period as "the 2024-25 financial year"."""
    end, start = (_century(y) if y and len(y) == 2 else y for y in (mt["year"], mt["y1"]))
    start = start or str(int(end) - 1)
    if int(start) != int(end) - 1:  # "FY2023-25": not one fiscal year
        return False
    return DateValue(date=start, end=end)


def _century(yy: str) -> str:
    """ "FY25" is 2025, "FY99" 1999: two digits name a year from 1970 to 2069."""
    return f"{19 if int(yy) >= 70 else 20}{yy}"


def _decade(mt: re.Match, pub: tuple[int, ...]) -> Found:
    return DateValue(date=mt["year"], end=str(int(mt["year"]) + 9))


def _yearless(mt: re.Match, pub: tuple[int, ...]) -> Found:
    return _value(pub[0], _month(mt["month"]), int(mt["day"])) if pub else None


def _bare_month(mt: re.Match, pub: tuple[int, ...]) -> Found:
    """ "rose 0.6 percent in August": that month of the year of publication."""
    return _value(pub[0], _month(mt["month"])) if pub else None


def _relative(mt: re.Match, pub: tuple[int, ...]) -> Found:
    step = {"last": -1, "this": 0, "next": 1}[mt["rel"].lower()]
    what = mt["what"] if "what" in mt.re.groupindex else None
    if what == "year":
        return _value(pub[0] + step) if pub else None
    if len(pub) < 2:
        return None
    y, m = pub[0], pub[1]
    if what == "month":
        y, m = divmod(y * 12 + m - 1 + step, 12)
        return _value(y, m + 1)
    target = _month(mt["month"])
    if step < 0 and target >= m or step > 0 and target <= m:  # last = most recent before, next = first after
        y += step
    return _value(y, target)


def _dayword(mt: re.Match, pub: tuple[int, ...]) -> Found:
    if len(pub) < 3:
        return None
    day = dt.date(*pub) + dt.timedelta(days={"today": 0, "yesterday": -1, "tomorrow": 1}[mt["word"].lower()])
    return _value(day.year, day.month, day.day)


def _weekday(mt: re.Match, pub: tuple[int, ...]) -> Found:
    """The most recent such weekday on or before the publication day."""
    if len(pub) < 3:
        return None
    published = dt.date(*pub)
    day = published - dt.timedelta(days=(published.weekday() - WEEKDAYS.index(mt["weekday"])) % 7)
    return _value(day.year, day.month, day.day)


def _year(mt: re.Match, pub: tuple[int, ...]) -> Found:
    text, start, end = mt.string, mt.start(), mt.end()
    if _COUNT_BEFORE.search(text, max(0, start - 30), start) or _COUNT_AFTER.match(text, end):
        return False
    nxt = _NEXT_WORD.match(text, end)
    if nxt and looks_plural(nxt["w"]):  # "2000 people": a count
        return False
    return DateValue(date=mt["year"])


_PREPOSITIONS = "in for during since until through by from to of ending ended".split()
# what a month alone before a noun can be the time of ("the July figure"); not "the May Fair"
# the nouns a month before them dates as a figure's time ("the July figure", "the May reading"); "the
# May estimate" may be when it was made
FIGURE_NOUNS = "figure|reading|level|rate"
_DATA_NOUNS = rf"(?:{FIGURE_NOUNS})s?|data|numbers"
# A date without a year ends where no year follows it: "15 October, 14% fewer" is one; "15 October,
# 2024" and "October 15, 14" are not
_NO_YEAR = r"(?!\s*,?\s*(?:\d{4}|'?\d\d)(?![\d%.,]))"
_AFTER_PREPOSITION = "|".join(rf"(?<=\b{p} )" for w in _PREPOSITIONS for p in (w, w.capitalize()))

# Most specific first: a match blocks any later pattern from overlapping it. Each pattern comes with
# what a text must hold for it to match at all ("year": four digits in a row; "month": a month's
# name; "month+digit": both a month's name and a digit; None: nothing checked): most sentences name
# no month, and the month patterns were most of the time spent finding dates.
_Need = Literal["year", "month", "month+digit"] | None
_PATTERNS: list[tuple[re.Pattern, Callable[[re.Match, tuple[int, ...]], Found], _Need]] = [
    (re.compile(r"(?<![\w-])(?P<year>\d{4})-(?P<month>\d\d)-(?P<day>\d\d)(?![\w-])"), _iso, "year"),
    # "2017-06" is a month; "2010-11" is read below as the years 2010 to 2011.
    (re.compile(r"(?<![\w-])(?P<year>\d{4})-(?P<month>0[1-9])(?![\w-]|[.,]\d)"), _iso, "year"),
    (re.compile(rf"(?:(?i:\b(?P<qw>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter\s+(?:of\s+)?)"
                rf"|\bQ(?P<q>[1-4])\s*){_Y}(?!\w)"), _quarter, "year"),
    # "from 1 August 2024 to 31 July 2025", "September 1, 2024 – August 31, 2025": two full dates, one period
    (re.compile(rf"(?<!\w)(?:(?P<between>[Bb]etween)\s+|[Ff]rom\s+|(?=.{{6,24}}[-–—]))"
                rf"{_WD}{_D}\s+{_M}\s*,?\s+{_Y1}\s*(?(between)and|(?:[-–—]|to|through|until))\s*"
                rf"{_WD}{_D2}\s+{_M2}\s*,?\s+{_Y}(?!\w)"), _span, "month+digit"),
    (re.compile(rf"(?<!\w)(?:(?P<between>[Bb]etween)\s+|[Ff]rom\s+|(?=.{{6,24}}[-–—]))"
                rf"{_WD}{_M}\s+{_D},?\s+{_Y1}\s*"
                rf"(?(between)and|(?:[-–—]|to|through|until))\s*{_WD}{_M2}\s+{_D2},?\s+{_Y}(?!\w)"),
     _span, "month+digit"),
    (re.compile(rf"(?<!\w)(?:(?P<between>[Bb]etween)\s+|[Ff]rom\s+)?{_M}\s+{_Y1}\s*"
                rf"(?(between)and|(?:[-–—]|to|through|until))\s*{_M2}\s+{_Y}(?!\w)"), _span, "month+digit"),
    (re.compile(rf"(?<!\w){_M}\s+{_D}\s*(?:[-–—]|to|through|until)\s*{_M2}\s+{_D2},?\s+{_Y}(?!\w)"),
     _span, "month+digit"),
    (re.compile(rf"(?<!\w){_D}\s+{_M}\s*(?:[-–—]|to|through|until)\s*{_D2}\s+{_M2},?\s+{_Y}(?!\w)"),
     _span, "month+digit"),
    (re.compile(rf"(?<!\w){_M}\s+{_D}\s*[-–—]\s*{_D2},?\s+{_Y}(?!\w)"), _span, "month+digit"),
    (re.compile(rf"(?<!\w){_D}(?:\s*[-–—]\s*|\s+and\s+){_D2}\s+{_M}\s*,?\s+{_Y}(?!\w)"), _span,
     "month+digit"),
    (re.compile(rf"(?<!\w){_M}\s*(?:[-–—]|to|through|until|\sand\s)\s*{_M2}\s*,?\s+{_Y}(?!\w)"),
     _span, "month+digit"),
    (re.compile(rf"(?<!\w){_WD}{_D}\s+{_M}\s*,?\s+{_Y}(?!\w)"), _full, "month+digit"),
    (re.compile(rf"(?<!\w){_WD}{_M}\s+{_D},?\s+{_Y}(?!\w)"), _full, "month+digit"),
    (re.compile(rf"(?<!\w){_M}\s*,?\s+(?:of\s+)?{_Y}(?!\w)"), _full, "month+digit"),
    (re.compile(rf"(?<![\w-])(?:(?i:fiscal(?:\s+year)?|financial\s+year)\s+|FY\s?)(?:(?P<y1>{_YR}|\d\d)\s*[-–/]\s*)?"
                rf"(?P<year>{_YR}|\d\d)(?![\w%]|[.,]\d)"), _fiscal, None),
    (re.compile(rf"(?<![\w.,$€£¥])(?:[Bb]etween\s+(?P<b1>{_YR})\s+and\s+(?P<b2>{_YR})|(?:[Ff]rom\s+)?"
                rf"(?P<y1>{_YR})(?:\s*[-–—]\s*(?P<y2>{_YR}|\d\d)|/(?P<y2s>\d\d)(?!\d)|\s+(?:to|until|till|through)\s+(?P<y2b>{_YR})))"
                r"(?![\w%]|[.,]\d)"), _year_range, "year"),
    (re.compile(r"(?<![\w.,])(?P<year>1[89]\d0|20\d0)['’]?s\b"), _decade, "year"),
    (re.compile(r"\b(?P<rel>[Ll]ast|[Nn]ext|[Tt]his)\s+(?P<what>year|month)\b"), _relative, None),
    (re.compile(rf"\b(?P<rel>[Ll]ast|[Nn]ext|[Tt]his)\s+{_M}"), _relative, "month"),
    (re.compile(r"\b(?P<word>[Tt]oday|[Yy]esterday|[Tt]omorrow)\b"), _dayword, None),
    (re.compile(rf"(?<!\w)(?:(?P<between>[Bb]etween)\s+|[Ff]rom\s+){_M}\s*(?(between)and|(?:[-–—]|to|through|until))"
                rf"\s*{_M2}{_NO_YEAR}"), _yearless_span, "month"),
    (re.compile(rf"(?<!\w)(?:(?P<between>[Bb]etween)\s+|[Ff]rom\s+)?{_M}\s+{_D}\s*"
                rf"(?(between)and|(?:[-–—]|to|through|until|and))\s*(?:{_M2}\s+)?{_D2}(?!\w|,?\s*\d)"),
     _yearless_span, "month+digit"),
    (re.compile(rf"(?<!\w)(?:(?P<between>[Bb]etween)\s+)?{_D}(?:\s+{_M})?\s*(?(between)and|(?:[-–—]|to|through|until|and))\s*"
                rf"{_D2}\s+{_M2}{_NO_YEAR}"),
     _yearless_span, "month+digit"),
    (re.compile(rf"(?<!\w){_WD}{_D}\s+{_M}{_NO_YEAR}"), _yearless, "month+digit"),
    (re.compile(rf"(?<!\w){_WD}{_M}\s+{_D}(?!\w|,?\s*\d)"), _yearless, "month+digit"),
    (re.compile(r"\b(?P<weekday>(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\b"), _weekday, None),
    # a month alone after a preposition ("in August", "since March"), or naming a figure's time ("the
    # July figure", "the May reading"); "the July 4 parade" and "the May Fair" name none
    # "in July and August": both months, as one span
    (re.compile(rf"(?:{_AFTER_PREPOSITION}){_M}\s+(?:and|or)\s+{_M2}{_NO_YEAR}"), _yearless_span,
     "month"),
    (re.compile(rf"(?:{_AFTER_PREPOSITION}){_M}{_NO_YEAR}"), _bare_month, "month"),
    (re.compile(rf"(?<=\b[Tt]he ){_M}(?=\s+(?:{_DATA_NOUNS})\b)"), _bare_month, "month"),
    (re.compile(rf"(?<![\w.,$€£¥/:]){_Y}(?![\w%]|[.,:/]\d)"), _year, "year"),
]
# The tests of `_PATTERNS`' needs: each finds a part that any match of such a pattern holds.
_MONTH_NAME = re.compile(_M)
_FOUR_DIGITS = re.compile(r"\d{4}")
_DIGIT = re.compile(r"\d")


def what_is_present(text: str) -> dict[_Need, bool]:
    """Which of the patterns' needs the text meets."""
    month = _MONTH_NAME.search(text) is not None
    return {None: True, "year": _FOUR_DIGITS.search(text) is not None, "month": month,
            "month+digit": month and _DIGIT.search(text) is not None}  # fmt: skip


def find_dates(text: str, published: str | None = None,
               blocked: list[tuple[int, int]] = ()) -> list[tuple[int, int, DateValue | None]]:
    """Every date in `text` as (start, end, value), in order; value None when it cannot be resolved.

    Unresolved dates are still returned so that their digits are not read as numbers.
    """
    pub = parse_published(published)
    taken = list(blocked)
    found: list[tuple[int, int, DateValue | None]] = []
    present = what_is_present(text)
    for pattern, handler, need in _PATTERNS:
        if not present[need]:
            continue  # the pattern needs what the text does not have: no match
        for mt in pattern.finditer(text):
            if any(mt.start() < e and s < mt.end() for s, e in taken):
                continue
            value = handler(mt, pub)
            if value is not False:
                taken.append((mt.start(), mt.end()))
                found.append((mt.start(), mt.end(), value))
    return sorted(found, key=lambda f: f[0])


def year_before(d: DateValue) -> DateValue | None:
    """The same day, month or period one year earlier (None for a 29 February)."""
    first = _value(*(p - (i == 0) for i, p in enumerate(date_parts(d.date))))
    last = _value(*(p - (i == 0) for i, p in enumerate(date_parts(d.end)))) if d.end else None
    if not first or (d.end and not last):
        return None
    return DateValue(date=first.date, end=last.date if last else None)


def yearless(text: str) -> bool:
    """Whether a date as written names no year ("July 14", "14-27 July")."""
    return not re.search(rf"(?<!\d){_YR}(?!\d)|'\d\d\b", text)


def date_parts(text: str) -> list[int]:
    """"2024-07" → [2024, 7]: a date's year, month and day as numbers."""
    return [int(p) for p in text.split("-")]


def date_range(d: DateValue) -> tuple[dt.date, dt.date]:
    """The first and the last day a date or period covers."""
    return _days(d.date, d.end)


@lru_cache(maxsize=16384)  # a sentence's date is compared with every candidate date claim
def _days(date: str, end: str | None) -> tuple[dt.date, dt.date]:
    first = date_parts(date) + [1, 1]
    y, *rest = date_parts(end or date)
    m = rest[0] if rest else 12
    day = rest[1] if len(rest) > 1 else calendar.monthrange(y, m)[1]
    return dt.date(*first[:3]), dt.date(y, m, day)


def compare_dates(stated: DateValue, claimed: DateValue) -> tuple[bool, str]:
    """Agreement at the coarser precision of the two; a period never equals a single date."""
    if (stated.end is None) != (claimed.end is None):
        return False, f"{describe_date(stated)} and {describe_date(claimed)}: a period is not a single date"
    ends = [e for e in (stated.date, stated.end, claimed.date, claimed.end) if e]
    precision = min(e.count("-") for e in ends)

    def cut(v: DateValue) -> tuple[str | None, ...]:
        return tuple("-".join(e.split("-")[: precision + 1]) if e else None for e in (v.date, v.end))

    agree = cut(stated) == cut(claimed)
    verb = "matches" if agree else "differs from"
    return agree, f"{describe_date(stated)} {verb} {describe_date(claimed)} (to the {PRECISION[precision]})"


def describe_date(d: DateValue) -> str:
    """'2016', 'June 2016', '8 June 2016', '2013 to 2015'."""

    def one(text: str) -> str:
        y, *rest = date_parts(text)
        words = [str(rest[1])] if len(rest) > 1 else []
        return " ".join(words + ([MONTHS[rest[0] - 1]] if rest else []) + [str(y)])

    return one(d.date) + (f" to {one(d.end)}" if d.end else "")
