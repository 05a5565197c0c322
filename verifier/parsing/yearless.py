"""Dates written by the calendar but with no year ("in June", "on 10 June", "on Friday"), and the
event words that govern a date ("opened in June 2024"): what `check` asks of a draft's dates
beyond their values."""

from __future__ import annotations

import re
from functools import lru_cache

from verifier.models import Claim, DateValue
from verifier.parsing.dates import MONTHS, WEEKDAYS, find_dates, what_is_present

_WEEKDAY = re.compile(rf"\b(?:{'|'.join(WEEKDAYS)})\b")
# A calendar's own words: a month's or a weekday's name, not "today" or "last year".
_CALENDAR = re.compile(rf"\b(?:{'|'.join(MONTHS)}|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b"
                       rf"|{_WEEKDAY.pattern}")
_ONE_DAY = "2000-01-01"  # any fixed day: two texts' year-less dates are read against the same one


def yearless_dates(text: str) -> list[tuple[int, int, DateValue]]:
    """The dates `text` writes by the calendar but with no year ("in June", "on 10 June", "on
    Wednesday"), as (start, end, value read in one fixed year): without a publication date they
    resolve to nothing, yet they still state when."""
    if not (what_is_present(text)["month"] or "day" in text):
        return []
    unresolved = {(s, e) for s, e, v in find_dates(text) if v is None and _CALENDAR.search(text, s, e)}
    return [(s, e, v) for s, e, v in find_dates(text, _ONE_DAY) if (s, e) in unresolved and v]


def states_yearless(text: str, wording: str, date: DateValue) -> bool:
    """Whether `text` states the day or month `date` names, in any year (`date` and its `wording`
    from yearless_dates): "opened in April 2025" states "in April"; "on 10 June" states "in June".
    A weekday is stated only by its name: in one fixed year it falls on some date by chance."""
    if weekday := _WEEKDAY.search(wording):
        return re.search(rf"\b{weekday.group()}\b", text) is not None
    return any(v is not None and within_yearless(v, date) for _, _, v in find_dates(text, _ONE_DAY))


def month_time(claim: Claim) -> DateValue | None:
    """A claim's own time where it is a month, a period or a day the source gave it, not an as_of to
    the day, which is most often the publication's own date: it says when the source spoke, not
    that the figure is of that month."""
    if claim.period:
        return DateValue(date=claim.period.start, end=claim.period.end)
    return DateValue(date=claim.as_of) if claim.as_of and len(claim.as_of) == 7 else None


def holds_in(claim: Claim, date: DateValue) -> bool:
    """Whether the claim's own time is in the year-less month or day: "rose 9 percent in August"
    against a figure as of August 2012."""
    when = month_time(claim)
    return when is not None and within_yearless(when, date)


def is_weekday(wording: str) -> bool:
    return _WEEKDAY.search(wording) is not None


def within_yearless(claimed: DateValue, date: DateValue) -> bool:
    """Whether `claimed` lies in the day or month a year-less `date` names, whatever its year."""
    day, end = date.date[4:], (date.end or date.date)[4:]
    return claimed.date[4:].startswith(day) and (claimed.end or claimed.date)[4:].startswith(end)


@lru_cache(maxsize=2)
def _cue_before(events_only: bool) -> re.Pattern:
    # imported here: `validate` and a warm start read dates but must not parse the lexicon
    from verifier.common.lexicon import lexicon

    cues = [c.cue for c in lexicon().date_cues if not (events_only and c.property in DATA_TIMES)]
    return re.compile(rf"(?:{'|'.join(cues)})\s+(?:in|on|by|until|during)\s+(?:the\s+)?$")


DATA_TIMES = frozenset({"data_period"})  # "data for 2024": the figures' own time, no event's


def date_cue_before(text: str, start: int, events_only: bool = False) -> bool:
    """Whether a date cue of the lexicon governs the date at `start` ("peaking in August", "opened
    in June 2024", "signed on 3 May"); `events_only`: not a cue of the data's own time."""
    return _cue_before(events_only).search(text, max(0, start - 60), start) is not None
