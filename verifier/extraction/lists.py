"""What a table heading tells the list items under it: "Visits by site in 2025/26 (2024/25 in
parentheses):" names each item's bare figure (`number_of_visits`) and dates the figures in
parentheses; a full sentence ends the list.
"""

from __future__ import annotations

import re
from dataclasses import replace

from verifier.common.text import STOPWORDS
from verifier.extraction import names
from verifier.extraction.context import Context
from verifier.extraction.patterns import Fact
from verifier.extraction.properties import GENERIC_PROPS
from verifier.models import DateValue, Period, QuantityValue
from verifier.parsing.quantities import find_values

ITEM = re.compile(r"\s*(?:[-•*▪◦]|\d{1,2}[.)])\s+\S")  # "- wind: 1,120 GWh", "2. Law: 4,120 students"


def read_list_heading(ctx: Context, line: str) -> None:
    """A line ending in a colon sets what the list below it counts and when its asides hold; any
    line that is no list item ends the list."""
    if line.rstrip().endswith(":"):
        ctx.list_noun = _list_noun(line)  # "Visits by site in 2025/26:": the items below count visits
        ctx.list_aside = _aside_time(line, ctx.published)
    elif not ITEM.match(line):
        ctx.list_noun = ctx.list_aside = None


def listed_facts(ctx: Context, sentence: str, found: list[Fact]) -> list[Fact]:
    """A list item's facts, named and dated by the heading above it."""
    if not ITEM.match(sentence):
        return found
    if ctx.list_noun:
        found = [f if _aside(f, sentence) else replace(f, prop=_listed(f, ctx.list_noun)) for f in found]
    if ctx.list_aside:
        found = _asides_dated(found, sentence, ctx.list_aside)
    return found


_BY_HEADING = re.compile(r"\s*(?:[A-Za-z][\w-]*\s+){0,2}?(?P<noun>[A-Za-z][\w-]*)\s+by\s+[a-z]")


_ASIDE = re.compile(r"\((?P<when>[^()]{2,40}?)\s+in\s+(?:parentheses|brackets)\)")


def _aside_time(line: str, published: str | None) -> DateValue | None:
    """The time a heading gives its list's figures in parentheses: "(30 June in parentheses)"."""
    found = _ASIDE.search(line)
    dates = [m.value for m in find_values(found["when"], published) if isinstance(m.value, DateValue)] \
        if found else []
    return dates[0] if len(dates) == 1 else None


def _asides_dated(found: list[Fact], sentence: str, when: DateValue) -> list[Fact]:
    """ "- Kelsmoor: 27% (24%)": the figure in parentheses is the same measure as the one before it,
    at the heading's time for them."""
    out, before = [], None
    for fact in sorted(found, key=lambda f: f.anchor or (f.start, f.end)):
        if fact.anchor is None or not isinstance(fact.value, QuantityValue):
            out.append(fact)
        elif not _aside(fact, sentence):
            out.append(fact)
            before = fact
        elif not sentence[fact.anchor[1]:].lstrip().startswith(")") or fact.value.noun:
            out.append(fact)  # "(2,100 of them online)", "(52% of all visits)": words of its own
        else:
            prop = before.prop if before is not None else fact.prop
            dated = dict(as_of=None, period=Period(start=when.date, end=when.end)) if when.end \
                else dict(as_of=when.date, period=None)
            out.append(replace(fact, prop=prop, **dated))
    return out


def _aside(fact: Fact, sentence: str) -> bool:
    """Whether a figure stands in parentheses, after the item's own: "- Leeds: 412 (388)"."""
    return fact.anchor is not None and sentence[:fact.anchor[0]].rstrip().endswith("(")


def _list_noun(line: str) -> str | None:
    found = _BY_HEADING.match(line)
    return found["noun"].lower() if found and found["noun"].lower() not in STOPWORDS else None


def _listed(fact: Fact, noun: str) -> str:
    """A list item's bare figure named after what its heading lists ("- Museum of Industry: 611,300"
    under "Visits by site": `number_of_visits`; "- Kelsmoor: 27%" under "Coverage by district":
    `coverage`); a figure with words of its own keeps its property."""
    value = fact.value
    if fact.prop not in GENERIC_PROPS or not isinstance(value, QuantityValue) or value.noun:
        return fact.prop
    if value.unit or value.currency:
        return names.snake(noun)
    return f"number_of_{names.snake(noun)}"
