"""When a sentence's figures hold, beside the time its scope gives: the date right after a figure
("rose 12% in 2020"), the month that names one ("the July figure of 1.4 percent"), the end of a
window ("for the 12 months ending August"), and the times a baseline's words make another ("after
+1.1% in the previous quarter", "from €27.1m a year earlier", "in the first quarter" of a stated
year). figures.py reads what each figure is; this module, when.
"""

from __future__ import annotations

import re

from verifier.common.lexicon import lexicon
from verifier.extraction import names
from verifier.models import DateValue, QuantityValue
from verifier.parsing.dates import FIGURE_NOUNS, MONTHS, YEAR_EARLIER, baseline_before, year_before
from verifier.parsing.periods import unit_before
from verifier.parsing.quantities import Mention
from verifier.parsing.yearless import DATA_TIMES

_LEX = lexicon()
DATE_CUES = [re.compile(c.cue, re.IGNORECASE) for c in _LEX.date_cues]
_EVENT_CUES = [re.compile(c.cue, re.IGNORECASE) for c in _LEX.date_cues if c.property not in DATA_TIMES]
_ANOTHER_CLAUSE = re.compile(r"\b(?:after|before|following|since|when|while|that|which|who|where|until|as|it"
                             r"|they|he|she)\b")
TIME_UNIT = r"(?:year|month|week|day|hour|minute|quarter|decade)"


_OBJECT_LEAD = re.compile(r"\s+(?:(?:a|an|the|its|their|some|about|nearly|almost|more\s+than|over|up\s+to"
                          r"|another|a\s+further)\s+)*")


def _object_of(sentence: str, verb_end: int, figure: int) -> bool:
    """Whether the figure starting at `figure` is the object of the verb ending at `verb_end`
    ("recalled 40,000 cars", "approved a further 300")."""
    return verb_end <= figure and _OBJECT_LEAD.fullmatch(sentence, verb_end, figure) is not None


def takes_figure(sentence: str, end: int, mentions: list[Mention]) -> bool:
    """Whether a verb ending at `end` has one of the sentence's figures for its object."""
    return any(isinstance(x.value, QuantityValue) and _object_of(sentence, end, x.start) for x in mentions)


def _cued(sentence: str, clause: tuple[int, int], figure: int) -> bool:
    """Whether an event cue in the clause makes a date the event's ("signed by almost 200 nations in
    2016"); not a verb whose object the figure is ("recalled 40,000 cars in 2025": the cars' year)."""
    return any(not _object_of(sentence, cue.end(), figure)
               for rx in DATE_CUES for cue in rx.finditer(sentence, *clause))


def figure_dates(sentence: str, mentions: list[Mention], props: list[str]) -> dict[int, int]:
    """ "output rose 12% in 2020", "312 per 100,000 people between 2019 and 2021": a date right after a
    figure, with no cue of its own, is when the figure holds (as_of, or its period), not a date claim.
    Date mention index → quantity mention index."""
    out = {}
    for i in range(1, len(mentions)):
        m, before = mentions[i], mentions[i - 1]
        if isinstance(m.value, DateValue) and props[i] == "date" and isinstance(before.value, QuantityValue) \
                and re.fullmatch(_date_gap(m), sentence[before.end:m.start]) \
                and not _baseline_time(sentence, before.end, m) \
                and not _cued(sentence, names.clause(sentence, before.start, m.end), before.start):
            out[i] = i - 1  # "signed by almost 200 nations in 2016": the date is the signing's
        elif isinstance(m.value, DateValue) and (k := _window_figure(sentence, mentions, i)) is not None:
            out[i] = k  # "rose 1.9 percent for the 12 months ending August": the window's end
        elif isinstance(before.value, DateValue) and isinstance(m.value, QuantityValue) \
                and _NAMED_FIGURE.fullmatch(sentence, before.end, m.start):
            out[i - 1] = i  # "up from the July figure of 1.4 percent": the month the figure is of
    # "58% of the power the cooperative sold in 2025": the year of the clause's one figure; "its budget
    # for 2026 is €3.4 million": a year after the noun a figure is of, the clause's one figure after it
    for i, m in enumerate(mentions):
        if i in out or not isinstance(m.value, DateValue) or props[i] != "date" or len(m.value.date) != 4:
            continue
        prep = re.search(r"\b(?:in|during|(?<=[a-z] )for)\s+(?:the\s+)?$", sentence[:m.start])
        if prep and _BASELINE_DATE.search(sentence, max(0, prep.start() - 30), prep.start()):
            continue  # "12% more than in 2024": the year compared with
        # "517 people were seriously injured last year": a relative year needs no preposition, but
        # "has 40 branches after it bought Morrow Savings last year" is the buying's year
        relative = _RELATIVE.match(m.text) \
            and not _BASELINE_TIME.search(sentence, max(0, m.start - 30), m.start)
        if not (prep or relative) or relative and i and _ANOTHER_CLAUSE.search(sentence, mentions[i - 1].end,
                                                                                   m.start):
            continue
        lo, hi = names.clause(sentence, m.start, m.end)
        ahead = prep is not None and prep.group().startswith("for")
        figures = [j for j in (range(i + 1, len(mentions)) if ahead else range(i))
                   if isinstance(mentions[j].value, QuantityValue) and lo <= mentions[j].start < hi]
        cues = _EVENT_CUES if relative else DATE_CUES
        if len(figures) == 1 and not any(rx.search(sentence, lo, hi if ahead else m.end) for rx in cues):
            out[i] = figures[0]
    return out


