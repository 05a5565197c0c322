"""What a change is measured against: "rose 0.6% compared with the previous quarter" is a change
over one period, "rose 2.5% compared with the same quarter of the previous year" over a year.

extract names a change's property after its baseline ("gdp_change_vs_previous_quarter"), and
check reads the baseline a sentence states, so that a quarter-on-quarter change is never judged
by a year-on-year one (their figures differ without either being wrong).
"""

from __future__ import annotations

import re

BASELINE_OF_CHANGE = re.compile(r"\b(?i:compared (?:with|to)|from|on|over|versus)\s+(?:the\s+|a\s+)?"
                                r"(?P<base>(?:same|previous|prior|preceding|last)\b[a-z ]{0,40}?"
                                r"|year earlier|year ago)(?=[,;().]|\s*$|\s+(?:in|and|after)\b)")
# "12% more than this year", "compared with 2023", "than in 2024", "since 2009": the date of a
# baseline, not when the figure holds
BASELINE_DATE = re.compile(r"\b(?:than|compared\s+(?:to|with)|versus|vs\.?|since)\s+(?:in\s+|on\s+)?$")
_FILLER = frozenset({"the", "a", "an", "of", "in", "on", "at", "to", "for"})
_PERIOD_BEFORE = frozenset({"previous", "prior", "preceding", "last"})


def baseline_words(text: str) -> list[str] | None:
    """The words of the baseline a text states ("same quarter previous year"), or None."""
    if not (base := BASELINE_OF_CHANGE.search(text)):
        return None
    return [w for w in re.findall(r"[a-z0-9]+", base["base"].lower()) if w not in _FILLER][:4] or None


def baseline_kind(words: list[str]) -> str:
    """ "year": the same period a year before ("same quarter previous year", "year earlier");
    "period": the period just before ("previous quarter", "prior month"); else the words."""
    if "same" in words or words[:2] in (["year", "earlier"], ["year", "ago"]) \
            or len(words) == 2 and words[0] in _PERIOD_BEFORE and words[1] == "year":
        return "year"
    if len(words) == 2 and words[0] in _PERIOD_BEFORE:
        return "period"
    return " ".join(words)


def stated_baseline(text: str) -> str | None:
    """The kind of baseline a sentence states for its change, or None."""
    words = baseline_words(text)
    return baseline_kind(words) if words else None


def property_baseline(prop: str) -> str | None:
    """The kind of baseline a claim's property names ("gdp_change_vs_previous_quarter": "period")."""
    _, sep, rest = prop.partition("_vs_")
    return baseline_kind(rest.split("_")) if sep and rest else None
