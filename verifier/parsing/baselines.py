"""What a change is measured against: "rose 0.6% compared with the previous quarter" is a change
over one period, "rose 2.5% compared with the same quarter of the previous year" over a year.

extract names a change's property after its baseline ("gdp_change_vs_previous_quarter"), and
check reads the baseline a sentence states, so that a quarter-on-quarter change is never judged
by a year-on-year one, nor a month-on-month one by either (their figures differ without any
being wrong).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

BASELINE_OF_CHANGE = re.compile(r"\b(?i:compared (?:with|to)|from|on|over|versus)\s+(?:the\s+|a\s+)?"
                                r"(?P<base>(?:same|previous|prior|preceding|last)\b[a-z0-9 ]{0,40}?"
                                r"|year earlier|year ago)(?=[,;().]|\s*$|\s+(?:in|and|after)\b)")
# "rose 2.5% year-on-year", "on an annual basis", "quarter-on-quarter": a baseline in one word
_SHORT = re.compile(r"(?i)\b(?P<base>(?:year|quarter|month|week)[- ]on[- ](?:year|quarter|month|week)"
                    r"|on an? (?:annual|yearly|quarterly|monthly) basis|[yqm]/[yqm])\b")
_SHORT_KIND = {"year": "year", "annual": "year", "yearly": "year", "y": "year", "quarter": "period quarter",
               "quarterly": "period quarter", "q": "period quarter", "month": "period month",
               "monthly": "period month", "m": "period month", "week": "period week"}
# "12% more than this year", "compared with 2023", "than in 2024", "since 2009": the date of a
# baseline, not when the figure holds
BASELINE_DATE = re.compile(r"\b(?:than|compared\s+(?:to|with)|versus|vs\.?|since)\s+(?:in\s+|on\s+)?$")
_FILLER = frozenset({"the", "a", "an", "of", "in", "on", "at", "to", "for"})
_PERIOD_BEFORE = frozenset({"previous", "prior", "preceding", "last"})


def baselines(text: str) -> Iterator[tuple[int, int, list[str]]]:
    """Each baseline the text states: its span and words ("same quarter previous year",
    "year on year")."""
    found = [*BASELINE_OF_CHANGE.finditer(text), *_SHORT.finditer(text)]
    for base in sorted(found, key=lambda b: b.start()):
        words = [w for w in re.findall(r"[a-z0-9]+", base["base"].lower()) if w not in _FILLER][:4]
        if words:
            yield base.start(), base.end(), words


def baseline_kind(words: list[str]) -> str:
    """ "year": the same period a year before ("same quarter previous year", "year earlier",
    "year on year"); "period <unit>": the period just before ("previous quarter", "month on
    month"); else the words."""
    if len(words) == 2 and words[0] in _SHORT_KIND and words[1] in (words[0], "basis"):
        return _SHORT_KIND[words[0]]  # "year-on-year", "on a quarterly basis", "m/m"
    if "same" in words or words[:2] in (["year", "earlier"], ["year", "ago"]) \
            or len(words) == 2 and words[0] in _PERIOD_BEFORE and words[1] == "year":
        return "year"
    if len(words) == 2 and words[0] in _PERIOD_BEFORE:
        return f"period {words[1]}"
    return " ".join(words)


def stated_baselines(text: str) -> set[str]:
    """The kinds of baseline a sentence states for its changes (none: an empty set)."""
    return {baseline_kind(words) for _, _, words in baselines(text)}


def property_baseline(prop: str) -> str | None:
    """The kind of baseline a claim's property names ("gdp_change_vs_previous_quarter": "period
    quarter")."""
    _, sep, rest = prop.partition("_vs_")
    return baseline_kind(rest.split("_")) if sep and rest else None