def _window_figure(sentence: str, mentions: list[Mention], i: int) -> int | None:
    """The figure whose window ends at the date mention `i` ("4 percent in the year to March 2012")."""
    return next((k for k in (i - 1, i - 2) if k >= 0 and isinstance(mentions[k].value, QuantityValue)
                 and _COUNTED_WINDOW_GAP.fullmatch(sentence, mentions[k].end, mentions[i].start)), None)


_WINDOW_GAP = re.compile(rf"\s+(?:for|over|in|during)\s+the\s+(?:(?:\d+|[a-z]+)[\s-]+)?{TIME_UNIT}s?"
                         r"\s+(?:ending|ended|to|through)\s+(?:in\s+)?")
# "1.87 million passengers in the year to 31 December": the words a figure counts come first
_COUNTED_WINDOW_GAP = re.compile(r"(?:\s+[a-z][a-z-]*){0,2}?" + _WINDOW_GAP.pattern)
_NAMED_FIGURE = re.compile(rf"\s+(?:{FIGURE_NOUNS})s?\s+(?:of|was|stood at|at)\s+")
_WORDS = r"(?:\s+(?!(?:and|but|while|which|when|after|before|since|until)\b)[a-z]+){0,3}?"
# "rose 2% in 2024", "fell to 84,730 at the end of June"
_YEAR_GAP = re.compile(rf"{_WORDS}\s+(?:in|during|for|over|at\s+the\s+(?:end|close)\s+of)\s+")
# "€22.4m at 30 June": a balance's day; "approved a dividend of €1.20 on 3 March" stays the approval's
_DAY_GAP = re.compile(rf"{_WORDS}\s+(?:in|during|for|over|at|as\s+(?:of|at))\s+")
_DATE_GAP = re.compile(rf"{_WORDS}\s+(?:(?:in|during|over)\s+)?")


def _date_gap(m: Mention) -> re.Pattern:
    """What may stand between a figure and its own date: a span or "last year" needs no preposition,
    a day may follow "at" or "as of" too ("at 30 June 2026"), a year or month only "in", "for", ..."""
    if m.value.end or _RELATIVE.match(m.text):
        return _DATE_GAP
    return _DAY_GAP if len(m.value.date) == 10 else _YEAR_GAP


# "sold 1.3 million kettles last year": a relative time needs no preposition to date the figure
_RELATIVE = re.compile(r"(?i:last|this|next)\s")
# "20% more than last year", "fell 4% from last year": the time compared with, not the figure's
_COMPARED_WITH = r"than|from|compared\s+(?:with|to)|versus|vs\.?|on"
_BASELINE_TIME = re.compile(rf"\b(?:{_COMPARED_WITH}|over)\s+(?:in\s+)?$")
# "12% more than in 2024": of a date as written, "over" is a span ("rose 3% over 2024"), not a baseline
_BASELINE_DATE = re.compile(rf"\b(?:{_COMPARED_WITH})\s+(?:in\s+)?$")


def _baseline_time(sentence: str, after: int, m: Mention) -> bool:
    """Whether the date `m`, said after a figure that ends at `after`, is the time it is compared with."""
    words = _BASELINE_TIME if _RELATIVE.match(m.text) else _BASELINE_DATE
    return words.search(sentence, after, m.start) is not None


# "3,120 meters in 2025, 12% more than in 2024", "revenue of €3.1m, up 8%": a change set beside the
# figure before it, of the same measure and time
# ... than a time or its figure, not than another body ("12% more than Skyline Air" compares two airlines)
_MONTH_NAMES = "|".join(MONTHS)
_THAN_WHEN = (r"(?:in\s+|during\s+|on\s+|at\s+)?(?:the\s+(?:same|previous|prior|preceding|year|month"
              rf"|quarter)\b|a\s+year\b|last\b|\d{{4}}\b|(?:{_MONTH_NAMES})\b|the\s+[$€£]?\d)")
_MORE_THAN = re.compile(rf"\s+(?:more|fewer|less|higher|lower)\b(?:\s+[a-z]+){{0,2}}?\s+than\s+"
                           rf"{_THAN_WHEN}")
_UP_OR_DOWN = re.compile(r",\s+(?:up|down)\s+(?:by\s+)?(?:(?:about|around|nearly|almost|some)\s+)?$")


def apposed_change(sentence: str, mentions: list[Mention], i: int) -> int | None:
    """The figure before `i` that `i` is a change of, said beside it: "3,120 meters in 2025, 12% more
    than in 2024" (the meters'), "revenue of €3.1m, up 8% on 2024". None when `i` is none."""
    m = mentions[i]
    before = [j for j in range(i) if isinstance(mentions[j].value, QuantityValue)]
    if not before or not changes_beside(sentence, mentions[before[-1]].end, m):
        return None
    return before[-1]


def changes_beside(sentence: str, after: int, m: Mention) -> bool:
    """Whether the percentage `m` is a change of the figure that ends at `after`, set off from it by a
    comma ("3,120 meters in 2025, 12% more than in 2024"); not "12% more than in 2024" alone."""
    if not isinstance(m.value, QuantityValue) or m.value.unit not in ("percent", "percentage points") \
            or sentence.rfind(",", after, m.start) < 0:
        return False
    return bool(_MORE_THAN.match(sentence, m.end) or _UP_OR_DOWN.search(sentence, max(0, m.start - 30),
                                                                              m.start))


def relative_time(sentence: str, mentions: list[Mention], i: int, own: DateValue | None,
                   last_own: DateValue | None) -> DateValue | None:
    """The time of the figure `i`, which has no date of its own, where the words after it make it
    another than the sentence's `own`: "In 2030, exports grew 2.1% in the first quarter" (a part of
    the year), "after 1.6% in the previous quarter" (the unit before the figure it follows), "from
    €27.1m a year earlier" (the year before)."""
    end = mentions[i].end
    part = _PART_OF_YEAR.match(sentence, end)
    if part and own is not None and len(own.date) == 4 and not own.end:
        own = _part_of(own.date, part)
    if unit := _previous_unit(sentence, mentions, i):
        ref = last_own or own
        if ref is not None and unit == "year" and len(ref.date) == 4 and not ref.end:
            # "2.1% in 2025, after 1.8% in the previous year"
            return DateValue(date=f"{int(ref.date) - 1:04d}")
        # the 12 months before a 12-month window; before a quarter, "the previous year" says too little
        return None if ref is None else unit_before(ref, unit)
    if last_own is not None and YEAR_EARLIER.match(sentence, end):
        return year_before(last_own)  # "to €22.4m at 30 June 2026 from €27.1m a year earlier"
    if own is None and last_own is not None and apposed_change(sentence, mentions, i) is not None:
        return last_own  # "3,120 meters in 2025, 12% more than in 2024": the change over 2025
    return own


# "in the previous quarter", "in the preceding month", after the figure and any place it is of
_PREVIOUS_UNIT = re.compile(r"(?:\s+in\s+(?:the\s+)?[A-Z][\w.-]*(?:\s+[A-Za-z][\w.-]*){0,3}?)?"
                            r"\s+(?:in\s+)?the\s+(?:previous|preceding|prior)\s+(?P<unit>month|quarter|half|year)\b")


YEAR_EARLIER_FIRST = re.compile(r"\s*(?i:(?:a|one)\s+year\s+(?:earlier|before)|in\s+the\s+previous\s+year),")
# "in the first quarter" with no year of its own: a part of the year the sentence gives
_PART_OF_YEAR = re.compile(r"\s+in\s+the\s+(?P<nth>first|second|third|fourth|1st|2nd|3rd|4th)\s+"
                           r"(?P<part>quarter|half)\b(?!\s+of\b|,?\s+\d)")
_NTH = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}


def _part_of(year: str, part: re.Match) -> DateValue | None:
    """The quarter or half of `year` that `part` names; None for a fifth quarter or a third half."""
    months = 3 if part["part"] == "quarter" else 6
    n = _NTH[part["nth"]]
    if n * months > 12:
        return None
    return DateValue(date=f"{year}-{(n - 1) * months + 1:02d}", end=f"{year}-{n * months:02d}")


_AND_ANOTHER = re.compile(r"[^,;()]*\s(?:and|or)\s+[+−-]?")


def is_baseline(sentence: str, mentions: list[Mention], i: int) -> bool:
    """Whether the figure `i` is a baseline: "after +1.0%", and "+1.1%" coordinated with it ("after
    +1.0% in the euro area and +1.1% in the EU")."""
    if baseline_before(sentence, mentions[i].start):
        return True
    q = [j for j in range(i) if isinstance(mentions[j].value, QuantityValue)]
    if not q or not isinstance(mentions[i].value, QuantityValue):
        return False
    last, this = mentions[q[-1]], mentions[i]
    # "down from 13.1 µg/m³ in 2024 and about 16% below the average": a figure of another measure
    same = (last.value.unit, last.value.currency) == (this.value.unit, this.value.currency)
    return same and baseline_before(sentence, last.start) \
        and _AND_ANOTHER.fullmatch(sentence, last.end, this.start) is not None


def _previous_unit(sentence: str, mentions: list[Mention], i: int) -> str | None:
    """The unit of "in the previous quarter" that dates the baseline figure `i`, said right after it
    or after the figure coordinated with it ("after +1.0% in A and +1.1% in B in the previous quarter")."""
    if not is_baseline(sentence, mentions, i):
        return None
    for j in range(i, len(mentions)):
        later = isinstance(mentions[j].value, QuantityValue) and is_baseline(sentence, mentions, j)
        if j > i and not later:
            return None
        if found := _PREVIOUS_UNIT.match(sentence, mentions[j].end):
            return found["unit"]
    return None
